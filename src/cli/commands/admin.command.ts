import { Command } from 'commander';
import { refreshDerivedData } from '../../storage/derived-data.js';
import { migrateToLatest } from '../../storage/migrate.js';
import { print, withContext, type CliIo } from '../cli-context.js';

export function initCommand(io: CliIo): Command {
  return new Command('init')
    .description('create the data store and a first admin token (printed once)')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const result = await withContext(io, async ({ services, config, actor }) => ({
        store: config.store.kind === 'sqlite' ? config.store.file : 'postgresql',
        admin: await services.users.bootstrapAdmin(actor),
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
  command
    .command('refresh')
    .description(
      'bring derived data (similarity index, signatures, KPI facts, action days, overdue groups) up to date, e.g. after an upgrade',
    )
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const refreshed = await withContext(io, ({ store, config }) =>
        refreshDerivedData(store.db, store.kind, config.signatureFields),
      );
      print(io, options.json, { refreshed }, () =>
        refreshed
          .map(
            (r) =>
              `${r.name}: ${r.derived < 0 ? 'built from scratch' : `${r.derived} re-derived`} in ${r.ms} ms`,
          )
          .join('\n'),
      );
    });
  return command;
}

export function auditCommand(io: CliIo): Command {
  const command = new Command('audit').description('the tamper-evident audit trail');
  command
    .command('verify')
    .description('recompute the hash chain; exit 1 naming the first broken record')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const result = await withContext(io, ({ services, actor }) => services.audit.verify(actor));
      print(io, options.json, result, () =>
        result.broken
          ? `audit trail BROKEN at record ${result.broken.seq} (${result.broken.id}): ${result.broken.reason}; ${result.verified} records before it verify`
          : `audit trail intact: ${result.verified} records verified`,
      );
      if (result.broken) throw new AuditBroken();
    });
  return command;
}

/** Exit 1 after the report was printed. */
export class AuditBroken extends Error {
  constructor() {
    super('the audit trail does not verify');
  }
}

export function userCommand(io: CliIo): Command {
  const command = new Command('user').description('local users');
  command
    .command('create <username>')
    .description('create a user (password from standard input with --password-stdin)')
    .requiredOption('--role <role>', 'viewer, responder, reviewer or admin')
    .option('--name <display name>')
    .option('--email <address>')
    .option('--team <team>', 'team membership (repeatable)', (v: string, all: string[]) => [...all, v], [])
    .option('--password-stdin', 'read the password from standard input')
    .option('--json', 'print JSON')
    .action(
      async (
        username: string,
        o: {
          role: string;
          name?: string;
          email?: string;
          team: string[];
          passwordStdin?: boolean;
          json?: boolean;
        },
      ) => {
        const password = o.passwordStdin ? (await io.readStdin()).replace(/\r?\n$/, '') : undefined;
        const user = await withContext(io, ({ services, actor }) =>
          services.users.create(actor, {
            username,
            role: o.role,
            display_name: o.name,
            email: o.email ?? null,
            teams: o.team,
            password,
          }),
        );
        print(
          io,
          o.json,
          user,
          () =>
            `created ${user.role} ${user.username}${user.team_ids.length ? ` in ${user.team_ids.join(', ')}` : ''}`,
        );
      },
    );
  command
    .command('list')
    .description('list users')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const users = await withContext(io, ({ services, actor }) => services.users.list(actor));
      print(io, o.json, users, () =>
        users
          .map(
            (u) =>
              `${u.username.padEnd(20)} ${u.role.padEnd(10)} ${u.disabled ? 'disabled' : 'active  '} ${u.team_ids.join(', ')}`,
          )
          .join('\n'),
      );
    });
  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    command
      .command(`${name} <username>`)
      .description(`${name} a user${disabled ? ' (ends their sessions; their tokens stop working)' : ''}`)
      .option('--json', 'print JSON')
      .action(async (username: string, o: { json?: boolean }) => {
        const user = await withContext(io, ({ services, actor }) =>
          services.users.setDisabled(actor, username, disabled),
        );
        print(io, o.json, user, () => `${user.username} is ${disabled ? 'disabled' : 'enabled'}`);
      });
  }
  command
    .command('password <username>')
    .description('set a password, read from standard input (ends the user’s sessions)')
    .action(async (username: string) => {
      const password = (await io.readStdin()).replace(/\r?\n$/, '');
      await withContext(io, ({ services, actor }) => services.users.setPassword(actor, username, password));
      io.out(`password of ${username} changed`);
    });
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
    .action(async (o: { user: string; name: string; json?: boolean }) => {
      const issued = await withContext(io, ({ services, actor }) =>
        services.users.createToken(actor, o.user, o.name),
      );
      print(
        io,
        o.json,
        { token: issued.token, token_id: issued.token_id, user: issued.user.username },
        () => `token ${issued.token_id} for ${issued.user.username} (shown once): ${issued.token}`,
      );
    });
  command
    .command('list')
    .description('list a user’s tokens (never the secrets)')
    .requiredOption('--user <username>')
    .option('--json', 'print JSON')
    .action(async (o: { user: string; json?: boolean }) => {
      const tokens = await withContext(io, ({ services, actor }) => services.users.listTokens(actor, o.user));
      print(io, o.json, tokens, () =>
        tokens
          .map(
            (t) =>
              `${t.id}  ${t.name.padEnd(20)} created ${t.created_at} last used ${t.last_used_at ?? 'never'}${t.revoked_at ? ` revoked ${t.revoked_at}` : ''}`,
          )
          .join('\n'),
      );
    });
  command
    .command('revoke <token-id>')
    .description('revoke a token at once')
    .requiredOption('--user <username>')
    .action(async (tokenId: string, o: { user: string }) => {
      await withContext(io, ({ services, actor }) => services.users.revokeToken(actor, o.user, tokenId));
      io.out(`token ${tokenId} revoked`);
    });
  return command;
}
