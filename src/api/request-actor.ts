import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuthService } from '../core/auth/auth.service.js';
import type { Actor } from '../core/shared/actor.js';
import { DomainError } from '../core/shared/errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** Paths anyone may call: liveness and the API description. */
const PUBLIC_PATHS = new Set(['/healthz', '/api/openapi.json']);

/** Authenticates every API call from its bearer token before any handler runs. */
export function registerAuthentication(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?')[0] ?? '';
    if (PUBLIC_PATHS.has(path) || !path.startsWith('/api/')) return;
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
    request.actor = await auth.authenticateToken(token);
  });
}

/** The authenticated caller; routes under /api always have one. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new DomainError('unauthenticated', 'unauthenticated', 'authentication required');
  return request.actor;
}
