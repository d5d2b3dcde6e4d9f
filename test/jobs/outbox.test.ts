import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/shared/clock.js';
import { deliver } from '../../src/integrations/notify/delivery.loop.js';
import { WebhookChannel } from '../../src/integrations/notify/webhook.channel.js';
import type { Store } from '../../src/storage/store.js';
import { buildNotification } from '../support/receivers/build-notification.js';
import { HttpReceiver } from '../support/receivers/http-receiver.js';
import { STORE_KINDS, freshStore } from '../support/stores.js';

const webhook = (key: string) =>
  buildNotification({ key, channel: 'webhook', not_before: '2024-01-16T10:00:00.000Z' });

describe.each(STORE_KINDS)('the SQL outbox on %s', (kind) => {
  let store: Store & { dispose(): Promise<void> };
  const receiver = new HttpReceiver();
  let channel: WebhookChannel;

  beforeAll(async () => {
    store = await freshStore(kind);
    channel = new WebhookChannel({ url: await receiver.start(), secret: 'whsec-outbox-test' });
  });
  afterAll(async () => {
    await receiver.stop();
    await store.dispose();
  });

  it('records a key once, and nothing from a transaction that rolled back', async () => {
    const now = new Date('2024-01-16T10:00:00Z');
    expect(await store.stores.outbox.enqueue(webhook('once'), now)).toBe(true);
    expect(await store.stores.outbox.enqueue(webhook('once'), now)).toBe(false);
    await expect(
      store.transaction(async (stores) => {
        await stores.outbox.enqueue(webhook('rolled-back'), now);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect((await store.stores.outbox.list()).map((i) => i.notification.key)).toEqual(['once']);
    await store.db.deleteFrom('notification_outbox').execute();
  });

  it('records a burst once per key across several statements, and lets other work run in between', async () => {
    const now = new Date('2024-01-16T10:00:00Z');
    const burst = Array.from({ length: 1_201 }, (_, i) => webhook(`burst-${String(i).padStart(4, '0')}`));
    expect(await store.stores.outbox.enqueue(webhook('burst-0600'), now)).toBe(true);
    let otherWorkRan = false;
    setImmediate(() => (otherWorkRan = true));
    const recorded = await store.stores.outbox.enqueueAll(burst, now);
    // On SQLite every statement is synchronous: without a turn of the event loop between them, the
    // immediate (as an HTTP request would) waits until the whole burst is recorded.
    const ranBeforeTheBurstEnded = otherWorkRan;
    expect(recorded).toBe(1_200);
    expect(ranBeforeTheBurstEnded).toBe(true);
    expect(await store.stores.outbox.enqueueAll(burst, now)).toBe(0);
    expect(await store.stores.outbox.enqueueAll([], now)).toBe(0);
    const keys = (await store.stores.outbox.list()).map((i) => i.notification.key);
    expect(keys).toHaveLength(1_201);
    expect(new Set(keys)).toEqual(new Set(burst.map((n) => n.key)));
    await store.db.deleteFrom('notification_outbox').execute();
  });

  it('gives each item to one of several workers claiming at once', async () => {
    const now = new Date('2024-01-16T10:00:00Z');
    for (let i = 0; i < 30; i += 1)
      await store.stores.outbox.enqueue(webhook(`k-${String(i).padStart(2, '0')}`), now);
    const claims = await Promise.all(
      ['w1', 'w2', 'w3'].map((worker) =>
        store.stores.outbox.claimDue(now, { limit: 15, lease_ms: 60_000, worker }),
      ),
    );
    const keys = claims.flat().map((i) => i.notification.key);
    expect(keys).toHaveLength(30);
    expect(new Set(keys).size).toBe(30);
    expect(await store.stores.outbox.claimDue(now, { limit: 50, lease_ms: 60_000, worker: 'w4' })).toEqual(
      [],
    );
    await store.db.deleteFrom('notification_outbox').execute();
  });

  it('stops sending a batch once half its lease has gone, so a slow receiver never causes a second send', async () => {
    const clock = new ManualClock('2024-01-16T10:00:00Z');
    for (const key of ['s1', 's2', 's3']) await store.stores.outbox.enqueue(webhook(key), clock.now());
    // Each send takes 20 s of a 60 s lease: the third would start 40 s in, past half the lease.
    const slow = {
      name: 'webhook' as const,
      send: async (n: Parameters<WebhookChannel['send']>[0]) => {
        await channel.send(n);
        clock.advance(20_000);
      },
    };
    expect(await deliver(store.stores.outbox, [slow], clock, { worker: 'slow', lease_ms: 60_000 })).toEqual({
      claimed: 3,
      sent: 2,
      retrying: 0,
      failed: 0,
      deferred: 1,
    });
    // The deferred item stays leased to the slow worker until the lease ends, then anyone sends it once.
    expect(
      await deliver(store.stores.outbox, [channel], clock, { worker: 'other', lease_ms: 60_000 }),
    ).toMatchObject({ claimed: 0 });
    clock.advance(20_000);
    expect(
      await deliver(store.stores.outbox, [channel], clock, { worker: 'other', lease_ms: 60_000 }),
    ).toMatchObject({ claimed: 1, sent: 1 });
    const sent = receiver.requests
      .map((r) => r.headers['x-hindsight-delivery'])
      .filter((k) => k?.toString().startsWith('s'));
    expect(sent).toEqual(['s1', 's2', 's3']);
    await store.db.deleteFrom('notification_outbox').execute();
    receiver.requests.length = 0;
  });

  it("sends a dead worker's items once its lease runs out; none is lost", async () => {
    const clock = new ManualClock('2024-01-16T10:00:00Z');
    for (const key of ['a', 'b', 'c']) await store.stores.outbox.enqueue(webhook(key), clock.now());
    // The worker claims and dies before sending anything.
    expect(
      await store.stores.outbox.claimDue(clock.now(), { limit: 10, lease_ms: 60_000, worker: 'dead' }),
    ).toHaveLength(3);
    clock.advance(59_999);
    expect(
      await deliver(store.stores.outbox, [channel], clock, { worker: 'w2', lease_ms: 60_000 }),
    ).toMatchObject({
      claimed: 0,
    });
    clock.advance(1);
    expect(await deliver(store.stores.outbox, [channel], clock, { worker: 'w2', lease_ms: 60_000 })).toEqual({
      claimed: 3,
      sent: 3,
      retrying: 0,
      failed: 0,
      deferred: 0,
    });
    expect(receiver.requests.map((r) => r.headers['x-hindsight-delivery'])).toEqual(['a', 'b', 'c']);
    const items = await store.stores.outbox.list();
    expect(items.map((i) => [i.notification.key, i.status, i.sent_by, i.sent_at])).toEqual([
      ['a', 'sent', 'w2', '2024-01-16T10:01:00.000Z'],
      ['b', 'sent', 'w2', '2024-01-16T10:01:00.000Z'],
      ['c', 'sent', 'w2', '2024-01-16T10:01:00.000Z'],
    ]);
    expect(items[0]?.notification).toEqual(webhook('a'));
  });
});
