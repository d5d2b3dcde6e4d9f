import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  envelope: { from: string; to: string[] };
  /** Header names lower-cased, folded lines joined, RFC 2047 words decoded. */
  headers: Record<string, string>;
  /** The text/plain part, transfer encoding undone. */
  text: string;
  /** The text/html part, if any, transfer encoding undone. */
  html: string | undefined;
  raw: string;
}

function decodeWords(value: string): string {
  return value.replace(
    /=\?([^?]+)\?([BbQq])\?([^?]*)\?=\s*/g,
    (_m, _charset: string, enc: string, data: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : Buffer.from(
            data
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
  );
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  return headers;
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '7bit').toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable': {
      const soft = body.replace(/=\r\n/g, '');
      const bytes = Buffer.from(
        soft.replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
        'latin1',
      );
      return bytes.toString('utf8');
    }
    default:
      // The raw message was read as latin1 to keep bytes intact; 8bit parts are UTF-8.
      return Buffer.from(body, 'latin1').toString('utf8');
  }
}

interface Part {
  headers: Record<string, string>;
  body: string;
}

function splitEntity(raw: string): Part {
  const at = raw.indexOf('\r\n\r\n');
  return at < 0
    ? { headers: parseHeaders(raw), body: '' }
    : { headers: parseHeaders(raw.slice(0, at)), body: raw.slice(at + 4) };
}

/** Leaf parts of a MIME entity, depth first; enough for what nodemailer writes. */
function leaves(part: Part): Part[] {
  const boundary = /boundary="?([^";]+)"?/i.exec(part.headers['content-type'] ?? '')?.[1];
  if (!boundary) return [part];
  return part.body
    .split(`--${boundary}`)
    .slice(1)
    .filter((chunk) => !chunk.startsWith('--'))
    .flatMap((chunk) => leaves(splitEntity(chunk.replace(/^\r\n/, '').replace(/\r\n$/, ''))));
}

function parseMail(raw: string, envelope: CapturedMail['envelope']): CapturedMail {
  const top = splitEntity(raw);
  const parts = leaves(top);
  const find = (type: string) =>
    parts.find((p) => (p.headers['content-type'] ?? 'text/plain').startsWith(type));
  const decoded = (p: Part | undefined) =>
    p ? decodeBody(p.body, p.headers['content-transfer-encoding']) : undefined;
  return {
    envelope,
    headers: top.headers,
    text: decoded(find('text/plain')) ?? '',
    html: decoded(find('text/html')),
    raw,
  };
}

/** A real SMTP server on 127.0.0.1 and a free port that keeps every message it receives. */
export class SmtpSink {
  readonly messages: CapturedMail[] = [];
  private readonly server: SMTPServer;

  /** With `credentials`, AUTH PLAIN/LOGIN is offered (over plain text, for tests) and checked. */
  constructor(credentials?: { user: string; pass: string }) {
    this.server = new SMTPServer({
      disabledCommands: credentials ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
      authOptional: !credentials,
      allowInsecureAuth: true,
      logger: false,
      onAuth: (auth, _session, callback) => {
        if (credentials && auth.username === credentials.user && auth.password === credentials.pass) {
          callback(null, { user: auth.username });
        } else callback(new Error('Invalid username or password'));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const from = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
          const to = session.envelope.rcptTo.map((r) => r.address);
          this.messages.push(parseMail(Buffer.concat(chunks).toString('latin1'), { from, to }));
          callback();
        });
      },
    });
  }

  async start(): Promise<{ host: string; port: number }> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this.address();
  }

  address(): { host: string; port: number } {
    const { port } = this.server.server.address() as AddressInfo;
    return { host: '127.0.0.1', port };
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
