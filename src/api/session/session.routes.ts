import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AuthService } from '../../core/auth/auth.service.js';
import type { User } from '../../core/auth/auth.ports.js';
import { parseInput } from '../../core/shared/validation.js';
import { ErrorBody } from '../errors.js';
import { SESSION_COOKIE, actorOf } from '../request-actor.js';

const SignIn = z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) });
const SessionBody = z.object({
  user: z.object({
    id: z.string(),
    username: z.string(),
    display_name: z.string(),
    role: z.string(),
    team_ids: z.array(z.string()),
  }),
  csrf_token: z.string(),
});

const present = (user: User, csrf: string) => ({
  user: {
    id: user.id,
    username: user.username,
    display_name: user.display_name,
    role: user.role,
    team_ids: user.team_ids,
  },
  csrf_token: csrf,
});

function cookieSecret(request: FastifyRequest): string | undefined {
  return request.cookies[SESSION_COOKIE];
}

export function sessionRoutes(app: FastifyInstance, auth: AuthService, secureCookies: boolean): void {
  app.post('/api/v1/session', {
    schema: {
      tags: ['session'],
      summary: 'Sign in with a password (sets an HttpOnly session cookie)',
      body: SignIn,
      security: [],
      response: { 200: SessionBody, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
    },
    handler: async (request, reply: FastifyReply) => {
      const { username, password } = parseInput(SignIn, request.body, 'sign-in');
      const signed = await auth.signIn(username, password, request.ip);
      void reply.setCookie(SESSION_COOKIE, signed.session_secret, {
        httpOnly: true,
        sameSite: 'strict',
        secure: secureCookies,
        path: '/',
        expires: new Date(signed.expires_at),
      });
      return present(signed.user, signed.csrf_token);
    },
  });

  app.get('/api/v1/session', {
    schema: {
      tags: ['session'],
      summary: 'The signed-in user and the CSRF token for writes',
      response: { 200: SessionBody, 401: ErrorBody },
    },
    handler: async (request) => {
      const secret = cookieSecret(request);
      if (!secret || request.headers.authorization) {
        // Token callers have no session and need no CSRF token.
        const actor = actorOf(request);
        const user = {
          id: actor.id,
          username: actor.username ?? actor.id,
          display_name: actor.name,
          role: actor.role,
          team_ids: [...actor.teamIds],
        };
        return { user, csrf_token: '' };
      }
      const session = await auth.authenticateSession(secret);
      return present(session.user, session.csrf_token);
    },
  });

  app.delete('/api/v1/session', {
    schema: { tags: ['session'], summary: 'Sign out', response: { 204: z.null(), 401: ErrorBody } },
    handler: async (request, reply) => {
      const secret = cookieSecret(request);
      if (secret) await auth.signOut(secret);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  });
}
