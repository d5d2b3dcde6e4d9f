import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIncidentInput } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { addPerson, type Person } from '../support/people.js';
import { STORE_KINDS } from '../support/stores.js';

// Resolved on Friday 2024-01-12 17:00 UTC: with the default calendar (Mon-Fri, UTC) and the standard
// template (5 business days) the review is due Friday 2024-01-19 17:00 UTC.
const resolvedIncident = (overrides = {}) =>
  buildIncidentInput({
    status: 'resolved',
    timestamps: {
      impact_started: '2024-01-12T09:00:00Z',
      detected: '2024-01-12T09:20:00Z',
      declared: '2024-01-12T09:30:00Z',
      first_action: '2024-01-12T09:50:00Z',
      contained: '2024-01-12T12:00:00Z',
      recovered: '2024-01-12T15:00:00Z',
      resolved: '2024-01-12T17:00:00Z',
    },
    ...overrides,
  });

const completeReview = {
  review_date: '2024-01-16',
  facilitator: 'Dana',
  participants: ['rob', 'rita'],
  summary: {
    description: 'The checkout API returned errors after a deploy. The outage was attributed to human error.',
    impact: 'Checkout unavailable for 40 minutes',
    duration: '8 hours',
  },
  contributing_factors: [
    { category: 'technical', description: 'No canary stage in the deploy pipeline', primary: true },
    { category: 'technical', description: 'Health check did not cover the payment path' },
    { category: 'process', description: 'Runbook lacked a rollback step' },
  ],
  lessons: [
    { lesson: 'Deploy through a canary stage', priority: 'High', owner: 'Platform', due_date: '2024-02-15' },
    { lesson: 'Add rollback to the runbook', priority: 'Medium' },
  ],
  action_items: [
    { action: 'Add canary stage', owner: 'Platform', success_criteria: 'Canary blocks bad deploys' },
  ],
};

describe.each(STORE_KINDS)('review lifecycle API on %s', (kind) => {
  let t: TestServer;
  let rob: Person;
  let rita: Person;
  let vera: Person;
  let id: string;
  const path = () => `/api/v1/incidents/${id}/review`;
  const act = (who: Person, action: string, headers: Record<string, string> = {}) =>
    t.call('POST', `${path()}/transitions`, { token: who.token, body: { action }, headers });

  beforeAll(async () => {
    t = await startTestServer(kind);
    rob = await addPerson(t, 'rob', 'responder');
    rita = await addPerson(t, 'rita', 'reviewer');
    vera = await addPerson(t, 'vera', 'viewer');
    id = (await t.call('POST', '/api/v1/incidents', { body: resolvedIncident() })).body.id as string;
    const created = await t.call('PUT', path(), { token: rob.token, body: { participants: ['rob'] } });
    expect(created.status).toBe(201);
  });
  afterAll(() => t.close());

  it('shows a new draft as due five business days after resolution, with its allowed actions', async () => {
    const read = await t.call('GET', path());
    expect(read.body).toMatchObject({
      status: 'draft',
      template_id: 'standard',
      signoffs: [],
      submitted_by: null,
      available_actions: ['submit'],
      time_to_review_business_days: null,
      deadline: {
        state: 'pending',
        due_at: '2024-01-19T17:00:00.000Z',
        // Tue 10:00 → Fri 17:00: 14/24 + 1 + 1 + 17/24 business days.
        business_days_remaining: 3.291667,
        time_to_review_business_days: null,
      },
    });
  });

  it('refuses illegal transitions with clear errors and writes nothing', async () => {
    const publish = await act(rita, 'publish');
    expect(publish.status).toBe(409);
    expect(publish.body.error).toMatchObject({
      code: 'invalid_transition',
      message: 'cannot publish a review in draft: approve it first',
    });
    const viewer = await act(vera, 'submit');
    expect(viewer.status).toBe(403);
    expect(viewer.body.error.code).toBe('permission_denied');
    const unknown = await act(rob, 'archive');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].path).toBe('action');
    const incomplete = await act(rob, 'submit');
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.error.code).toBe('review_incomplete');
    expect(incomplete.body.error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['review_date', 'facilitator']),
    );
    const read = await t.call('GET', path());
    expect(read.body).toMatchObject({ status: 'draft', version: 1, signoffs: [] });
  });

  it('submits with blameless warnings, refuses approval by a responder, approves and locks', async () => {
    const saved = await t.call('PUT', path(), { token: rob.token, body: completeReview });
    expect(saved.status).toBe(200);
    const stale = await act(rob, 'submit', { 'if-match': '"1"' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    const submitted = await act(rob, 'submit');
    expect(submitted.status).toBe(200);
    expect(submitted.body.review).toMatchObject({
      status: 'in_review',
      submitted_by: expect.any(String),
      available_actions: ['request_changes', 'approve'],
    });
    expect(submitted.body.warnings.map((w: { path: string; phrase: string }) => [w.path, w.phrase])).toEqual([
      ['summary.description', 'human error'],
    ]);
    const byResponder = await act(rob, 'approve');
    expect(byResponder.status).toBe(403);
    expect(byResponder.body.error.code).toBe('role_required');
    const approved = await act(rita, 'approve');
    expect(approved.body.review.status).toBe('approved');
    const locked = await t.call('PUT', path(), { token: rob.token, body: completeReview });
    expect(locked.status).toBe(409);
    expect(locked.body.error.code).toBe('review_locked');
  });

  it('publishes: records time to review in business days and derives the lessons-learned record', async () => {
    t.clock.set('2024-01-18T12:00:00Z');
    const published = await act(rita, 'publish');
    expect(published.status).toBe(200);
    expect(published.body.review).toMatchObject({
      status: 'published',
      published_at: '2024-01-18T12:00:00.000Z',
      // Fri 17:00 → Thu 12:00: 7/24 + Mon + Tue + Wed + 12/24.
      time_to_review_business_days: 3.791667,
      deadline: { state: 'done_on_time', due_at: '2024-01-19T17:00:00.000Z' },
      available_actions: ['reopen'],
    });
    expect(
      published.body.review.signoffs.map(
        (s: { action: string; from: string; to: string; by_name: string }) => [s.action, s.from, s.to],
      ),
    ).toEqual([
      ['submit', 'draft', 'in_review'],
      ['approve', 'in_review', 'approved'],
      ['publish', 'approved', 'published'],
    ]);
    expect(published.body.review.signoffs[2].at).toBe('2024-01-18T12:00:00.000Z');
    const lesson = await t.call('GET', `/api/v1/lessons/${id}`);
    expect(lesson.status).toBe(200);
    expect(lesson.body.record).toMatchObject({
      incident_id: id,
      date: '2024-01-12',
      severity: 'High',
      root_causes: [
        {
          type: 'technical',
          description: 'No canary stage in the deploy pipeline',
          contributing_factors: ['Health check did not cover the payment path'],
        },
        { type: 'process', description: 'Runbook lacked a rollback step', contributing_factors: [] },
      ],
      lessons_learned: [
        {
          lesson: 'Deploy through a canary stage',
          implementation: { owner: 'Platform', due_date: '2024-02-15', status: 'Planned', progress: 0 },
        },
        {
          lesson: 'Add rollback to the runbook',
          implementation: { owner: '', due_date: '2024-01-18', status: 'Not scheduled', progress: 0 },
        },
      ],
      preventive_measures: [
        { measure: 'Add canary stage', description: 'Canary blocks bad deploys', status: 'Planned' },
      ],
      metrics: {
        detection_time: '20 minutes',
        response_time: '30 minutes',
        containment_time: '2 hours 40 minutes',
        recovery_time: '5 hours 40 minutes',
        business_impact: 'Checkout unavailable for 40 minutes',
      },
    });
  });

  it('reopens to a draft, keeping the first time to review', async () => {
    const reopened = await act(rita, 'reopen');
    expect(reopened.body.review).toMatchObject({
      status: 'draft',
      published_at: null,
      submitted_by: null,
      time_to_review_business_days: 3.791667,
    });
  });

  it('audits every transition with who and what changed', async () => {
    const audit = await t.call('GET', `/api/v1/audit/review/${id}`);
    const actions = audit.body;
    expect(actions.map((r: { action: string }) => r.action)).toEqual([
      'create',
      'update',
      'submit',
      'approve',
      'publish',
      'reopen',
    ]);
    const names = actions.map((r: { actor_name: string }) => r.actor_name);
    expect(names.slice(2)).toEqual([names[0], names[4], names[4], names[4]]);
    const lessonAudit = await t.call('GET', `/api/v1/audit/lesson/${id}`);
    expect(lessonAudit.body.map((r: { action: string }) => r.action)).toEqual(['derive_from_review']);
  });

  it('forbids approving a review one submitted, and shows overdue reviews', async () => {
    const other = (await t.call('POST', '/api/v1/incidents', { body: resolvedIncident() })).body.id as string;
    await t.call('PUT', `/api/v1/incidents/${other}/review`, { token: rita.token, body: completeReview });
    const submit = await t.call('POST', `/api/v1/incidents/${other}/review/transitions`, {
      token: rita.token,
      body: { action: 'submit' },
    });
    expect(submit.status).toBe(200);
    const self = await t.call('POST', `/api/v1/incidents/${other}/review/transitions`, {
      token: rita.token,
      body: { action: 'approve' },
    });
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('self_approval_forbidden');
    t.clock.set('2024-01-22T10:00:00Z');
    const late = await t.call('GET', `/api/v1/incidents/${other}/review`);
    expect(late.body.deadline).toMatchObject({ state: 'overdue', business_days_remaining: -0.708333 });
  });
});
