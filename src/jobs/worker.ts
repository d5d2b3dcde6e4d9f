import type { NotificationChannel } from '../core/notifications/notification.ports.js';
import type { Clock } from '../core/shared/clock.js';
import { EmailChannel } from '../integrations/notify/email.channel.js';
import { SlackChannel } from '../integrations/notify/slack.channel.js';
import { SnsChannel } from '../integrations/notify/sns.channel.js';
import { WebhookChannel } from '../integrations/notify/webhook.channel.js';
import type { Services } from '../services.js';
import type { Store } from '../storage/store.js';
import { deliveryJob } from './delivery.job.js';
import { derivedRefreshJob } from './derived-refresh.job.js';
import { digestJob } from './digest.job.js';
import { remindersJob } from './reminders.job.js';
import { reviewWorkflowJob } from './review-workflow.job.js';
import { clockSpeed } from './scaled.clock.js';
import { Scheduler, type JobOutcome } from './scheduler.js';
import type { ChannelsConfig, WorkerConfig } from './worker.config.js';

export interface Worker {
  scheduler: Scheduler;
  channels: readonly NotificationChannel[];
  /** Stops the scheduler (waiting for the pass in progress) and closes the channels. */
  stop(): Promise<void>;
}

export interface WorkerLog {
  error(message: string, error: unknown): void;
  info(message: string, outcome: JobOutcome): void;
}

/** The channels whose settings are present. */
export function channelsOf(config: ChannelsConfig): NotificationChannel[] {
  const out: NotificationChannel[] = [];
  if (config.email) out.push(new EmailChannel(config.email));
  if (config.slack) out.push(new SlackChannel(config.slack));
  if (config.webhook) out.push(new WebhookChannel(config.webhook));
  if (config.sns) out.push(new SnsChannel(config.sns));
  return out;
}

/**
 * The worker role: a scheduler over the shared store running the review workflow, action reminders,
 * digests, outbox delivery and the daily refresh of derived data. Returned unstarted; call
 * `scheduler.start()` (the server does), or drive it with `scheduler.runOnce()` in tests.
 */
export function buildWorker(
  store: Store,
  services: Services,
  clock: Clock,
  config: WorkerConfig,
  log?: WorkerLog,
): Worker {
  const channels = channelsOf(config.channels);
  const jobs = [
    reviewWorkflowJob(services.reviewAutomation, config.every_ms.review_workflow),
    remindersJob(services.reminders, config.every_ms.reminders),
    digestJob(services.reminders, config.every_ms.digest),
    deliveryJob(store.stores.outbox, channels, clock, {
      worker: config.worker_id,
      lease_ms: config.delivery.lease_ms * clockSpeed(clock),
      batch_size: config.delivery.batch_size,
      policy: config.delivery.policy,
    }),
    derivedRefreshJob(services.derivedRefresh, config.derived_refresh_hour),
  ];
  const scheduler = new Scheduler({
    jobs,
    runs: store.stores.jobRuns,
    clock,
    worker: config.worker_id,
    poll_ms: config.poll_ms,
    onError: (job, error) => log?.error(`job ${job} failed`, error),
    onRun: (job, outcome) => {
      if (Object.values(outcome).some((n) => n > 0)) log?.info(`job ${job}`, outcome);
    },
  });
  return {
    scheduler,
    channels,
    stop: async () => {
      await scheduler.stop();
      for (const channel of channels) {
        if (channel instanceof EmailChannel || channel instanceof SnsChannel) channel.close();
      }
    },
  };
}
