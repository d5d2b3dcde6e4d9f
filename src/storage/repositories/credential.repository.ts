import type { Kysely } from 'kysely';
import type { CredentialStore, NewApiToken, NewUser, TokenOwner, User } from '../../core/auth/auth.ports.js';
import type { Role } from '../../core/shared/vocabulary.js';
import { conflict } from '../../core/shared/errors.js';
import type { Database } from '../schema.js';
import { toIso, toMs } from './instants.js';
import { isUniqueViolation } from './sql-errors.js';

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
    return {
      id: user.id,
      username: user.username,
      display_name: user.display_name,
      email: user.email,
      role: user.role,
      disabled: false,
      team_ids: [],
      created_at: user.created_at,
    };
  }

  async findUserByUsername(username: string): Promise<User | null> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
    if (!row) return null;
    const teams = await this.db
      .selectFrom('team_members')
      .select('team_id')
      .where('user_id', '=', row.id)
      .execute();
    return {
      id: row.id,
      username: row.username,
      display_name: row.display_name,
      email: row.email,
      role: row.role as Role,
      disabled: row.disabled === 1,
      team_ids: teams.map((t) => t.team_id),
      created_at: toIso(row.created_at_ms),
    };
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

  async findTokenOwner(tokenHash: string, at: string): Promise<TokenOwner | null> {
    const row = await this.db
      .selectFrom('api_tokens as t')
      .innerJoin('users as u', 'u.id', 't.user_id')
      .select(['t.id as token_id', 't.last_used_at_ms', 'u.username'])
      .where('t.token_hash', '=', tokenHash)
      .where('t.revoked_at_ms', 'is', null)
      .where('u.disabled', '=', 0)
      .executeTakeFirst();
    if (!row) return null;
    const user = await this.findUserByUsername(row.username);
    if (!user) return null;
    // Last-used is informational; writing it at most once a minute keeps reads from turning into writes.
    const atMs = toMs(at);
    if (row.last_used_at_ms === null || atMs - row.last_used_at_ms > 60_000) {
      await this.db
        .updateTable('api_tokens')
        .set({ last_used_at_ms: atMs })
        .where('id', '=', row.token_id)
        .execute();
    }
    return { token_id: row.token_id, user };
  }
}
