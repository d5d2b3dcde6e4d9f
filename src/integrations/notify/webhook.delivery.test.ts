import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/shared/clock.js';
import type { RetryPolicy } from '../../core/notifications/outbox.backoff.js';
import { buildNotification } from '../../../test/support/receivers/build-notification.js';
import { HttpReceiver, type Responder } from '../../../test/support/receivers/http-receiver.js';
import { MemoryOutbox } from '../../../test/support/receivers/memory-outbox.js';
import { deliver } from './delivery.loop.js';
import { verifySignature, WebhookChannel } from './webhook.channel.js';

const SECRET = 'whsec-test-1';
const policy: RetryPolicy = { max_attempts: 4, base_delay_ms: 1_000, factor: 2, max_delay_ms: 60_000 };
const webhook = (key: string) => buildNotification({ key, channel: 'webhook' });

let receiver: HttpReceiver | undefined;
afterEach(async () => {
  await receiver?.stop();
  receiver = undefined;
});

async function setUp(responder?: Responder) {
  receiver = new HttpReceiver(responder);
  const url = `${await receiver.start()}/hooks/hindsight`;
  const clock = new ManualClock('2026-11-28T09:00:00Z');
  const outbox = new MemoryOutbox();
  const channel = new WebhookChannel({ url, secret: SECRET, timeout_ms: 5_000 });
  const run = () => deliver(outbox, [channel], clock, { worker: 'w1', policy });
  return { receiver, clock, outbox, run, url };
}

describe('WebhookChannel with the delivery loop', () => {
  it('signs the raw body with HMAC-SHA256 and names the delivery', async () => {
    const { receiver, clock, outbox, run } = await setUp();
    expect(await outbox.enqueue(webhook('k-1'), clock.now())).toBe(true);
    expect(await run()).toEqual({ claimed: 1, sent: 1, retrying: 0, failed: 0, deferred: 0 });
    const [req] = receiver.requests;
    expect(req?.method).toBe('POST');
    expect(req?.path).toBe('/hooks/hindsight');
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.headers['x-hindsight-delivery']).toBe('k-1');
    const expected = `sha256=${createHmac('sha256', SECRET)
      .update(req?.body ?? '')
      .digest('hex')}`;
    expect(req?.headers['x-hindsight-signature']).toBe(expected);
    expect(verifySignature(req?.body ?? '', SECRET, req?.headers['x-hindsight-signature'])).toBe(true);
    expect(verifySignature(req?.body ?? '', 'other-secret', req?.headers['x-hindsight-signature'])).toBe(
      false,
    );
    expect(JSON.parse(req?.body ?? '')).toMatchObject({
      key: 'k-1',
      kind: 'action_overdue',
      recipient: { kind: 'user', id: 'alice' },
      data: { action_id: 'ACT-000012', days_overdue: 1 },
    });
    expect(outbox.get('k-1')).toMatchObject({
      status: 'sent',
      attempts: 0,
      sent_at: '2026-11-28T09:00:00.000Z',
    });
  });

  it('retries a failing receiver with backoff until it recovers', async () => {
    const { receiver, clock, outbox, run } = await setUp();
    receiver.failFirst(2);
    await outbox.enqueue(webhook('k-2'), clock.now());
    expect(await run()).toEqual({ claimed: 1, sent: 0, retrying: 1, failed: 0, deferred: 0 });
    expect(outbox.get('k-2')).toMatchObject({
      status: 'pending',
      attempts: 1,
      next_attempt_at: '2026-11-28T09:00:01.000Z',
      last_error: 'webhook: HTTP 500 receiver failing on purpose',
    });
    clock.advance(999);
    expect((await run()).claimed).toBe(0);
    clock.advance(1);
    expect(await run()).toMatchObject({ retrying: 1 });
    expect(outbox.get('k-2')?.next_attempt_at).toBe('2026-11-28T09:00:03.000Z');
    clock.advance(2_000);
    expect(await run()).toMatchObject({ sent: 1 });
    expect(receiver.requests.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(new Set(receiver.requests.map((r) => r.headers['x-hindsight-delivery']))).toEqual(
      new Set(['k-2']),
    );
    expect(outbox.get('k-2')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('marks an item failed after the last attempt, and loses none', async () => {
    const { receiver, clock, outbox, run } = await setUp();
    receiver.failAll();
    for (const key of ['a', 'b', 'c']) await outbox.enqueue(webhook(key), clock.now());
    const attemptsAt: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const report = await run();
      if (report.claimed > 0) attemptsAt.push(clock.now().toISOString().slice(11, 19));
      clock.advance(1_000);
    }
    // Attempts at 0 s, then after 1 s, 2 s and 4 s of backoff: four in all.
    expect(attemptsAt).toEqual(['09:00:00', '09:00:01', '09:00:03', '09:00:07']);
    expect(receiver.requests).toHaveLength(12);
    expect(outbox.all().map((i) => [i.notification.key, i.status, i.attempts])).toEqual([
      ['a', 'failed', 4],
      ['b', 'failed', 4],
      ['c', 'failed', 4],
    ]);
  });

  it('gives up at once on a 4xx, and refuses a duplicate key', async () => {
    const { receiver, clock, outbox, run } = await setUp(({ headers }) =>
      headers['x-hindsight-delivery'] === 'bad' ? { status: 410, body: 'gone' } : { status: 204 },
    );
    await outbox.enqueue(webhook('bad'), clock.now());
    expect(await outbox.enqueue(webhook('bad'), clock.now())).toBe(false);
    await outbox.enqueue(webhook('good'), clock.now());
    expect(await run()).toEqual({ claimed: 2, sent: 1, retrying: 0, failed: 1, deferred: 0 });
    expect(outbox.get('bad')).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error: 'webhook: HTTP 410 gone',
    });
    expect(receiver.requests).toHaveLength(2);
  });

  it('fails for good a notification whose channel is not configured', async () => {
    const { clock, outbox, run } = await setUp();
    await outbox.enqueue(buildNotification({ key: 'sms', channel: 'sns' }), clock.now());
    expect(await run()).toMatchObject({ failed: 1, deferred: 0 });
    expect(outbox.get('sms')?.last_error).toBe('no sns channel is configured');
  });

  it('treats an unreachable receiver as retryable', async () => {
    const clock = new ManualClock('2026-11-28T09:00:00Z');
    const outbox = new MemoryOutbox();
    const channel = new WebhookChannel({ url: 'http://127.0.0.1:1/x', secret: SECRET });
    await outbox.enqueue(webhook('down'), clock.now());
    expect(await deliver(outbox, [channel], clock, { worker: 'w', policy })).toMatchObject({ retrying: 1 });
    expect(outbox.get('down')?.last_error).toMatch(/^webhook: TypeError: fetch failed/);
  });
});

describe('timeouts and leases', () => {
  it('gives up on a hung receiver after the timeout, as a retryable failure', async () => {
    const { receiver, clock, outbox, url } = await setUp();
    receiver.hang();
    const channel = new WebhookChannel({ url, secret: SECRET, timeout_ms: 200 });
    await outbox.enqueue(webhook('slow'), clock.now());
    expect(await deliver(outbox, [channel], clock, { worker: 'w1', policy })).toMatchObject({ retrying: 1 });
    expect(outbox.get('slow')?.last_error).toBe('webhook: timed out after 200 ms');
  });

  it('keeps a leased item from a second worker until the lease runs out (a crashed worker)', async () => {
    const { receiver, clock, outbox, url } = await setUp();
    const channel = new WebhookChannel({ url, secret: SECRET });
    await outbox.enqueue(webhook('k-lease'), clock.now());
    // Worker 1 claims the item and dies before sending it.
    expect(await outbox.claimDue(clock.now(), { limit: 10, lease_ms: 60_000, worker: 'w1' })).toHaveLength(1);
    const w2 = () => deliver(outbox, [channel], clock, { worker: 'w2', policy, lease_ms: 60_000 });
    expect(await w2()).toMatchObject({ claimed: 0 });
    clock.advance(60_000);
    expect(await w2()).toEqual({ claimed: 1, sent: 1, retrying: 0, failed: 0, deferred: 0 });
    expect(receiver.requests).toHaveLength(1);
    expect(outbox.get('k-lease')?.status).toBe('sent');
  });
});

describe('a crash between sending and recording', () => {
  it('leaves the item to be sent again with the same delivery key, never marked failed', async () => {
    const { receiver, clock, outbox, url } = await setUp();
    const channel = new WebhookChannel({ url, secret: SECRET });
    await outbox.enqueue(webhook('k-crash'), clock.now());
    const flaky = Object.create(outbox) as MemoryOutbox;
    flaky.markSent = () => Promise.reject(new Error('database connection lost'));
    await expect(
      deliver(flaky, [channel], clock, { worker: 'w1', policy, lease_ms: 30_000 }),
    ).rejects.toThrow('database connection lost');
    expect(outbox.get('k-crash')).toMatchObject({ status: 'pending', attempts: 0 });
    clock.advance(30_000);
    expect(await deliver(outbox, [channel], clock, { worker: 'w2', policy })).toMatchObject({ sent: 1 });
    expect(receiver.requests.map((r) => r.headers['x-hindsight-delivery'])).toEqual(['k-crash', 'k-crash']);
  });
});
