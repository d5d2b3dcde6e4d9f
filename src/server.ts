import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { buildApi } from './api/app.js';
import type { Config } from './config.js';
import { systemClock, type Clock } from './core/shared/clock.js';
import { buildServices, type Services } from './services.js';
import { openStore, type Store } from './storage/store.js';
import { VERSION } from './version.js';

export interface RunningServer {
  app: FastifyInstance;
  store: Store;
  services: Services;
  url: string;
  close(): Promise<void>;
}

/** The composition root: configuration → store → services → API. */
export async function startServer(
  config: Config,
  clock: Clock = systemClock,
  logDestination?: NodeJS.WritableStream,
): Promise<RunningServer> {
  const store = await openStore(config.store);
  const services = buildServices(store, clock, { kpiTargets: config.kpiTargets });
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
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await store.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    app,
    store,
    services,
    url: `http://${host}:${port}`,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}
