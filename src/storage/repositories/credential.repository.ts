import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type {
  ApiTokenInfo,
  CredentialStore,
  NewApiToken,
  NewSession,
  NewUser,
  TokenOwner,
  User,
} from '../../core/auth/auth.ports.js';
import { conflict } from '../../core/shared/errors.js';
import type { Role } from '../../core/shared/vocabulary.js';
import { runPrepared } from '../prepared-queries.js';
import type { Database, UsersTable } from '../schema.js';
import { toIso, toIsoOrNull, toMs } from './instants.js';
import { isUniqueViolation } from './sql-errors.js';

type UserRow = Omit<UsersTable, 'disabled'> & { disabled: number };

export class CredentialRepository implements CredentialStore {
  constructor(private readonly db: Kysely<Database>) {}

  async countUsers(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async insertUser(user: NewUser): Promise<User> {
    try {
      await this.db
        .insertInto('users')
        .values({
          id: user.id,
          username: user.username,
          display_name: user.display_name,
          email: user.email,
          role: user.role,
          password_hash: user.password_hash,
          disabled: 0,
          created_at_ms: toMs(user.created_at),
        })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error))
        throw conflict('user_exists', `a user named ${user.username} already exists`);
      throw error;
    }
    const { password_hash: _hash, ...visible } = user;
    return { ...visible, disabled: false, team_ids: [] };
  }

  async listUsers(): Promise<User[]> {
    // One query with the teams joined (a row per team, ordered by user), not a team query per user: the
    // people directory reads this list on every page load.
    const rows = await this.db
      .selectFrom('users as u')
      .leftJoin('team_members as tm', 'tm.user_id', 'u.id')
      .selectAll('u')
      .select('tm.team_id as member_of')
      .orderBy('u.username')
      .orderBy('tm.team_id')
      .execute();
    const byUser = new Map<string, typeof rows>();
    for (const row of rows) {
      const own = byUser.get(row.id);
      if (own) own.push(row);
      else byUser.set(row.id, [row]);
    }
    return [...byUser.values()].map((own) => userOf(own[0] as UserRow, teamsOf(own)));
  }

  async findUserByUsername(username: string): Promise<User | null> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
    return row ? this.toUser(row) : null;
  }

  async findPasswordHash(username: string): Promise<{ user: User; password_hash: string | null } | null> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
    return row ? { user: await this.toUser(row), password_hash: row.password_hash } : null;
  }

  async setPasswordHash(userId: string, hash: string): Promise<void> {
    await this.db.updateTable('users').set({ password_hash: hash }).where('id', '=', userId).execute();
  }

  async setDisabled(userId: string, disabled: boolean): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ disabled: disabled ? 1 : 0 })
      .where('id', '=', userId)
      .execute();
  }

  async insertToken(token: NewApiToken): Promise<void> {
    await this.db
      .insertInto('api_tokens')
      .values({
        id: token.id,
        user_id: token.user_id,
        name: token.name,
        token_hash: token.token_hash,
        created_at_ms: toMs(token.created_at),
        last_used_at_ms: null,
        revoked_at_ms: null,
      })
      .execute();
  }

  async listTokens(userId: string): Promise<ApiTokenInfo[]> {
    const rows = await this.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at_ms')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      created_at: toIso(r.created_at_ms),
      last_used_at: toIsoOrNull(r.last_used_at_ms),
      revoked_at: toIsoOrNull(r.revoked_at_ms),
    }));
  }

  async revokeToken(userId: string, tokenId: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at_ms: toMs(at) })
      .where('id', '=', tokenId)
      .where('user_id', '=', userId)
      .where('revoked_at_ms', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async findTokenOwner(tokenHash: string, at: string): Promise<TokenOwner | null> {
    // Every API call runs this: compiled once (see runPrepared).
    const rows = await runPrepared(
      this.db,
      'token-owner',
      (slot) =>
        this.db
          .selectFrom('api_tokens as t')
          .innerJoin('users as u', 'u.id', 't.user_id')
          // Teams come with the user (one row per team) instead of a second query on every request.
          .leftJoin('team_members as tm', 'tm.user_id', 'u.id')
          .select(['t.id as token_id', 't.last_used_at_ms', 'tm.team_id as member_of'])
          .selectAll('u')
          .where('t.token_hash', '=', slot('token_hash'))
          .where('t.revoked_at_ms', 'is', null)
          .where('u.disabled', '=', sql.lit(0))
          .orderBy('tm.team_id'),
      { token_hash: tokenHash },
    );
    const row = rows[0];
    if (!row) return null;
    // Last-used is informational; writing it at most once a minute keeps reads from turning into writes.
    const atMs = toMs(at);
    if (row.last_used_at_ms === null || atMs - row.last_used_at_ms > 60_000) {
      await this.db
        .updateTable('api_tokens')
        .set({ last_used_at_ms: atMs })
        .where('id', '=', row.token_id)
        .execute();
    }
    return { token_id: row.token_id, user: userOf(row, teamsOf(rows)) };
  }

  async insertSession(session: NewSession): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({
        id: session.id,
        user_id: session.user_id,
        csrf_token: session.csrf_token,
        created_at_ms: toMs(session.created_at),
        expires_at_ms: toMs(session.expires_at),
      })
      .execute();
  }

  async findSession(sessionHash: string, at: string): Promise<{ user: User; csrf_token: string } | null> {
    // Every web UI call runs this: compiled once (see runPrepared).
    const rows = await runPrepared(
      this.db,
      'session-owner',
      (slot) =>
        this.db
          .selectFrom('sessions as s')
          .innerJoin('users as u', 'u.id', 's.user_id')
          .leftJoin('team_members as tm', 'tm.user_id', 'u.id')
          .select(['s.csrf_token', 'tm.team_id as member_of'])
          .selectAll('u')
          .where('s.id', '=', slot('session_hash'))
          .where('s.expires_at_ms', '>', slot<number>('at_ms'))
          .where('u.disabled', '=', sql.lit(0))
          .orderBy('tm.team_id'),
      { session_hash: sessionHash, at_ms: toMs(at) },
    );
    const row = rows[0];
    return row ? { user: userOf(row, teamsOf(rows)), csrf_token: row.csrf_token } : null;
  }

  async deleteSession(sessionHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', sessionHash).execute();
  }

  async deleteSessionsOf(userId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  async recordLoginFailure(key: string, at: string): Promise<void> {
    await this.db
      .insertInto('login_failures')
      .values({ id: randomUUID(), throttle_key: key, at_ms: toMs(at) })
      .execute();
  }

  async countLoginFailures(key: string, since: string): Promise<number> {
    const row = await this.db
      .selectFrom('login_failures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('throttle_key', '=', key)
      .where('at_ms', '>=', toMs(since))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async clearLoginFailures(key: string): Promise<void> {
    await this.db.deleteFrom('login_failures').where('throttle_key', '=', key).execute();
  }

  async ensureTeam(name: string, at: string): Promise<string> {
    await this.db
      .insertInto('teams')
      .values({ id: name, name, lead_user_id: null, created_at_ms: toMs(at) })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    return name;
  }

  async addTeamMember(teamId: string, userId: string): Promise<void> {
    await this.db
      .insertInto('team_members')
      .values({ team_id: teamId, user_id: userId })
      .onConflict((oc) => oc.columns(['team_id', 'user_id']).doNothing())
      .execute();
  }

  private async toUser(row: UserRow): Promise<User> {
    const teams = await this.db
      .selectFrom('team_members')
      .select('team_id')
      .where('user_id', '=', row.id)
      .orderBy('team_id')
      .execute();
    return userOf(
      row,
      teams.map((t) => t.team_id),
    );
  }
}

/**
 * The team ids of a user read joined with `team_members`: one row per team, or one row with a null team
 * when the user has none.
 */
function teamsOf(rows: ReadonlyArray<{ member_of: string | null }>): string[] {
  return rows.flatMap((r) => (r.member_of === null ? [] : [r.member_of]));
}

function userOf(row: UserRow, teamIds: string[]): User {
  return {
    id: row.id,
    username: row.username,
    display_name: row.display_name,
    email: row.email,
    role: row.role as Role,
    disabled: row.disabled === 1,
    team_ids: teamIds,
    created_at: toIso(row.created_at_ms),
  };
}
