import type { RetryPolicy } from '../core/notifications/outbox.backoff.js';
import type { NotifySettings } from '../core/workflow/notify.ports.js';
import type { ReviewWorkflowSettings } from '../core/workflow/review-workflow.settings.js';
import type { EmailConfig } from '../integrations/notify/email.channel.js';
import type { SlackConfig } from '../integrations/notify/slack.channel.js';
import type { SnsConfig } from '../integrations/notify/sns.channel.js';
import type { WebhookConfig } from '../integrations/notify/webhook.channel.js';

/** The channels configured from the environment; an absent one is not used. */
export interface ChannelsConfig {
  email?: EmailConfig | undefined;
  slack?: SlackConfig | undefined;
  webhook?: WebhookConfig | undefined;
  sns?: SnsConfig | undefined;
}

/** Everything the worker role reads (see src/config.ts for the variables and their defaults). */
export interface WorkerConfig {
  /** Identifies this instance in leases and job runs. */
  worker_id: string;
  channels: ChannelsConfig;
  /** Reminder timing, default channels and the public link base. */
  notify: NotifySettings;
  workflow: Partial<ReviewWorkflowSettings>;
  /** Real milliseconds between scheduler passes. */
  poll_ms: number;
  /** Clock milliseconds between runs of each exclusive job. */
  every_ms: { reminders: number; digest: number; review_workflow: number };
  /** Local hour (working calendar's time zone), 0–23, from which the derived data is refreshed each day. */
  derived_refresh_hour: number;
  delivery: { lease_ms: number; batch_size: number; policy: RetryPolicy };
}
