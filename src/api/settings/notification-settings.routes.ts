import type { FastifyInstance } from 'fastify';
import {
  NotificationSettingsView,
  type NotificationSettingsService,
} from '../../core/workflow/notification-settings.service.js';
import { ErrorBody } from '../errors.js';
import { actorOf } from '../request-actor.js';

/** The notification channels and timings in force (read-only: they are set in the environment). */
export function notificationSettingsRoutes(
  app: FastifyInstance,
  settings: NotificationSettingsService,
): void {
  app.get('/api/v1/settings/notifications', {
    schema: {
      tags: ['settings'],
      summary: 'Notification channels (secrets withheld), reminder and review-workflow timings (admin)',
      description:
        'Set by environment variables (HINDSIGHT_SMTP_*, HINDSIGHT_SLACK_WEBHOOK_URL, HINDSIGHT_WEBHOOK_*, ' +
        'HINDSIGHT_SNS_*, HINDSIGHT_REMINDER_*, HINDSIGHT_ESCALATE_AFTER_DAYS, HINDSIGHT_DIGEST_HOUR, ' +
        'HINDSIGHT_REVIEW_*, HINDSIGHT_FEEDBACK_DEADLINE_DAYS); the time zone is the working calendar’s. ' +
        'Passwords, the webhook secret and webhook URL paths are never shown.',
      response: { 200: NotificationSettingsView, 401: ErrorBody, 403: ErrorBody },
    },
    handler: (request) => settings.get(actorOf(request)),
  });
}
