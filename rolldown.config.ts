import { defineConfig } from 'rolldown';

/**
 * Packages bundled into the server: Kysely is ~300 small ES modules, and resolving and compiling them one by
 * one was a third of start-up. Everything else stays in node_modules, so each package is loaded once (zod is
 * shared with the Fastify type provider) and native or lazily imported ones (better-sqlite3, the AWS SDK,
 * Playwright) load as they always do.
 */
const BUNDLED = new Set(['kysely']);

const packageOf = (id: string): string =>
  id.startsWith('@') ? id.split('/').slice(0, 2).join('/') : (id.split('/')[0] ?? id);

/**
 * The CLI and server as one file (plus chunks for what is imported on demand), built from tsc's output in
 * dist/src: `npm start` and the `hindsight` command run dist/hindsight/main.js, which starts in about two
 * thirds of the time of the ~600 modules it replaces. Source maps are written beside it for
 * `NODE_OPTIONS=--enable-source-maps` when a stack trace should point at the TypeScript.
 */
export default defineConfig({
  input: 'dist/src/cli/main.js',
  platform: 'node',
  external: (id) => {
    if (id.startsWith('.') || id.startsWith('/') || id.startsWith('\0')) return false;
    return id.startsWith('node:') || !BUNDLED.has(packageOf(id));
  },
  output: { dir: 'dist/hindsight', format: 'esm', sourcemap: true, cleanDir: true },
});
