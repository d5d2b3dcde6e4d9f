import { z } from 'zod';
import { authorize } from '../auth/policy.js';
import { ChannelName } from '../notifications/notification.schema.js';
import { ReminderSettings } from '../notifications/reminder.planner.js';
import { loadReviewSettings } from '../settings/review-settings.js';
import type { SettingsStore } from '../settings/settings.ports.js';
import type { Actor } from '../shared/actor.js';
import type { NotifySettings } from './notify.ports.js';
import { ReviewWorkflowSettings } from './review-workflow.settings.js';

/**
 * The notification channels as an administrator may see them: whether each is configured and where it
 * points (hosts, not URLs: a Slack or webhook URL path is itself a credential), never a password, secret,
 * token or key. Built from the environment by the composition root (src/jobs/channels.summary.ts).
 */
export const ChannelsSummary = z.object({
  email: z.object({
    configured: z.boolean(),
    host: z.string().nullable(),
    port: z.number().int().nullable(),
    /** TLS from the first byte; otherwise STARTTLS when offered. */
    secure: z.boolean().nullable(),
    from: z.string().nullable(),
    /** Whether SMTP sign-in is configured (the user and password themselves are not shown). */
    authenticated: z.boolean(),
  }),
  slack: z.object({ configured: z.boolean(), webhook_host: z.string().nullable() }),
  webhook: z.object({
    configured: z.boolean(),
    url_host: z.string().nullable(),
    /** Whether bodies are signed (X-Hindsight-Signature, HMAC-SHA256 with the shared secret). */
    signed: z.boolean(),
  }),
  sns: z.object({
    configured: z.boolean(),
    topic_arn: z.string().nullable(),
    region: z.string().nullable(),
    endpoint_host: z.string().nullable(),
  }),
});
export type ChannelsSummary = z.infer<typeof ChannelsSummary>;

export const NO_CHANNELS: ChannelsSummary = {
  email: { configured: false, host: null, port: null, secure: null, from: null, authenticated: false },
  slack: { configured: false, webhook_host: null },
  webhook: { configured: false, url_host: null, signed: false },
  sns: { configured: false, topic_arn: null, region: null, endpoint_host: null },
};

export const NotificationSettingsView = z.object({
  /** Whether this instance runs the worker (scheduler and delivery); the settings are what it read at start. */
  worker: z.boolean(),
  channels: ChannelsSummary,
  default_channels: z.array(ChannelName),
  link_base: z.string().nullable(),
  reminders: z.object({
    due_soon_days: z.number().int(),
    overdue_repeat_days: z.number().int(),
    escalate_after_days: z.number().int(),
    digest_hour: z.number().int(),
    /** From the working calendar (GET /api/v1/settings/calendar). */
    time_zone: z.string(),
  }),
  review_workflow: ReviewWorkflowSettings,
});
export type NotificationSettingsView = z.infer<typeof NotificationSettingsView>;

export interface NotificationSettingsDeps {
  settings: Pick<SettingsStore, 'get' | 'list'>;
  channels?: ChannelsSummary | undefined;
  notify?: NotifySettings | undefined;
  workflow?: Partial<ReviewWorkflowSettings> | undefined;
  worker?: boolean | undefined;
}

/**
 * The notification settings in force, read-only: they come from the environment (src/config.ts), so they
 * change with a restart, not through the API. Admins only: hosts and topics describe the infrastructure.
 */
export class NotificationSettingsService {
  constructor(private readonly deps: NotificationSettingsDeps) {}

  async get(actor: Actor): Promise<NotificationSettingsView> {
    authorize(actor, 'settings:read_infrastructure');
    const { calendar } = await loadReviewSettings(this.deps.settings);
    const reminders = ReminderSettings.parse({ ...this.deps.notify, time_zone: calendar.time_zone });
    return {
      worker: this.deps.worker ?? false,
      channels: this.deps.channels ?? NO_CHANNELS,
      default_channels: reminders.default_channels,
      link_base: reminders.link_base ?? null,
      reminders: {
        due_soon_days: reminders.due_soon_days,
        overdue_repeat_days: reminders.overdue_repeat_days,
        escalate_after_days: reminders.escalate_after_days,
        digest_hour: reminders.digest_hour,
        time_zone: reminders.time_zone,
      },
      review_workflow: ReviewWorkflowSettings.parse(this.deps.workflow ?? {}),
    };
  }
}
