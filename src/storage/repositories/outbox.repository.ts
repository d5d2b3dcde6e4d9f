import { sql, type Kysely } from 'kysely';
import type { Outbox, OutboxItem, OutboxStatus } from '../../core/notifications/notification.ports.js';
import type { Notification } from '../../core/notifications/notification.schema.js';
import type { StoreKind } from '../database.js';
import type { Database, NotificationOutboxRow } from '../schema.js';
import { toIso, toMs } from './instants.js';

/** An outbox row as the delivery loop and tests see it, with who sent it. */
export interface StoredOutboxItem extends OutboxItem {
  sent_by?: string | undefined;
}

function itemFromRow(row: NotificationOutboxRow): StoredOutboxItem {
  const notification: Notification = {
    key: row.key,
    kind: row.kind as Notification['kind'],
    recipient: {
      kind: row.recipient_kind as 'user' | 'team',
      id: row.recipient_id,
      ...(row.recipient_email === null ? {} : { email: row.recipient_email }),
    },
    channel: row.channel as Notification['channel'],
    subject: row.subject,
    text: row.body,
    data: JSON.parse(row.data) as Notification['data'],
    not_before: toIso(row.not_before_ms),
  };
  return {
    notification,
    status: row.status as OutboxStatus,
    attempts: row.attempts,
    next_attempt_at: toIso(row.next_attempt_at_ms),
    ...(row.last_error === null ? {} : { last_error: row.last_error }),
    ...(row.sent_at_ms === null ? {} : { sent_at: toIso(row.sent_at_ms) }),
    ...(row.sent_by === null ? {} : { sent_by: row.sent_by }),
  };
}

/**
 * The notification outbox in SQL. The key is the primary key, so `enqueue` is an
 * `INSERT … ON CONFLICT DO NOTHING`: recording the same notification twice (a retried request, two
 * instances planning the same reminder) keeps one row. Claiming is one `UPDATE … WHERE key IN (SELECT …)`
 * that leases the rows to a worker: on PostgreSQL the inner select takes `FOR UPDATE SKIP LOCKED`, so
 * concurrent workers pass over each other's rows instead of waiting or double-claiming; SQLite runs the
 * statement under its single write lock, which gives the same exclusion.
 */
/** 19 columns × 500 rows stays under SQLite's bound-parameter limit (32 766) and PostgreSQL's (65 535). */
const OUTBOX_ROWS_PER_INSERT = 500;

export class OutboxRepository implements Outbox {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: StoreKind,
  ) {}

  async enqueue(n: Notification, now: Date): Promise<boolean> {
    return (await this.insertIgnoringKnownKeys([n], now)) > 0;
  }

  /**
   * Records many notifications (a reminder run plans thousands on a large store) in multi-row statements
   * instead of one autocommitted, fsynced insert each: recording 9 358 first reminders that way on the 10k
   * benchmark store kept SQLite's synchronous calls from letting the API answer (healthy after 4.9 s instead
   * of 1.5 s with this). Between
   * statements the event loop gets a turn, so requests are served while a burst is recorded.
   */
  async enqueueAll(notifications: readonly Notification[], now: Date): Promise<number> {
    let recorded = 0;
    for (let start = 0; start < notifications.length; start += OUTBOX_ROWS_PER_INSERT) {
      if (start > 0) await new Promise((resolve) => setImmediate(resolve));
      recorded += await this.insertIgnoringKnownKeys(
        notifications.slice(start, start + OUTBOX_ROWS_PER_INSERT),
        now,
      );
    }
    return recorded;
  }

  /** Inserts the rows whose key is new; returns how many were. */
  private async insertIgnoringKnownKeys(notifications: readonly Notification[], now: Date): Promise<number> {
    if (notifications.length === 0) return 0;
    const result = await this.db
      .insertInto('notification_outbox')
      .values(
        notifications.map((n) => {
          const notBefore = toMs(n.not_before);
          return {
            key: n.key,
            kind: n.kind,
            channel: n.channel,
            recipient_kind: n.recipient.kind,
            recipient_id: n.recipient.id,
            recipient_email: n.recipient.email ?? null,
            subject: n.subject,
            body: n.text,
            data: JSON.stringify(n.data),
            not_before_ms: notBefore,
            status: 'pending',
            attempts: 0,
            next_attempt_at_ms: notBefore,
            lease_until_ms: 0,
            leased_by: null,
            last_error: null,
            sent_at_ms: null,
            sent_by: null,
            created_at_ms: now.getTime(),
          };
        }),
      )
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0);
  }

  async claimDue(
    now: Date,
    options: { limit: number; lease_ms: number; worker: string },
  ): Promise<OutboxItem[]> {
    const t = now.getTime();
    let due = this.db
      .selectFrom('notification_outbox')
      .select('key')
      .where('status', '=', 'pending')
      .where('next_attempt_at_ms', '<=', t)
      .where('not_before_ms', '<=', t)
      .where('lease_until_ms', '<=', t)
      .orderBy('next_attempt_at_ms')
      .orderBy('key')
      .limit(options.limit);
    if (this.kind === 'postgres') due = due.forUpdate().skipLocked();
    const rows = await this.db
      .updateTable('notification_outbox')
      .set({ lease_until_ms: t + options.lease_ms, leased_by: options.worker })
      .where('key', 'in', due)
      // Re-checked outside the subquery: on PostgreSQL a row may change between the select and the update.
      .where('status', '=', 'pending')
      .where('lease_until_ms', '<=', t)
      .returningAll()
      .execute();
    return rows
      .sort(
        (a, b) => a.next_attempt_at_ms - b.next_attempt_at_ms || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
      )
      .map(itemFromRow);
  }

  async markSent(key: string, now: Date): Promise<void> {
    await this.db
      .updateTable('notification_outbox')
      .set({
        status: 'sent',
        sent_at_ms: now.getTime(),
        sent_by: sql<string>`leased_by`,
        lease_until_ms: 0,
        leased_by: null,
      })
      .where('key', '=', key)
      .execute();
  }

  async markFailed(
    key: string,
    failure: { attempts: number; error: string; next_attempt_at: Date | null },
  ): Promise<void> {
    await this.db
      .updateTable('notification_outbox')
      .set({
        attempts: failure.attempts,
        last_error: failure.error.slice(0, 2_000),
        lease_until_ms: 0,
        leased_by: null,
        ...(failure.next_attempt_at === null
          ? { status: 'failed' }
          : { next_attempt_at_ms: failure.next_attempt_at.getTime() }),
      })
      .where('key', '=', key)
      .execute();
  }

  /** Every item (optionally of one status), oldest first: for operators and tests. */
  async list(status?: OutboxStatus): Promise<StoredOutboxItem[]> {
    let query = this.db.selectFrom('notification_outbox').selectAll();
    if (status) query = query.where('status', '=', status);
    const rows = await query.orderBy('created_at_ms').orderBy('key').execute();
    return rows.map(itemFromRow);
  }
}
