import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../../src/integrations/notify/webhook.channel.js';
import { buildIncidentInput } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { STORE_KINDS } from '../support/stores.js';
import { WEBHOOK_SECRET, addUser, startWorkerHarness, type WorkerHarness } from './support/worker-harness.js';

const HOUR = 3_600_000;

describe.each(STORE_KINDS)('notifications through the SQL outbox on %s', (kind) => {
  let t: TestServer;
  let h: WorkerHarness;
  let incident: string;
  const tokens: Record<string, string> = {};
  const subjectsTo = (who: string) =>
    h.sink.messages.filter((m) => m.envelope.to.includes(`${who}@example.com`)).map((m) => m.headers.subject);
  const createAction = async (owner: string, title: string, due: string) => {
    const created = await t.call('POST', '/api/v1/actions', {
      body: {
        incident_ids: [incident],
        title,
        type: 'preventive',
        category: 'deploys',
        owner: { kind: 'user', id: owner },
        due_date: due,
        priority: 'High',
        risk_reduction: 4,
        feasibility: 4,
        success_criteria: 'Canary blocks a bad deploy in a drill',
      },
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };

  beforeAll(async () => {
    t = await startTestServer(kind);
    h = await startWorkerHarness(t);
    for (const [name, role] of [
      ['alice', 'responder'],
      ['lena', 'reviewer'],
      ['carol', 'responder'],
      ['dave', 'responder'],
    ] as const) {
      tokens[name] = (await addUser(t, name, role, ['sre'])).token;
    }
    const lead = await t.call('PUT', '/api/v1/teams/sre/notification-preferences', {
      body: { lead_id: 'lena' },
    });
    expect(lead.body).toMatchObject({ subject_kind: 'team', subject_id: 'sre', lead_id: 'lena' });
    await t.call('PUT', '/api/v1/users/carol/notification-preferences', { body: { channels: ['webhook'] } });
    await t.call('PUT', '/api/v1/users/dave/notification-preferences', { body: { digest: true } });
    incident = (await t.call('POST', '/api/v1/incidents', { body: buildIncidentInput() })).body.id as string;
  });
  afterAll(async () => {
    await h.stop();
    await t.close();
  });

  it('emails the owner on assignment with the action in the message', async () => {
    const id = await createAction('alice', 'Add a canary stage', '2024-01-20');
    expect((await h.pass()).delivery).toMatchObject({ sent: 1, failed: 0, deferred: 0 });
    const [mail] = h.sink.messages;
    expect(mail?.envelope).toEqual({ from: 'hindsight@example.com', to: ['alice@example.com'] });
    expect(mail?.headers.subject).toBe(`[Hindsight] ${id} assigned to you: Add a canary stage`);
    expect(mail?.headers['x-hindsight-delivery']).toBe(
      `action:${id}:assigned:2024-01-16T10:00:00.000Z:user:alice:email`,
    );
    expect(mail?.text.replace(/\r\n/g, '\n').trimEnd()).toBe(
      [
        'An improvement action from a post-incident review is now yours.',
        '',
        `${id}: Add a canary stage`,
        'Priority: High',
        'Due: 2024-01-20',
        'Owner: user:alice',
      ].join('\n'),
    );
  });

  it('reminds before the due date, daily when overdue, and escalates to the team lead once', async () => {
    for (
      let at = Date.parse('2024-01-16T12:00:00Z');
      at <= Date.parse('2024-01-25T18:00:00Z');
      at += 6 * HOUR
    ) {
      t.clock.set(new Date(at));
      await h.pass();
    }
    expect(subjectsTo('alice').slice(1)).toEqual([
      '[Hindsight] ACT-000001 is due in 3 days (2024-01-20): Add a canary stage',
      '[Hindsight] ACT-000001 is 1 day overdue: Add a canary stage',
      '[Hindsight] ACT-000001 is 2 days overdue: Add a canary stage',
      '[Hindsight] ACT-000001 is 3 days overdue: Add a canary stage',
      '[Hindsight] ACT-000001 is 4 days overdue: Add a canary stage',
      '[Hindsight] ACT-000001 is 5 days overdue: Add a canary stage',
    ]);
    expect(subjectsTo('lena')).toEqual([
      '[Hindsight] Escalation: ACT-000001 is 3 days overdue (owner user:alice)',
    ]);
    const keys = h.sink.messages.map((m) => m.headers['x-hindsight-delivery']);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('retries a failing webhook receiver with backoff, then marks it failed; nothing is lost', async () => {
    t.clock.set('2024-01-26T10:00:00Z');
    // Alice's overdue action would be reminded about today: close it so only the new messages count.
    await t.call('POST', '/api/v1/actions/ACT-000001/status', {
      body: { status: 'wont_do', reason: 'superseded' },
    });
    h.receiver.failAll();
    const webhookAction = await createAction('carol', 'Rotate the deploy key', '2024-03-01');
    const emailAction = await createAction('alice', 'Document the rollback', '2024-03-01');
    expect((await h.pass()).delivery).toEqual({ claimed: 2, sent: 1, retrying: 1, failed: 0, deferred: 0 });
    t.clock.advance(59_999);
    expect((await h.pass()).delivery).toMatchObject({ claimed: 0 });
    t.clock.advance(1);
    expect((await h.pass()).delivery).toMatchObject({ claimed: 1, retrying: 1 });
    t.clock.advance(120_000);
    expect((await h.pass()).delivery).toMatchObject({ claimed: 1, failed: 1, deferred: 0 });
    const key = `action:${webhookAction}:assigned:2024-01-26T10:00:00.000Z:user:carol:webhook`;
    expect(h.receiver.requests.map((r) => [r.headers['x-hindsight-delivery'], r.status])).toEqual([
      [key, 500],
      [key, 500],
      [key, 500],
    ]);
    const request = h.receiver.requests[0];
    expect(
      verifySignature(request?.body ?? '', WEBHOOK_SECRET, request?.headers['x-hindsight-signature']),
    ).toBe(true);
    const outbox = await h.outbox();
    expect(outbox.find((i) => i.notification.key === key)).toMatchObject({
      status: 'failed',
      attempts: 3,
      last_error: 'webhook: HTTP 500 receiver failing on purpose',
    });
    expect(outbox.find((i) => i.notification.key.startsWith(`action:${emailAction}:`))?.status).toBe('sent');
    expect(outbox.filter((i) => i.status === 'pending')).toEqual([]);

    h.receiver.failFirst(1);
    const recovering = await createAction('carol', 'Alert on failed deploys', '2024-03-01');
    h.receiver.requests.length = 0;
    expect((await h.pass()).delivery).toMatchObject({ retrying: 1 });
    t.clock.advance(60_000);
    expect((await h.pass()).delivery).toMatchObject({ sent: 1 });
    expect(h.receiver.requests.map((r) => r.status)).toEqual([500, 200]);
    expect(JSON.parse(h.receiver.requests[1]?.body ?? '{}')).toMatchObject({
      kind: 'action_assigned',
      recipient: { kind: 'user', id: 'carol' },
      data: { action_id: recovering, title: 'Alert on failed deploys' },
    });
  });

  it('sends digest readers one digest a day instead of single messages', async () => {
    t.clock.set('2024-01-26T11:00:00Z');
    const id = await createAction('dave', 'Add a deploy freeze calendar', '2024-02-28');
    await h.pass();
    // Assigned after today's digest hour: it waits for tomorrow's digest.
    expect(subjectsTo('dave')).toEqual([]);
    t.clock.set('2024-01-27T08:05:00Z');
    await h.pass();
    expect(subjectsTo('dave')).toEqual(['[Hindsight] Daily digest for 2024-01-27: 1 action needs attention']);
    const digest = h.sink.messages.find((m) => m.envelope.to.includes('dave@example.com'));
    expect(digest?.text.replace(/\r\n/g, '\n').trimEnd()).toBe(
      [
        'Your Hindsight digest for 2024-01-27.',
        '',
        'Newly assigned (1):',
        `- ${id} Add a deploy freeze calendar (due 2024-02-28; High; user:dave)`,
      ].join('\n'),
    );
    t.clock.set('2024-01-27T14:00:00Z');
    await h.pass();
    expect(subjectsTo('dave')).toHaveLength(1);
  });
});
