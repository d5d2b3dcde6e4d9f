import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { RecipientPreferences, TeamPreferences } from '../../core/notifications/notification.schema.js';
import type { NotificationPreferencesService } from '../../core/workflow/notification-preferences.service.js';
import { StoredPreferences } from '../../core/workflow/notify.ports.js';
import { ErrorBody } from '../errors.js';
import { actorOf } from '../request-actor.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const param = (request: FastifyRequest, key: string): string =>
  (request.params as Record<string, string>)[key] ?? '';

/** Notification preferences of users (their own, or any for admins) and teams (admins). */
export function notificationPreferenceRoutes(
  app: FastifyInstance,
  preferences: NotificationPreferencesService,
): void {
  const user = { params: z.object({ username: z.string() }), tags: ['notifications'] };
  const team = { params: z.object({ team: z.string() }), tags: ['notifications'] };

  app.get('/api/v1/users/:username/notification-preferences', {
    schema: {
      ...user,
      summary: 'Notification preferences of a user',
      response: { 200: StoredPreferences, ...errors },
    },
    handler: (request) => preferences.get(actorOf(request), 'user', param(request, 'username')),
  });
  app.put('/api/v1/users/:username/notification-preferences', {
    schema: {
      ...user,
      summary: 'Set email, channels (email, slack, webhook, sns) and daily digest (yourself, or admin)',
      body: RecipientPreferences,
      response: { 200: StoredPreferences, ...errors },
    },
    handler: (request) => preferences.put(actorOf(request), 'user', param(request, 'username'), request.body),
  });
  app.get('/api/v1/teams/:team/notification-preferences', {
    schema: {
      ...team,
      summary: 'Notification preferences of a team (admin)',
      response: { 200: StoredPreferences, ...errors },
    },
    handler: (request) => preferences.get(actorOf(request), 'team', param(request, 'team')),
  });
  app.put('/api/v1/teams/:team/notification-preferences', {
    schema: {
      ...team,
      summary: "Set a team's channels, digest and lead (who is told of escalations) (admin)",
      body: TeamPreferences,
      response: { 200: StoredPreferences, ...errors },
    },
    handler: (request) => preferences.put(actorOf(request), 'team', param(request, 'team'), request.body),
  });
}
