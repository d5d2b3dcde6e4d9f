import { sql } from 'kysely';
import { summariseChannels } from './jobs/channels.summary.js';
import type { FastifyInstance } from 'fastify';
import { buildApi } from './api/app.js';
import type { Config } from './config.js';
import { systemClock, type Clock } from './core/shared/clock.js';
import { buildServices, type Services } from './services.js';
import { ScaledClock } from './jobs/scaled.clock.js';
import { buildWorker, type Worker } from './jobs/worker.js';
import { openStore, type Store } from './storage/store.js';
import { VERSION } from './version.js';

export interface RunningServer {
  app: FastifyInstance;
  store: Store;
  services: Services;
  /** The worker role (scheduler and delivery), when this instance runs it. */
  worker?: Worker;
  /** Empty when this instance does not serve the API (worker role only). */
  url: string;
  close(): Promise<void>;
}

/** The configured clock: the wall clock, or the test/demo clock of HINDSIGHT_CLOCK_*. */
export function clockOf(config: Config): Clock {
  const c = config.clock;
  return c && (c.speed !== 1 || c.offset_ms !== 0) ? new ScaledClock(c) : systemClock;
}

/**
 * The composition root: configuration → store → services → API and, by role, the worker (scheduler and
 * delivery). A Config without `roles` serves the API only.
 */
export async function startServer(
  config: Config,
  clock: Clock = clockOf(config),
  logDestination?: NodeJS.WritableStream,
): Promise<RunningServer> {
  const roles = config.roles ?? ['web'];
  const store = await openStore(config.store);
  const services = buildServices(store, clock, {
    kpiTargets: config.kpiTargets,
    signatureFields: config.signatureFields,
    notify: config.worker?.notify,
    workflow: config.worker?.workflow,
    channels: summariseChannels(config.worker?.channels),
    worker: roles.includes('worker'),
    similarityMemory: config.similarityMemory ?? true,
  });
  const app = await buildApi({
    services,
    ping: async () => {
      await sql`select 1`.execute(store.db);
    },
    storeKind: store.kind,
    version: VERSION,
    bodyLimit: config.bodyLimit,
    secureCookies: config.secureCookies,
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.authorization', 'req.headers.cookie', 'req.body.password'],
            ...(logDestination ? { stream: logDestination } : {}),
          },
  });
  let url = '';
  if (roles.includes('web')) {
    try {
      await app.listen({ port: config.port, host: config.host });
    } catch (error) {
      await store.close();
      throw error;
    }
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    url = `http://${host}:${port}`;
  }
  const worker =
    roles.includes('worker') && config.worker
      ? buildWorker(store, services, clock, config.worker, {
          error: (message, error) => app.log.error({ err: error }, message),
          info: (message, outcome) => app.log.info(outcome, message),
        })
      : undefined;
  worker?.scheduler.start();
  return {
    app,
    store,
    services,
    ...(worker ? { worker } : {}),
    url,
    close: async () => {
      await worker?.stop();
      await app.close();
      await store.close();
    },
  };
}
