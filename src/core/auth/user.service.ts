import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AuditLog } from '../audit/audit.ports.js';
import type { Actor } from '../shared/actor.js';
import type { Clock } from '../shared/clock.js';
import { conflict, forbidden, notFound } from '../shared/errors.js';
import { parseInput } from '../shared/validation.js';
import { Role } from '../shared/vocabulary.js';
import type { ApiTokenInfo, CredentialStore, Person, User } from './auth.ports.js';
import { PASSWORD_RULES, hashPassword } from './password.js';
import { authorize, can } from './policy.js';
import { hashToken, newTokenSecret } from './token.js';

export const UserCreate = z.strictObject({
  username: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'must be 2-64 lower-case letters, digits, ., _ or -'),
  display_name: z.string().trim().min(1).max(200).optional(),
  email: z.email('must be an email address').nullable().default(null),
  role: Role,
  password: z
    .string()
    .min(PASSWORD_RULES.min, `must be at least ${PASSWORD_RULES.min} characters`)
    .max(PASSWORD_RULES.max, `must be at most ${PASSWORD_RULES.max} characters`)
    .optional(),
  teams: z.array(z.string().trim().min(1).max(120)).max(50).default([]),
});

const TokenName = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');

type Stores = { credentials: CredentialStore; audit: AuditLog };

export interface UserServiceDeps {
  credentials: CredentialStore;
  clock: Clock;
  transaction: <T>(work: (stores: Stores) => Promise<T>) => Promise<T>;
}

/** What the audit trail keeps of a user: never a password or its hash. */
const auditable = (user: User) => ({ ...user });

/** Users, teams and API tokens; every change is audited. */
export class UserService {
  constructor(private readonly deps: UserServiceDeps) {}

  async create(actor: Actor, input: unknown): Promise<User> {
    authorize(actor, 'user:manage');
    const data = parseInput(UserCreate, input, 'user');
    const passwordHash = data.password ? await hashPassword(data.password) : null;
    const at = this.now();
    return this.deps.transaction(async ({ credentials, audit }) => {
      const user = await credentials.insertUser({
        id: randomUUID(),
        username: data.username,
        display_name: data.display_name ?? data.username,
        email: data.email,
        role: data.role,
        password_hash: passwordHash,
        created_at: at,
      });
      for (const team of data.teams)
        await credentials.addTeamMember(await credentials.ensureTeam(team, at), user.id);
      const created = { ...user, team_ids: [...data.teams] };
      await audit.append(
        actor,
        {
          entity_type: 'user',
          entity_id: user.id,
          action: 'create',
          before: null,
          after: auditable(created),
        },
        at,
      );
      return created;
    });
  }

  async list(actor: Actor): Promise<User[]> {
    authorize(actor, 'user:manage');
    return this.deps.credentials.listUsers();
  }

  /**
   * Everyone's id, username and display name, for anyone signed in: records keep user ids (pins, settings,
   * provenance) and readers need the names. Emails, roles and teams stay with admins.
   */
  async people(actor: Actor): Promise<Person[]> {
    authorize(actor, 'incident:read');
    const users = await this.deps.credentials.listUsers();
    return users.map(({ id, username, display_name, disabled }) => ({
      id,
      username,
      display_name,
      disabled,
    }));
  }

  /** Disabling also ends the user's sessions; their tokens stop working at once. */
  async setDisabled(actor: Actor, username: string, disabled: boolean): Promise<User> {
    authorize(actor, 'user:manage');
    const at = this.now();
    return this.deps.transaction(async ({ credentials, audit }) => {
      const user = await credentials.findUserByUsername(username);
      if (!user) throw notFound('user', username);
      if (user.id === actor.id && disabled)
        throw conflict('cannot_disable_self', 'you cannot disable your own account');
      await credentials.setDisabled(user.id, disabled);
      if (disabled) await credentials.deleteSessionsOf(user.id);
      const after = { ...user, disabled };
      await audit.append(
        actor,
        {
          entity_type: 'user',
          entity_id: user.id,
          action: disabled ? 'disable' : 'enable',
          before: auditable(user),
          after: auditable(after),
        },
        at,
      );
      return after;
    });
  }

  async setPassword(actor: Actor, username: string, password: string): Promise<void> {
    const parsed = parseInput(UserCreate.shape.password.unwrap(), password, 'password');
    const at = this.now();
    const hash = await hashPassword(parsed);
    await this.deps.transaction(async ({ credentials, audit }) => {
      const user = await this.ownOrManaged(actor, username, credentials);
      await credentials.setPasswordHash(user.id, hash);
      await credentials.deleteSessionsOf(user.id);
      // The audit record says the password changed, never what to.
      await audit.append(
        actor,
        {
          entity_type: 'user',
          entity_id: user.id,
          action: 'set_password',
          before: { password: 'old' },
          after: { password: 'new' },
        },
        at,
      );
    });
  }

  /** Issues a token; the secret is returned once and only its hash is kept. */
  async createToken(
    actor: Actor,
    username: string,
    name: unknown,
  ): Promise<{ token: string; token_id: string; user: User }> {
    const label = parseInput(TokenName, name, 'token name');
    const at = this.now();
    return this.deps.transaction(async ({ credentials, audit }) => {
      const user = await this.ownOrManaged(actor, username, credentials);
      if (user.disabled) throw conflict('user_disabled', `user ${username} is disabled`);
      const token = newTokenSecret();
      const tokenId = randomUUID();
      await credentials.insertToken({
        id: tokenId,
        user_id: user.id,
        name: label,
        token_hash: hashToken(token),
        created_at: at,
      });
      await audit.append(
        actor,
        {
          entity_type: 'token',
          entity_id: tokenId,
          action: 'create',
          before: null,
          after: { user: user.username, name: label },
        },
        at,
      );
      return { token, token_id: tokenId, user };
    });
  }

  async listTokens(actor: Actor, username: string): Promise<ApiTokenInfo[]> {
    const user = await this.ownOrManaged(actor, username, this.deps.credentials);
    return this.deps.credentials.listTokens(user.id);
  }

  async revokeToken(actor: Actor, username: string, tokenId: string): Promise<void> {
    const at = this.now();
    await this.deps.transaction(async ({ credentials, audit }) => {
      const user = await this.ownOrManaged(actor, username, credentials);
      if (!(await credentials.revokeToken(user.id, tokenId, at))) throw notFound('token', tokenId);
      await audit.append(
        actor,
        {
          entity_type: 'token',
          entity_id: tokenId,
          action: 'revoke',
          before: { revoked: false },
          after: { revoked: true },
        },
        at,
      );
    });
  }

  /**
   * First run: creates the `admin` user and a token when the store has no users yet. Returns null when
   * users exist, so it is safe to call at every start.
   */
  async bootstrapAdmin(system: Actor): Promise<{ username: string; token: string } | null> {
    if ((await this.deps.credentials.countUsers()) > 0) return null;
    try {
      await this.create(system, { username: 'admin', display_name: 'Administrator', role: 'admin' });
    } catch (error) {
      // Another instance bootstrapped at the same moment.
      if (error instanceof Error && 'code' in error && error.code === 'user_exists') return null;
      throw error;
    }
    const { token } = await this.createToken(system, 'admin', 'first admin token');
    return { username: 'admin', token };
  }

  private async ownOrManaged(actor: Actor, username: string, credentials: CredentialStore): Promise<User> {
    const user = await credentials.findUserByUsername(username);
    if (!user) throw notFound('user', username);
    if (user.id !== actor.id && !can(actor, 'user:manage')) {
      throw forbidden('permission_denied', 'only admins manage other users’ credentials');
    }
    return user;
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}
