import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuthService } from '../core/auth/auth.service.js';
import type { Actor } from '../core/shared/actor.js';
import { DomainError, forbidden } from '../core/shared/errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export const SESSION_COOKIE = 'hindsight_session';

/** Calls anyone may make: liveness, the API description, and signing in. */
function isPublic(method: string, path: string): boolean {
  return (
    path === '/healthz' ||
    path === '/api/openapi.json' ||
    (path === '/api/v1/session' && method === 'POST') ||
    // A feedback link works without an account: its single-use token is the credential.
    path.startsWith('/api/v1/feedback/')
  );
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Authenticates every API call before any handler runs: a bearer token (automation) or the session cookie
 * (the web UI). A cookie-authenticated write must also carry the session's CSRF token, so another site
 * cannot make the browser write on the user's behalf.
 */
export function registerAuthentication(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?')[0] ?? '';
    if (!path.startsWith('/api/') || isPublic(request.method, path)) return;
    const header = request.headers.authorization;
    if (header !== undefined || !request.cookies[SESSION_COOKIE]) {
      const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
      request.actor = await auth.authenticateToken(token);
      return;
    }
    const session = await auth.authenticateSession(request.cookies[SESSION_COOKIE]);
    if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== session.csrf_token) {
      throw forbidden(
        'csrf_token_invalid',
        'send the session’s CSRF token in the x-csrf-token header with every write',
      );
    }
    request.actor = session.actor;
  });
}

/** The authenticated caller; routes under /api always have one. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new DomainError('unauthenticated', 'unauthenticated', 'authentication required');
  return request.actor;
}
