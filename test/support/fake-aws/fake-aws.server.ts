import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A scripted answer: a body (status 200 unless given) or an AWS error. */
export type FakeReply =
  { status?: number; body: unknown } | { status?: number; error: string; message: string };

export interface FakeCall {
  operation: string;
  method: string;
  path: string;
  body: unknown;
}

/** AWS JSON 1.1 target prefixes → service names used in operation keys (`cloudtrail.LookupEvents`). */
const JSON_TARGETS: Record<string, string> = {
  CloudTrail_20131101: 'cloudtrail',
  Logs_20140328: 'logs',
  StarlingDoveService: 'config',
};

/** REST-JSON routes (GuardDuty, Security Hub, Detective) by method and path. */
const REST_ROUTES: readonly [string, RegExp, string][] = [
  ['POST', /^\/detector\/[^/]+\/findings$/, 'guardduty.ListFindings'],
  ['POST', /^\/detector\/[^/]+\/findings\/get$/, 'guardduty.GetFindings'],
  ['POST', /^\/findings$/, 'securityhub.GetFindings'],
  ['POST', /^\/investigations\/startInvestigation$/, 'detective.StartInvestigation'],
  ['POST', /^\/investigations\/getInvestigation$/, 'detective.GetInvestigation'],
];

/**
 * A real local HTTP server speaking the AWS JSON 1.1 protocol (dispatch on `X-Amz-Target`) and REST-JSON
 * (method + path), with scripted replies per operation: each call takes the next reply, the last one
 * repeats. Point SDK clients at `endpoint` with static fake credentials.
 */
export class FakeAws {
  readonly calls: FakeCall[] = [];
  private readonly scripts = new Map<string, FakeReply[]>();

  private constructor(
    private readonly server: Server,
    readonly endpoint: string,
  ) {}

  static async start(): Promise<FakeAws> {
    const holder: { fake?: FakeAws } = {};
    const server = createServer((req, res) => {
      void holder.fake?.handle(req, res);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    holder.fake = new FakeAws(server, `http://127.0.0.1:${port}`);
    return holder.fake;
  }

  /** Scripts the replies of an operation, e.g. `script('cloudtrail.LookupEvents', page1, page2)`. */
  script(operation: string, ...replies: FakeReply[]): void {
    this.scripts.set(operation, [...replies]);
  }

  callsTo(operation: string): FakeCall[] {
    return this.calls.filter((c) => c.operation === operation);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((done) => this.server.close(() => done()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body: unknown = text ? JSON.parse(text) : null;
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const target = req.headers['x-amz-target'];
    let operation: string | null = null;
    let jsonProtocol = false;
    if (typeof target === 'string') {
      const [prefix = '', name = ''] = target.split('.');
      operation = `${JSON_TARGETS[prefix] ?? prefix}.${name}`;
      jsonProtocol = true;
    } else {
      operation =
        REST_ROUTES.find(([method, pattern]) => method === req.method && pattern.test(path))?.[2] ?? null;
    }
    if (operation === null)
      return this.send(
        res,
        404,
        { message: `no route for ${req.method} ${path}` },
        false,
        'UnknownOperationException',
      );
    this.calls.push({ operation, method: req.method ?? '', path, body });
    const queue = this.scripts.get(operation);
    const reply = queue && queue.length > 1 ? queue.shift() : queue?.[0];
    if (!reply)
      return this.send(
        res,
        400,
        { message: `nothing scripted for ${operation}` },
        jsonProtocol,
        'UnknownOperationException',
      );
    if ('error' in reply)
      return this.send(res, reply.status ?? 400, { message: reply.message }, jsonProtocol, reply.error);
    return this.send(res, reply.status ?? 200, reply.body, jsonProtocol);
  }

  private send(res: ServerResponse, status: number, body: unknown, json: boolean, errorType?: string): void {
    const payload = errorType !== undefined && json ? { __type: errorType, ...(body as object) } : body;
    res.writeHead(status, {
      'content-type': json ? 'application/x-amz-json-1.1' : 'application/json',
      'x-amzn-requestid': `req-${this.calls.length}`,
      ...(errorType !== undefined ? { 'x-amzn-errortype': errorType } : {}),
    });
    res.end(JSON.stringify(payload));
  }
}

/** Static fake credentials for SDK clients pointed at the fake endpoint. */
export const FAKE_CREDENTIALS = { accessKeyId: 'AKIAFAKEFAKEFAKE', secretAccessKey: 'fake-secret' };
