import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** dist/ (where the compiled CLI and bench children live). */
export const DIST = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = `${DIST}hindsight/main.js`;

/** A free loopback port (bound and released; the race with other processes is acceptable for a bench). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Resident set size of a live process in MB, from /proc (Linux). */
export function rssMb(pid: number): number | null {
  try {
    const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return line ? Math.round(Number(line[1]) / 102.4) / 10 : null;
  } catch {
    return null;
  }
}

/** Polls `url` until it answers 200; returns ms since `startedNs`, or throws after `timeoutMs`. */
export async function waitHealthy(url: string, startedNs: bigint, timeoutMs = 20_000): Promise<number> {
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return Number(process.hrtime.bigint() - startedNs) / 1e6;
    } catch {
      // not listening yet
    }
    if (Number(process.hrtime.bigint() - startedNs) / 1e6 > timeoutMs) {
      throw new Error(`${url} did not become healthy within ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}

export interface Served {
  child: ChildProcess;
  url: string;
  /** The first admin token printed by `serve` on a store without users (null when users existed). */
  token: string | null;
  readyMs: number;
  stop(): Promise<void>;
}

/** Starts `hindsight serve` in its own process and waits until /healthz answers. */
export async function serveHindsight(env: Record<string, string>): Promise<Served> {
  const port = await freePort();
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [CLI, 'serve', '--port', String(port)], {
    env: { ...process.env, HINDSIGHT_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr.slice(-2000)}`))),
  );
  exited.catch(() => undefined);
  const readyMs = await Promise.race([waitHealthy(`${url}/healthz`, started), exited]);
  // The token line follows the "serving" line; give stderr a moment to arrive.
  for (let i = 0; i < 50 && !/first run|token create/.test(stderr); i++)
    await new Promise((r) => setTimeout(r, 10));
  const token = /API token[^\n]*\n\s+(\S+)/.exec(stderr)?.[1] ?? null;
  return { child, url, token, readyMs, stop: () => stopChild(child) };
}

/** SIGTERM, then SIGKILL after 5 s. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Starts a compiled bench child (dist/bench/child/NAME.js) that prints its port on the first stdout line. */
export async function serveChild(name: string, args: string[] = []): Promise<Served> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [`${DIST}bench/child/${name}.js`, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  const readyMs = await waitHealthy(`${url}/`, started);
  return { child, url, token: null, readyMs, stop: () => stopChild(child) };
}
