import { defineConfig } from 'rolldown';

/**
 * Packages left out of the bundle and loaded from node_modules as published: better-sqlite3 (native), pg
 * (required only when a PostgreSQL store opens), nodemailer (what sends mail; kept as published since the
 * tests load src/, not this bundle), playwright-core (PDF reports) and the AWS SDK (imported on demand by the
 * fetch commands). Everything else is bundled: resolving, reading and compiling ~600 files one by one was
 * most of start-up. Kysely alone (~300 modules) took start-up from ~0.6 to ~0.47 s on 2026-11-29's faster
 * machine; the rest (zod, Fastify and its plugins, yaml, markdown-it, commander) took it from ~960 to
 * ~760–810 ms on the slower one of the next session (docs/PERFORMANCE.md).
 */
const KEPT_OUT = new Set(['better-sqlite3', 'pg', 'nodemailer', 'playwright-core']);
const isAwsSdk = (id: string): boolean => id.startsWith('@aws-sdk/') || id.startsWith('@smithy/');

const packageOf = (id: string): string =>
  id.startsWith('@') ? id.split('/').slice(0, 2).join('/') : (id.split('/')[0] ?? id);

/**
 * The CLI and server as one file (plus chunks for what is imported on demand), built from tsc's output in
 * dist/src: `npm start` and the `hindsight` command run dist/hindsight/main.js. Source maps are written beside it for
 * `NODE_OPTIONS=--enable-source-maps` when a stack trace should point at the TypeScript.
 */
export default defineConfig({
  input: 'dist/src/cli/main.js',
  platform: 'node',
  external: (id) => {
    if (id.startsWith('.') || id.startsWith('/') || id.startsWith('\0')) return false;
    return id.startsWith('node:') || isAwsSdk(id) || KEPT_OUT.has(packageOf(id));
  },
  output: { dir: 'dist/hindsight', format: 'esm', sourcemap: true, cleanDir: true },
});
