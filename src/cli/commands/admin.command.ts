import { Command } from 'commander';
import { migrateToLatest } from '../../storage/migrate.js';
import { print, withContext, type CliIo } from '../cli-context.js';

export function initCommand(io: CliIo): Command {
  return new Command('init')
    .description('create the data store and a first admin token (printed once)')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const result = await withContext(io, async ({ services, config }) => ({
        store: config.store.kind === 'sqlite' ? config.store.file : 'postgresql',
        admin: await services.auth.bootstrapAdmin(),
      }));
      print(io, options.json, result, () =>
        result.admin
          ? `initialised ${result.store}\nadmin token (shown once, keep it safe): ${result.admin.token}`
          : `${result.store} is already initialised; create more tokens with \`hindsight token create --user admin\``,
      );
    });
}

export function dbCommand(io: CliIo): Command {
  const command = new Command('db').description('database maintenance');
  command
    .command('migrate')
    .description('apply pending migrations (also done at every start)')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const applied = await withContext(io, ({ store }) => migrateToLatest(store.db), { migrate: false });
      print(io, options.json, { applied }, () =>
        applied.length > 0 ? `applied ${applied.join(', ')}` : 'the database is up to date',
      );
    });
  return command;
}

export function userCommand(io: CliIo): Command {
  const command = new Command('user').description('local users');
  command
    .command('create <username>')
    .description('create a user')
    .requiredOption('--role <role>', 'viewer, responder, reviewer or admin')
    .option('--name <display name>')
    .option('--email <address>')
    .option('--json', 'print JSON')
    .action(
      async (username: string, options: { role: string; name?: string; email?: string; json?: boolean }) => {
        const user = await withContext(io, ({ services }) =>
          services.auth.createUser({
            username,
            role: options.role,
            display_name: options.name,
            email: options.email ?? null,
          }),
        );
        print(io, options.json, user, () => `created ${user.role} ${user.username}`);
      },
    );
  return command;
}

export function tokenCommand(io: CliIo): Command {
  const command = new Command('token').description('API tokens');
  command
    .command('create')
    .description('issue an API token for a user (printed once; only its hash is stored)')
    .requiredOption('--user <username>')
    .option('--name <label>', 'what the token is for', 'cli')
    .option('--json', 'print JSON')
    .action(async (options: { user: string; name: string; json?: boolean }) => {
      const issued = await withContext(io, ({ services }) =>
        services.auth.createToken(options.user, options.name),
      );
      print(
        io,
        options.json,
        { token: issued.token, token_id: issued.token_id, user: issued.user.username },
        () => `token for ${issued.user.username} (shown once): ${issued.token}`,
      );
    });
  return command;
}
