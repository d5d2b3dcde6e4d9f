import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** The raw body exactly as received, for signature checks. */
  body: string;
  /** The status the receiver answered with; 0 when it hung. */
  status: number;
}

export interface ReceiverReply {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

/** Decides the reply to a request that was not failed on purpose; the default is 200 `ok`. */
export type Responder = (request: Omit<RecordedRequest, 'status'>) => ReceiverReply;

/**
 * A real HTTP server on 127.0.0.1 and a free port that records every request. `failFirst(n)` makes the next
 * n requests get a 500, to exercise retries; `failAll()` makes every request fail.
 */
export class HttpReceiver {
  readonly requests: RecordedRequest[] = [];
  private failuresLeft = 0;
  private hanging = false;
  private readonly server: Server;

  constructor(private readonly responder: Responder = () => ({ status: 200, body: 'ok' })) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.statusCode = 400;
        res.end(String(error));
      });
    });
  }

  failFirst(n: number): void {
    this.failuresLeft = n;
  }

  failAll(): void {
    this.failuresLeft = Number.POSITIVE_INFINITY;
  }

  /** Never answers from now on (until stopped): a hung receiver, for client timeouts. */
  hang(): void {
    this.hanging = true;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const request = {
      method: req.method ?? '',
      path: req.url ?? '',
      headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    if (this.hanging) {
      this.requests.push({ ...request, status: 0 });
      return;
    }
    let reply: ReceiverReply;
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      reply = { status: 500, body: 'receiver failing on purpose' };
    } else reply = this.responder(request);
    this.requests.push({ ...request, status: reply.status });
    res.writeHead(reply.status, reply.headers ?? { 'content-type': 'text/plain' });
    res.end(reply.body ?? '');
  }

  /** Starts listening; resolves to the base URL, e.g. `http://127.0.0.1:40123`. */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((e) => (e ? reject(e) : resolve())));
  }
}
