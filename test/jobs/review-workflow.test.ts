import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIncidentInput } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { STORE_KINDS } from '../support/stores.js';
import { addUser, startWorkerHarness, type WorkerHarness } from './support/worker-harness.js';

const completeReview = {
  review_date: '2024-01-23',
  facilitator: 'Dana',
  participants: ['rob', 'rita', 'carol', 'Dana (facilitator)'],
  summary: {
    description: 'Checkout returned errors after a deploy.',
    impact: 'Checkout unavailable for 40 minutes',
    duration: '7 hours',
  },
  contributing_factors: [
    { category: 'technical', description: 'No canary stage in the deploy pipeline', primary: true },
    { category: 'process', description: 'Runbook lacked a rollback step' },
  ],
  lessons: [
    { lesson: 'Deploy through a canary stage', priority: 'High', owner: 'Platform', due_date: '2024-02-15' },
  ],
  action_items: [
    { action: 'Add canary stage', owner: 'Platform', success_criteria: 'Canary blocks bad deploys' },
  ],
};

const PARTICIPANTS = ['admin', 'alice', 'bob', 'carol', 'rita', 'rob'];

describe.each(STORE_KINDS)('review workflow on %s', (kind) => {
  let t: TestServer;
  let h: WorkerHarness;
  let id: string;
  const people: Record<string, { username: string; token: string }> = {};
  const mailsTo = (who: string) =>
    h.sink.messages.filter((m) => m.envelope.to.includes(`${who}@example.com`));
  const subjects = (who: string) => mailsTo(who).map((m) => m.headers.subject);
  const feedbackMail = (who: string) =>
    mailsTo(who).find((m) => m.headers['x-hindsight-kind'] === 'feedback_requested');

  beforeAll(async () => {
    t = await startTestServer(kind);
    h = await startWorkerHarness(t);
    t.clock.set('2024-01-19T16:30:00Z');
    for (const [name, role] of [
      ['alice', 'responder'],
      ['bob', 'viewer'],
      ['carol', 'responder'],
      ['rob', 'responder'],
      ['rita', 'reviewer'],
    ] as const) {
      people[name] = await addUser(t, name, role, ['payments']);
    }
    await t.call('PUT', '/api/v1/users/admin/notification-preferences', {
      body: { email: 'admin@example.com' },
    });
    const carol = await t.call('PUT', '/api/v1/users/carol/notification-preferences', {
      body: { channels: ['webhook'] },
      token: people.carol?.token ?? '',
    });
    expect(carol).toMatchObject({
      status: 200,
      body: { subject_id: 'carol', channels: ['webhook'], digest: false },
    });
    const incident = await t.call('POST', '/api/v1/incidents', {
      body: buildIncidentInput({
        title: 'Checkout errors after deploy',
        category: 'Availability',
        status: 'resolved',
        timestamps: {
          impact_started: '2024-01-19T09:00:00Z',
          detected: '2024-01-19T09:10:00Z',
          declared: '2024-01-19T09:15:00Z',
          resolved: '2024-01-19T16:00:00Z',
        },
      }),
    });
    id = incident.body.id as string;
    for (const member of ['alice', 'bob']) {
      await t.call('POST', `/api/v1/incidents/${id}/members`, { body: { username: member } });
    }
    await t.call('PUT', `/api/v1/incidents/${id}/review`, {
      body: completeReview,
      token: people.rob?.token ?? '',
    });
  });
  afterAll(async () => {
    await h.stop();
    await t.close();
  });

  it('schedules the review two business days after resolution and asks every participant for feedback', async () => {
    const pass = await h.pass();
    expect(pass.review_workflow).toEqual({
      scheduled: 1,
      invited: 6,
      reminded: 0,
      published: 0,
      republished: 0,
    });
    // Five participants hear by email, carol by webhook: an invitation and a feedback request each.
    expect(pass.delivery).toEqual({ claimed: 12, sent: 12, retrying: 0, failed: 0, deferred: 0 });
    expect(await t.server.store.stores.workflows.find(id)).toMatchObject({
      status: 'scheduled',
      // Resolved Friday 16:00 UTC; two business days on, over the weekend.
      review_at: '2024-01-23T16:00:00.000Z',
      feedback_deadline: '2024-01-22T16:30:00.000Z',
    });
    expect(subjects('alice').sort()).toEqual([
      `[Hindsight] Post-incident review of ${id} scheduled for 2024-01-23T16:00:00.000Z`,
      `[Hindsight] Your feedback on ${id} by 2024-01-22T16:30:00.000Z`,
    ]);
    expect(feedbackMail('alice')?.text).toContain('Feedback due: 2024-01-22T16:30:00.000Z');
    expect(h.receiver.requests.map((r) => JSON.parse(r.body).kind).sort()).toEqual([
      'feedback_requested',
      'review_scheduled',
    ]);
    const status = await t.call('GET', `/api/v1/incidents/${id}/review/feedback`);
    expect(status.body.participants.map((p: { participant: string }) => p.participant)).toEqual(PARTICIPANTS);
    expect(status.body.participants.every((p: { responded: boolean }) => !p.responded)).toBe(true);
    expect((await h.pass()).review_workflow).toBeUndefined();
  });

  it('takes feedback through a single-use link without an account, and signed in', async () => {
    const link = /\/feedback\/([A-Za-z0-9_-]{43})/.exec(feedbackMail('alice')?.text ?? '')?.[1] ?? '';
    expect(link).not.toBe('');
    const view = await t.call('GET', `/api/v1/feedback/${link}`, { token: null });
    expect(view.body).toEqual({
      incident_id: id,
      incident_title: 'Checkout errors after deploy',
      deadline: '2024-01-22T16:30:00.000Z',
      submitted: false,
    });
    const answer = { response_rating: 8, improvement_rating: 6, went_well: 'Fast rollback', anonymous: true };
    const bad = await t.call('POST', `/api/v1/feedback/${link}`, {
      token: null,
      body: { ...answer, response_rating: 11 },
    });
    expect(bad.body.error.details).toEqual([
      { path: 'response_rating', problem: 'must be a whole number from 1 to 10' },
    ]);
    expect(await t.call('POST', `/api/v1/feedback/${link}`, { token: null, body: answer })).toMatchObject({
      status: 201,
      body: { incident_id: id },
    });
    const again = await t.call('POST', `/api/v1/feedback/${link}`, { token: null, body: answer });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'feedback_already_given' } } });
    expect((await t.call('GET', `/api/v1/feedback/${link}`, { token: null })).body.submitted).toBe(true);
    expect((await t.call('GET', '/api/v1/feedback/not-a-token', { token: null })).body.error.code).toBe(
      'feedback_link_invalid',
    );

    const bob = { response_rating: 6, improvement_rating: 9, to_improve: 'Page the database team sooner' };
    const signedIn = await t.call('POST', `/api/v1/incidents/${id}/feedback`, {
      body: bob,
      token: people.bob?.token ?? '',
    });
    expect(signedIn.status).toBe(201);
    const twice = await t.call('POST', `/api/v1/incidents/${id}/feedback`, {
      body: bob,
      token: people.bob?.token ?? '',
    });
    expect(twice.status).toBe(409);

    const stored = await t.server.store.stores.feedback.list(id);
    expect(stored.map((f) => f.participant).sort()).toEqual(['bob', null].sort());
    const anonymous = stored.find((f) => f.participant === null);
    expect(anonymous).toMatchObject({
      response_rating: 8,
      improvement_rating: 6,
      submitted_on: '2024-01-19',
    });
    const audit = await t.call('GET', `/api/v1/audit/review/${id}`);
    const feedbackAudit = audit.body.filter((r: { action: string }) => r.action === 'feedback');
    // Named and anonymous answers look alike in the trail, so neither points at who answered anonymously.
    expect(feedbackAudit.map((r: { actor_id: string }) => r.actor_id)).toEqual([
      'participant',
      'participant',
    ]);
    expect(JSON.stringify(feedbackAudit)).not.toMatch(/alice|bob/);

    const summary = await t.call('GET', `/api/v1/incidents/${id}/feedback/summary`, {
      token: people.bob?.token ?? '',
    });
    expect(summary.body).toEqual({
      incident_id: id,
      requested: 6,
      responses: 2,
      anonymous: 1,
      mean_response_rating: 7,
      mean_improvement_rating: 7.5,
      median_response_rating: 7,
      median_improvement_rating: 7.5,
      went_well: ['Fast rollback'],
      to_improve: ['Page the database team sooner'],
    });
    const responded = (await t.call('GET', `/api/v1/incidents/${id}/review/feedback`)).body.participants
      .filter((p: { responded: boolean }) => p.responded)
      .map((p: { participant: string }) => p.participant);
    // alice answered anonymously: she shows as not having answered, like carol who has not.
    expect(responded).toEqual(['bob']);
  });

  it('reminds every participant once a day from the review until it is published', async () => {
    t.clock.set('2024-01-22T10:00:00Z');
    expect((await h.pass()).review_workflow).toMatchObject({ reminded: 0 });
    t.clock.set('2024-01-23T16:30:00Z');
    expect((await h.pass()).review_workflow).toMatchObject({ reminded: 6 });
    t.clock.set('2024-01-23T18:00:00Z');
    expect((await h.pass()).review_workflow).toMatchObject({ reminded: 0 });
    t.clock.set('2024-01-24T16:30:00Z');
    expect((await h.pass()).review_workflow).toMatchObject({ reminded: 6 });
    expect(subjects('rob').filter((s) => s?.startsWith('[Hindsight] Reminder'))).toEqual([
      `[Hindsight] Reminder: the review of ${id} is not yet published`,
      `[Hindsight] Reminder: the review of ${id} is not yet published`,
    ]);
  });

  it('stores the report with the feedback summary when published, tells participants and stops reminding', async () => {
    const act = (who: string, action: string) =>
      t.call('POST', `/api/v1/incidents/${id}/review/transitions`, {
        body: { action },
        token: people[who]?.token ?? '',
      });
    const published = (format: string, token = t.token) =>
      fetch(`${t.url}/api/v1/incidents/${id}/review/report/published?format=${format}`, {
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await act('rob', 'submit')).status).toBe(200);
    expect((await act('rita', 'approve')).status).toBe(200);
    expect((await act('rita', 'publish')).body.review.status).toBe('published');
    // Published, but the workflow has not stored the report yet.
    const early = await t.call('GET', `/api/v1/incidents/${id}/review/report/published`);
    expect(early.body.error.code).toBe('published_report_not_found');
    t.clock.set('2024-01-24T17:00:00Z');
    const pass = await h.pass();
    expect(pass.review_workflow).toMatchObject({ published: 1, reminded: 0 });
    const report = await t.server.store.stores.workflows.getReport(id);
    expect(report?.markdown).toContain('Checkout errors after deploy');
    expect(report?.markdown).toContain(
      '## Participant feedback\n\n2 of 6 participants answered (1 anonymously).\n\n| Rating \\(1–10\\) | n | Median | Mean |\n| --- | --- | --- | --- |\n| Response | 2 | 7 | 7 |\n| Improvement effectiveness | 2 | 7\\.5 | 7\\.5 |',
    );
    expect(report?.markdown.match(/## Participant feedback/g)).toHaveLength(1);
    expect(report?.html).toContain('<h2>Participant feedback</h2>');
    expect(report?.html).toContain('<li>Page the database team sooner</li>');
    // Served as stored, to anyone who may read the review (bob is a viewer and a member).
    const md = await published('md', people.bob?.token);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(md.headers.get('x-generated-at')).toBe('2024-01-24T17:00:00.000Z');
    expect(await md.text()).toBe(report?.markdown);
    const html = await published('html');
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await html.text()).toBe(report?.html);
    expect(subjects('alice').at(-1)).toBe(`[Hindsight] Review of ${id} published`);
    const sentBefore = h.sink.messages.length;
    t.clock.set('2024-01-26T16:30:00Z');
    expect((await h.pass()).review_workflow).toMatchObject({ reminded: 0, published: 0 });
    expect(h.sink.messages.length).toBe(sentBefore);
    expect((await h.outbox()).every((i) => i.status === 'sent')).toBe(true);
  });

  it('stores the report again when a reopened review is published anew, without telling everyone again', async () => {
    const act = (who: string, action: string) =>
      t.call('POST', `/api/v1/incidents/${id}/review/transitions`, {
        body: { action },
        token: people[who]?.token ?? '',
      });
    const before = await t.server.store.stores.workflows.getReport(id);
    for (const [who, action] of [
      ['rita', 'reopen'],
      ['rob', 'submit'],
      ['rita', 'approve'],
      ['rita', 'publish'],
    ] as const) {
      expect((await act(who, action)).status, action).toBe(200);
    }
    const sentBefore = h.sink.messages.length;
    t.clock.set('2024-01-26T17:00:00Z');
    expect((await h.pass()).review_workflow).toMatchObject({ published: 0, republished: 1 });
    const after = await t.server.store.stores.workflows.getReport(id);
    expect(after?.review_version).toBeGreaterThan(before?.review_version ?? 0);
    expect(after?.generated_at).toBe('2024-01-26T17:00:00.000Z');
    const served = await fetch(`${t.url}/api/v1/incidents/${id}/review/report/published`, {
      headers: { authorization: `Bearer ${t.token}` },
    });
    expect(served.headers.get('x-review-version')).toBe(String(after?.review_version));
    expect(await served.text()).toBe(after?.markdown);
    expect(h.sink.messages.length).toBe(sentBefore);
    t.clock.set('2024-01-26T18:00:00Z');
    expect((await h.pass()).review_workflow).toMatchObject({ republished: 0 });
  });
});
