import type { Outbox, OutboxItem } from '../../../src/core/notifications/notification.ports.js';
import type { Notification } from '../../../src/core/notifications/notification.schema.js';

interface Row extends OutboxItem {
  lease_until: number;
  leased_by: string | undefined;
}

/**
 * An in-memory {@link Outbox} for tests of channels and the delivery loop. The real one is storage's SQL
 * table with a unique index on the key; this one keeps the same contract in a Map.
 */
export class MemoryOutbox implements Outbox {
  private readonly rows = new Map<string, Row>();

  enqueue(notification: Notification, _now: Date): Promise<boolean> {
    if (this.rows.has(notification.key)) return Promise.resolve(false);
    this.rows.set(notification.key, {
      notification,
      status: 'pending',
      attempts: 0,
      next_attempt_at: notification.not_before,
      lease_until: 0,
      leased_by: undefined,
    });
    return Promise.resolve(true);
  }

  async enqueueAll(notifications: readonly Notification[], now: Date): Promise<number> {
    let recorded = 0;
    for (const n of notifications) if (await this.enqueue(n, now)) recorded += 1;
    return recorded;
  }

  claimDue(now: Date, options: { limit: number; lease_ms: number; worker: string }): Promise<OutboxItem[]> {
    const t = now.getTime();
    const due = [...this.rows.values()]
      .filter((r) => r.status === 'pending' && Date.parse(r.next_attempt_at) <= t && r.lease_until <= t)
      .sort(
        (a, b) =>
          a.next_attempt_at.localeCompare(b.next_attempt_at) ||
          a.notification.key.localeCompare(b.notification.key),
      )
      .slice(0, options.limit);
    for (const r of due) {
      r.lease_until = t + options.lease_ms;
      r.leased_by = options.worker;
    }
    return Promise.resolve(due.map((r) => this.view(r)));
  }

  markSent(key: string, now: Date): Promise<void> {
    const r = this.row(key);
    Object.assign(r, { status: 'sent', sent_at: now.toISOString(), lease_until: 0, leased_by: undefined });
    return Promise.resolve();
  }

  markFailed(
    key: string,
    failure: { attempts: number; error: string; next_attempt_at: Date | null },
  ): Promise<void> {
    const r = this.row(key);
    r.attempts = failure.attempts;
    r.last_error = failure.error;
    r.lease_until = 0;
    r.leased_by = undefined;
    if (failure.next_attempt_at === null) r.status = 'failed';
    else r.next_attempt_at = failure.next_attempt_at.toISOString();
    return Promise.resolve();
  }

  /** Every item, for assertions. */
  all(): OutboxItem[] {
    return [...this.rows.values()].map((r) => this.view(r));
  }

  get(key: string): OutboxItem | undefined {
    const r = this.rows.get(key);
    return r ? this.view(r) : undefined;
  }

  private row(key: string): Row {
    const r = this.rows.get(key);
    if (!r) throw new Error(`no outbox item ${key}`);
    return r;
  }

  private view(r: Row): OutboxItem {
    const { lease_until: _l, leased_by: _b, ...item } = r;
    return { ...item };
  }
}
