import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { errorBody } from './errors.js';

export interface WebUiOptions {
  /** Folder of the built UI; defaults to web/dist of this package (found from src/ and dist/src/). */
  root?: string;
}

/**
 * The UI's own rules for what the browser may load: scripts only from this server, no plugins, no framing.
 * Styles allow inline attributes because the chart library sets them on the SVG it draws.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function packageWebDist(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'web')))
      return join(dir, 'web', 'dist');
    dir = dirname(dir);
  }
  return resolve('web', 'dist');
}

/** True for paths that belong to the API, so they never fall back to the UI. */
function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/') || path === '/healthz';
}

/** A file of the built UI the path names, or null (then the client route gets index.html). */
function builtFile(root: string, path: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return null;
  }
  const full = resolve(root, `.${decoded}`);
  const rel = relative(root, full);
  if (!rel || rel.startsWith('..') || rel.includes(`..${sep}`)) return null;
  try {
    return statSync(full).isFile() ? rel.split(sep).join('/') : null;
  } catch {
    return null;
  }
}

function securityHeaders(reply: FastifyReply): void {
  void reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
  void reply.header('x-content-type-options', 'nosniff');
  void reply.header('referrer-policy', 'same-origin');
}

/**
 * Serves the built web UI at `/`: files of web/dist as they are (hashed assets cached for a year), and
 * index.html for every other GET that is not an API path, so client routes such as /incidents/INC-2024-0001
 * survive a reload. API paths keep the API's JSON 404.
 */
export async function webUi(app: FastifyInstance, options: WebUiOptions = {}): Promise<void> {
  const root = options.root ?? packageWebDist();
  const built = existsSync(join(root, 'index.html'));
  if (built) await app.register(fastifyStatic, { root, serve: false });

  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (isApiPath(path)) {
      return reply.status(404).send(errorBody('route_not_found', `no route ${request.method} ${path}`));
    }
    if (!built) {
      return reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send(
          'The web UI is not built. Run `npm run build:web` (or `npm run build`), then restart the server.',
        );
    }
    securityHeaders(reply);
    const file = builtFile(root, path);
    if (file && file !== 'index.html') {
      const hashed = file.startsWith('assets/');
      return reply.sendFile(file, { maxAge: hashed ? 31_536_000_000 : 0, immutable: hashed });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
  });
}

export default webUi;
