import { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { systemActor } from '../../core/shared/actor.js';
import { startServer } from '../../server.js';
import type { CliIo } from '../cli-context.js';

export function serveCommand(io: CliIo): Command {
  return new Command('serve')
    .description('serve the web UI and the API')
    .option('--port <port>', 'port to listen on (default $HINDSIGHT_PORT or 3000)')
    .option('--host <host>', 'address to bind (default $HINDSIGHT_HOST or 127.0.0.1)')
    .option(
      '--roles <roles>',
      'web (API and UI), worker (scheduler, reminders, delivery) or web,worker (default $HINDSIGHT_ROLES or both)',
    )
    .action(async (options: { port?: string; host?: string; roles?: string }) => {
      const config = loadConfig({
        ...io.env,
        ...(options.port !== undefined ? { HINDSIGHT_PORT: options.port } : {}),
        ...(options.host !== undefined ? { HINDSIGHT_HOST: options.host } : {}),
        ...(options.roles !== undefined ? { HINDSIGHT_ROLES: options.roles } : {}),
      });
      const server = await startServer(config);
      const admin = await server.services.users.bootstrapAdmin(systemActor);
      const storeName = config.store.kind === 'sqlite' ? config.store.file : 'postgresql';
      io.err(
        server.url
          ? `Hindsight is serving ${server.url} (store: ${storeName})`
          : `Hindsight worker is running (store: ${storeName})`,
      );
      if (server.worker) {
        const channels = server.worker.channels.map((c) => c.name).join(', ') || 'none configured';
        io.err(`  worker ${config.worker?.worker_id ?? ''}: scheduler on; channels: ${channels}`);
      }
      if (server.url) {
        io.err(`  health: ${server.url}/healthz   API description: ${server.url}/api/openapi.json`);
      }
      if (admin) {
        io.err(
          `  first run: created user "admin"; its API token (shown once, keep it safe):\n    ${admin.token}`,
        );
      } else {
        io.err('  get an API token with: npx hindsight token create --user admin');
      }
      await new Promise<void>((resolve) => {
        const stop = () => {
          io.err('shutting down');
          server.close().then(resolve, resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
