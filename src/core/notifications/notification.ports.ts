import type { Notification } from './notification.schema.js';

/**
 * A delivery failure. `retryable` says whether trying again later may succeed (a timeout, a 5xx, a refused
 * connection) or never will (a 4xx, a missing address), in which case the outbox gives up at once.
 */
export class ChannelError extends Error {
  readonly retryable: boolean;

  constructor(message: string, retryable: boolean, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ChannelError';
    this.retryable = retryable;
  }
}

/** Sends one notification; resolves when the far side accepted it, throws {@link ChannelError} otherwise. */
export interface NotificationChannel {
  readonly name: Notification['channel'];
  send(notification: Notification): Promise<void>;
}

export type OutboxStatus = 'pending' | 'sent' | 'failed';

export interface OutboxItem {
  notification: Notification;
  status: OutboxStatus;
  /** Delivery attempts made so far. */
  attempts: number;
  /** ISO instant before which the item is not tried (again). */
  next_attempt_at: string;
  last_error?: string | undefined;
  sent_at?: string | undefined;
}

/**
 * The notification outbox. Storage implements it in SQL with a unique index on the key, so a notification
 * is recorded once before it is sent and survives a crash; a lease keeps two workers off the same item.
 */
export interface Outbox {
  /** Records a notification; false when its key is already there (nothing changes then). */
  enqueue(notification: Notification, now: Date): Promise<boolean>;
  /** Records many at once; returns how many were new (the others' keys were already there). */
  enqueueAll(notifications: readonly Notification[], now: Date): Promise<number>;
  /**
   * Takes up to `limit` pending items whose `next_attempt_at` (and `not_before`) have come, leasing them to
   * `worker` until `now + lease_ms`; an item whose lease ran out (its worker died) can be claimed again.
   */
  claimDue(now: Date, options: { limit: number; lease_ms: number; worker: string }): Promise<OutboxItem[]>;
  markSent(key: string, now: Date): Promise<void>;
  /**
   * Records a failed attempt: `attempts` is the new count; with `next_attempt_at` the item waits for it, with
   * null the outbox gives up and the item is `failed` for good.
   */
  markFailed(
    key: string,
    failure: { attempts: number; error: string; next_attempt_at: Date | null },
  ): Promise<void>;
}
