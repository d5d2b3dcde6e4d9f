import type { Clock } from '../core/shared/clock.js';
import type { NotificationChannel, Outbox } from '../core/notifications/notification.ports.js';
import type { RetryPolicy } from '../core/notifications/outbox.backoff.js';
import { deliver } from '../integrations/notify/delivery.loop.js';
import type { ScheduledJob } from './scheduler.js';

export interface DeliveryJobOptions {
  worker: string;
  /** How long a claimed batch is this worker's, in clock milliseconds; longer than the slowest send. */
  lease_ms: number;
  batch_size: number;
  policy: RetryPolicy;
  /** Batches per pass at most, so one pass cannot run forever while items keep arriving. */
  max_batches?: number | undefined;
}

/**
 * Sends what is due in the outbox. Not exclusive: every instance delivers on every pass, and the outbox
 * lease (FOR UPDATE SKIP LOCKED on PostgreSQL) gives each item to one of them. Drains full batches.
 */
export function deliveryJob(
  outbox: Outbox,
  channels: readonly NotificationChannel[],
  clock: Clock,
  options: DeliveryJobOptions,
): ScheduledJob {
  return {
    name: 'delivery',
    every_ms: 1,
    exclusive: false,
    run: async () => {
      const total = { claimed: 0, sent: 0, retrying: 0, failed: 0, deferred: 0 };
      for (let batch = 0; batch < (options.max_batches ?? 20); batch += 1) {
        const report = await deliver(outbox, channels, clock, {
          worker: options.worker,
          batch_size: options.batch_size,
          lease_ms: options.lease_ms,
          policy: options.policy,
        });
        total.claimed += report.claimed;
        total.sent += report.sent;
        total.retrying += report.retrying;
        total.failed += report.failed;
        total.deferred += report.deferred;
        if (report.claimed < options.batch_size || report.deferred > 0) break;
      }
      return total;
    },
  };
}
