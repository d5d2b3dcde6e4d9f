import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../../src/cli/main.ts', import.meta.url));
const REGISTER = fileURLToPath(new URL('./ts-register.mjs', import.meta.url));

/** A `hindsight serve` process started from the sources, as a separate OS process. */
export interface Instance {
  name: string;
  child: ChildProcess;
  /** What it wrote to stderr, for failure messages. */
  log: string[];
  /** Resolves once it says it is serving. */
  ready: Promise<void>;
  /** SIGKILL: no shutdown, leases and claims left behind as after a crash. */
  kill(): Promise<void>;
  /** SIGTERM: the orderly shutdown (scheduler stopped, store closed). */
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts `hindsight serve [args]` with the given environment on top of a minimal one. */
export function startInstance(name: string, env: Record<string, string>, args: string[] = []): Instance {
  const child = fork(MAIN, ['serve', ...args], {
    execArgv: ['--import', REGISTER],
    env: { PATH: process.env.PATH ?? '', HINDSIGHT_LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const log: string[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      log.push(text);
      if (text.includes('Hindsight is serving') || text.includes('Hindsight worker is running')) resolve();
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${log.join('')}`)),
    );
  });
  ready.catch(() => undefined);
  return {
    name,
    child,
    log,
    ready,
    kill: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited(child);
    },
  };
}
