import { randomBytes } from 'node:crypto';
import type { Actor } from '../shared/actor.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import type { CredentialStore, User } from './auth.ports.js';
import { verifyPassword } from './password.js';
import { hashToken, looksLikeToken } from './token.js';

const unauthenticated = (message: string) => new DomainError('unauthenticated', 'unauthenticated', message);

/** Sign-in attempts allowed per user name and per address in the window before 429. */
export const LOGIN_THROTTLE = { attempts: 5, windowMs: 15 * 60_000 } as const;
export const SESSION_TTL_MS = 12 * 60 * 60_000;

export interface AuthServiceDeps {
  credentials: CredentialStore;
  clock: Clock;
}

export function actorOf(user: User, via: Actor['via']): Actor {
  return {
    id: user.id,
    name: user.display_name,
    username: user.username,
    role: user.role,
    teamIds: user.team_ids,
    via,
  };
}

export interface SignedIn {
  actor: Actor;
  user: User;
  /** The cookie secret: sent to the browser once, stored only as a hash. */
  session_secret: string;
  csrf_token: string;
  expires_at: string;
}

/** Who is calling: API tokens for automation, password sign-in and sessions for people. */
export class AuthService {
  constructor(private readonly deps: AuthServiceDeps) {}

  /** The actor behind a bearer token; one generic error for every failure so tokens cannot be probed. */
  async authenticateToken(secret: string | undefined): Promise<Actor> {
    if (!secret) throw unauthenticated('send an API token as `Authorization: Bearer <token>`, or sign in');
    if (!looksLikeToken(secret)) throw unauthenticated('the API token is not valid');
    const owner = await this.deps.credentials.findTokenOwner(hashToken(secret), this.now());
    if (!owner) throw unauthenticated('the API token is not valid, was revoked, or its user is disabled');
    return actorOf(owner.user, 'token');
  }

  /** The actor behind a session cookie, with the CSRF token its writes must carry. */
  async authenticateSession(secret: string): Promise<{ actor: Actor; user: User; csrf_token: string }> {
    const found = await this.deps.credentials.findSession(hashToken(secret), this.now());
    if (!found) throw unauthenticated('the session has expired or was signed out; sign in again');
    return { actor: actorOf(found.user, 'session'), user: found.user, csrf_token: found.csrf_token };
  }

  /**
   * Password sign-in, throttled per user name and per client address. Wrong user and wrong password
   * give the same answer.
   */
  async signIn(username: string, password: string, clientAddress: string): Promise<SignedIn> {
    const now = this.deps.clock.now();
    const since = new Date(now.getTime() - LOGIN_THROTTLE.windowMs).toISOString();
    const keys = [`user:${username.toLowerCase()}`, `addr:${clientAddress}`];
    for (const key of keys) {
      if ((await this.deps.credentials.countLoginFailures(key, since)) >= LOGIN_THROTTLE.attempts) {
        throw new DomainError(
          'rate_limited',
          'too_many_sign_in_attempts',
          'too many failed sign-in attempts; wait 15 minutes and try again',
        );
      }
    }
    const found = await this.deps.credentials.findPasswordHash(username);
    const ok =
      found?.password_hash && !found.user.disabled
        ? await verifyPassword(password, found.password_hash)
        : false;
    if (!found || !ok) {
      for (const key of keys) await this.deps.credentials.recordLoginFailure(key, now.toISOString());
      throw unauthenticated('the user name or password is wrong');
    }
    await this.deps.credentials.clearLoginFailures(keys[0] ?? '');
    const secret = randomBytes(32).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    const expires = new Date(now.getTime() + SESSION_TTL_MS).toISOString();
    await this.deps.credentials.insertSession({
      id: hashToken(secret),
      user_id: found.user.id,
      csrf_token: csrf,
      created_at: now.toISOString(),
      expires_at: expires,
    });
    return {
      actor: actorOf(found.user, 'session'),
      user: found.user,
      session_secret: secret,
      csrf_token: csrf,
      expires_at: expires,
    };
  }

  async signOut(secret: string): Promise<void> {
    await this.deps.credentials.deleteSession(hashToken(secret));
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}
