import type { Clock } from '../../core/shared/clock.js';
import type { Notification } from '../../core/notifications/notification.schema.js';
import {
  ChannelError,
  type NotificationChannel,
  type Outbox,
} from '../../core/notifications/notification.ports.js';
import {
  defaultRetryPolicy,
  nextAttemptAt,
  type RetryPolicy,
} from '../../core/notifications/outbox.backoff.js';

export interface DeliveryOptions {
  /** Identifies this worker's leases. */
  worker: string;
  batch_size?: number | undefined;
  /** How long a claimed item is this worker's; longer than the slowest channel's timeout. */
  lease_ms?: number | undefined;
  policy?: RetryPolicy | undefined;
}

export interface DeliveryReport {
  claimed: number;
  sent: number;
  /** Failed this time and scheduled again. */
  retrying: number;
  /** Failed for good: attempts used up, or a failure retrying cannot fix. */
  failed: number;
  /** Claimed but left for a later pass: half the lease had gone, so another worker may soon take them. */
  deferred: number;
}

/** Sends one notification; returns the failure instead of throwing it. */
async function attempt(
  channel: NotificationChannel | undefined,
  n: Notification,
): Promise<{ message: string; retryable: boolean } | undefined> {
  try {
    if (channel === undefined) throw new ChannelError(`no ${n.channel} channel is configured`, false);
    await channel.send(n);
    return undefined;
  } catch (error) {
    return {
      message: error instanceof Error ? error.message : String(error),
      // A channel that throws something other than ChannelError has a bug or a surprise: try again later.
      retryable: error instanceof ChannelError ? error.retryable : true,
    };
  }
}

/**
 * One pass of the outbox: claims the due items, sends each over its channel and marks it sent, or failed
 * with the next attempt time from the backoff policy (or for good). Items are sent one after another, so
 * a slow receiver slows this worker, not the others. Call it on a schedule from the worker role.
 */
export async function deliver(
  outbox: Outbox,
  channels: readonly NotificationChannel[],
  clock: Clock,
  options: DeliveryOptions,
): Promise<DeliveryReport> {
  const policy = options.policy ?? defaultRetryPolicy;
  const byName = new Map(channels.map((c) => [c.name, c]));
  const leaseMs = options.lease_ms ?? 60_000;
  const claimedAt = clock.now().getTime();
  const items = await outbox.claimDue(new Date(claimedAt), {
    limit: options.batch_size ?? 50,
    lease_ms: leaseMs,
    worker: options.worker,
  });
  const report: DeliveryReport = { claimed: items.length, sent: 0, retrying: 0, failed: 0, deferred: 0 };
  for (const [index, item] of items.entries()) {
    // The lease covers the whole batch. Sending on after it ran out would race the worker that claims
    // the item next and deliver it twice; half the lease leaves room for the send in progress.
    if (clock.now().getTime() - claimedAt > leaseMs / 2) {
      report.deferred = items.length - index;
      break;
    }
    const n = item.notification;
    const failure = await attempt(byName.get(n.channel), item.notification);
    if (failure === undefined) {
      // Outside the send's try: if recording fails, the lease runs out and the item is tried again,
      // rather than being marked failed after it was in fact delivered.
      await outbox.markSent(n.key, clock.now());
      report.sent += 1;
      continue;
    }
    const attempts = item.attempts + 1;
    const next = failure.retryable ? nextAttemptAt(attempts, clock.now(), policy) : null;
    await outbox.markFailed(n.key, { attempts, error: failure.message, next_attempt_at: next });
    if (next === null) report.failed += 1;
    else report.retrying += 1;
  }
  return report;
}
