import { systemActor } from '../../src/core/shared/actor.js';
import { ManualClock } from '../../src/core/shared/clock.js';
import type { StoreConfig, StoreKind } from '../../src/storage/database.js';
import type { WorkerConfig } from '../../src/jobs/worker.config.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { freshStoreConfig } from './stores.js';

export interface TestServer {
  server: RunningServer;
  url: string;
  token: string;
  clock: ManualClock;
  /** The store it serves, for running the CLI against the same data. */
  storeConfig: StoreConfig;
  /** fetch against the server with the admin token (pass `token: null` for none). */
  call(
    method: string,
    path: string,
    init?: { body?: unknown; raw?: string; token?: string | null; headers?: Record<string, string> },
  ): Promise<{ status: number; headers: Headers; body: any }>;
  close(): Promise<void>;
}

/** A real server on a loopback port over a fresh store, with a first admin token. */
export async function startTestServer(
  kind: StoreKind,
  options: {
    bodyLimit?: number;
    logDestination?: NodeJS.WritableStream;
    /** Channels and timings as the worker role reads them (the worker itself is not started). */
    worker?: WorkerConfig;
  } = {},
): Promise<TestServer> {
  const fresh = await freshStoreConfig(kind);
  const clock = new ManualClock('2024-01-16T10:00:00Z');
  const server = await startServer(
    {
      store: fresh.config,
      port: 0,
      host: '127.0.0.1',
      logLevel: options.logDestination ? 'info' : 'silent',
      bodyLimit: options.bodyLimit ?? 1024 * 1024,
      secureCookies: false,
      ...(options.worker ? { worker: options.worker } : {}),
    },
    clock,
    options.logDestination,
  );
  const admin = await server.services.users.bootstrapAdmin(systemActor);
  if (!admin) throw new Error('fresh store already had users');
  const call: TestServer['call'] = async (method, path, init = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    const token = init.token === undefined ? admin.token : init.token;
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (init.raw !== undefined) body = init.raw;
    else if (init.body !== undefined) body = JSON.stringify(init.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(`${server.url}${path}`, { method, headers, body });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
  };
  return {
    server,
    url: server.url,
    token: admin.token,
    clock,
    storeConfig: fresh.config,
    call,
    close: async () => {
      await server.close();
      await fresh.cleanup();
    },
  };
}
