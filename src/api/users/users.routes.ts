import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { UserService } from '../../core/auth/user.service.js';
import { UserCreate } from '../../core/auth/user.service.js';
import { ErrorBody } from '../errors.js';
import { actorOf } from '../request-actor.js';

const User = z.object({
  id: z.string(),
  username: z.string(),
  display_name: z.string(),
  email: z.string().nullable(),
  role: z.string(),
  disabled: z.boolean(),
  team_ids: z.array(z.string()),
  created_at: z.string(),
});
const Person = z.object({
  id: z.string(),
  username: z.string(),
  display_name: z.string(),
  disabled: z.boolean(),
});
const Token = z.object({
  id: z.string(),
  name: z.string(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});
const Username = z.object({ username: z.string() });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const param = (p: unknown, key: string) => (p as Record<string, string>)[key] ?? '';

export function userRoutes(app: FastifyInstance, users: UserService): void {
  app.get('/api/v1/users', {
    schema: { tags: ['users'], summary: 'List users (admin)', response: { 200: z.array(User), ...errors } },
    handler: (request) => users.list(actorOf(request)),
  });
  app.get('/api/v1/people', {
    schema: {
      tags: ['users'],
      summary: 'Everyone’s id, username and display name (anyone signed in), to show names for user ids',
      response: { 200: z.array(Person), ...errors },
    },
    handler: (request) => users.people(actorOf(request)),
  });
  app.post('/api/v1/users', {
    schema: {
      tags: ['users'],
      summary: 'Create a user (admin)',
      body: UserCreate,
      response: { 201: User, ...errors },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await users.create(actorOf(request), request.body)),
  });
  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(`/api/v1/users/:username/${name}`, {
      schema: {
        tags: ['users'],
        summary: `${name} a user (admin)`,
        params: Username,
        response: { 200: User, ...errors },
      },
      handler: (request) => users.setDisabled(actorOf(request), param(request.params, 'username'), disabled),
    });
  }
  app.get('/api/v1/users/:username/tokens', {
    schema: {
      tags: ['users'],
      summary: 'List a user’s API tokens (own, or any as admin)',
      params: Username,
      response: { 200: z.array(Token), ...errors },
    },
    handler: (request) => users.listTokens(actorOf(request), param(request.params, 'username')),
  });
  app.post('/api/v1/users/:username/tokens', {
    schema: {
      tags: ['users'],
      summary: 'Issue an API token; the secret is in this response only',
      params: Username,
      body: z.strictObject({ name: z.string().trim().min(1).max(100) }),
      response: { 201: z.object({ token: z.string(), token_id: z.string() }), ...errors },
    },
    handler: async (request, reply) => {
      const name = (request.body as { name?: unknown } | null)?.name;
      const issued = await users.createToken(actorOf(request), param(request.params, 'username'), name);
      return reply.status(201).send({ token: issued.token, token_id: issued.token_id });
    },
  });
  app.delete('/api/v1/users/:username/tokens/:tokenId', {
    schema: {
      tags: ['users'],
      summary: 'Revoke an API token',
      params: z.object({ username: z.string(), tokenId: z.string() }),
      response: { 204: z.null(), ...errors },
    },
    handler: async (request, reply) => {
      await users.revokeToken(
        actorOf(request),
        param(request.params, 'username'),
        param(request.params, 'tokenId'),
      );
      return reply.status(204).send();
    },
  });
}
