import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Actor } from '../shared/actor.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, conflict, notFound } from '../shared/errors.js';
import { parseInput } from '../shared/validation.js';
import { Role } from '../shared/vocabulary.js';
import type { CredentialStore, User } from './auth.ports.js';
import { hashToken, looksLikeToken, newTokenSecret } from './token.js';

const unauthenticated = (message: string) => new DomainError('unauthenticated', 'unauthenticated', message);

export const UserCreate = z.strictObject({
  username: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'must be 2-64 lower-case letters, digits, ., _ or -'),
  display_name: z.string().trim().min(1).max(200).optional(),
  email: z.email('must be an email address').nullable().default(null),
  role: Role,
});

export interface AuthServiceDeps {
  credentials: CredentialStore;
  clock: Clock;
}

export function actorOf(user: User, via: Actor['via']): Actor {
  return { id: user.id, name: user.display_name, role: user.role, teamIds: user.team_ids, via };
}

/** Users and API tokens: who is calling. */
export class AuthService {
  constructor(private readonly deps: AuthServiceDeps) {}

  /** The actor behind a bearer token; one generic error for every failure so tokens cannot be probed. */
  async authenticateToken(secret: string | undefined): Promise<Actor> {
    if (!secret) throw unauthenticated('send an API token as `Authorization: Bearer <token>`');
    if (!looksLikeToken(secret)) throw unauthenticated('the API token is not valid');
    const owner = await this.deps.credentials.findTokenOwner(
      hashToken(secret),
      this.deps.clock.now().toISOString(),
    );
    if (!owner) throw unauthenticated('the API token is not valid, was revoked, or its user is disabled');
    return actorOf(owner.user, 'token');
  }

  async createUser(input: unknown): Promise<User> {
    const data = parseInput(UserCreate, input, 'user');
    return this.deps.credentials.insertUser({
      id: randomUUID(),
      username: data.username,
      display_name: data.display_name ?? data.username,
      email: data.email,
      role: data.role,
      password_hash: null,
      created_at: this.deps.clock.now().toISOString(),
    });
  }

  /** Issues a token for a user; the secret is returned once and only its hash is kept. */
  async createToken(
    username: string,
    name: string,
  ): Promise<{ token: string; token_id: string; user: User }> {
    const user = await this.deps.credentials.findUserByUsername(username);
    if (!user) throw notFound('user', username);
    if (user.disabled) throw conflict('user_disabled', `user ${username} is disabled`);
    const token = newTokenSecret();
    const tokenId = randomUUID();
    await this.deps.credentials.insertToken({
      id: tokenId,
      user_id: user.id,
      name,
      token_hash: hashToken(token),
      created_at: this.deps.clock.now().toISOString(),
    });
    return { token, token_id: tokenId, user };
  }

  /**
   * First run: creates the `admin` user and a token when the store has no users yet. Returns null when
   * users exist, so it is safe to call at every start.
   */
  async bootstrapAdmin(): Promise<{ username: string; token: string } | null> {
    if ((await this.deps.credentials.countUsers()) > 0) return null;
    await this.createUser({ username: 'admin', display_name: 'Administrator', role: 'admin' });
    const { token } = await this.createToken('admin', 'first admin token');
    return { username: 'admin', token };
  }
}
