import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIncidentInput } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { addPerson, type Person } from '../support/people.js';
import { STORE_KINDS } from '../support/stores.js';

/** A valid action body for `incident`; override what the test is about. */
function actionBody(incident: string, overrides: Record<string, unknown> = {}) {
  return {
    incident_ids: [incident],
    title: 'Alert on root-account console logins',
    description: 'CloudTrail → EventBridge rule → on-call page',
    type: 'detective',
    category: 'monitoring',
    owner: { kind: 'user', id: 'alice' },
    due_date: '2024-02-01',
    priority: 'High',
    risk_reduction: 4,
    feasibility: 3,
    success_criteria: 'A test login pages on-call within 5 minutes',
    ...overrides,
  };
}

describe.each(STORE_KINDS)('actions API on %s', (kind) => {
  let t: TestServer;
  let alice: Person;
  let bob: Person;
  let rita: Person;
  let vera: Person;
  let incident: string;

  beforeAll(async () => {
    t = await startTestServer(kind);
    alice = await addPerson(t, 'alice', 'responder', ['sre']);
    bob = await addPerson(t, 'bob', 'reviewer', ['security']);
    rita = await addPerson(t, 'rita', 'reviewer', ['sre']);
    vera = await addPerson(t, 'vera', 'viewer', ['sre']);
    incident = (await t.call('POST', '/api/v1/incidents', { body: buildIncidentInput() })).body.id as string;
  });
  afterAll(() => t.close());

  const create = async (overrides: Record<string, unknown> = {}, token?: string) =>
    t.call('POST', '/api/v1/actions', { body: actionBody(incident, overrides), ...(token ? { token } : {}) });
  const outboxKeys = async () => (await t.server.store.stores.outbox.list()).map((i) => i.notification.key);

  it('creates an action with an ACT id, its priority score, and an assignment notification', async () => {
    const created = await create({}, alice.token);
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(id).toMatch(/^ACT-\d{6}$/);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.headers.get('location')).toBe(`/api/v1/actions/${id}`);
    expect(created.body).toMatchObject({
      status: 'open',
      progress: 0,
      // round(100 × (2×4 + 3 − 3) / 12) = round(66.7)
      priority_score: 67,
      suggested_priority: 'High',
      overdue: false,
      owner: { kind: 'user', id: 'alice' },
      history: [{ by: 'alice', kind: 'status', to_status: 'open', note: 'created' }],
    });
    expect((await t.call('GET', `/api/v1/actions/${id}`, { token: vera.token })).body).toEqual(created.body);
    expect(await outboxKeys()).toContain(`action:${id}:assigned:2024-01-16T10:00:00.000Z:user:alice:email`);
    const audit = await t.call('GET', `/api/v1/audit/action/${id}`);
    expect(audit.body.map((r: { action: string }) => r.action)).toEqual(['create']);
  });

  it('refuses unknown incidents and owners, naming each, and writes nothing', async () => {
    const before = (await t.call('GET', '/api/v1/actions?limit=1')).body.total as number;
    const refused = await create({
      incident_ids: [incident, 'INC-1999-0001'],
      owner: { kind: 'user', id: 'nobody' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('action_reference_unknown');
    expect(refused.body.error.details).toEqual([
      { path: 'incident_ids[1]', problem: 'incident INC-1999-0001 does not exist' },
      { path: 'owner', problem: 'no user nobody is known to Hindsight' },
    ]);
    const invalid = await create({ due_date: '1 March', risk_reduction: 7, title: '' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'due_date',
      'risk_reduction',
      'title',
    ]);
    expect((await t.call('GET', '/api/v1/actions?limit=1')).body.total).toBe(before);
    // Teams are labels, as on incidents: a team without members may own an action.
    const team = await create({ owner: { kind: 'team', id: 'platform' } });
    expect(team).toMatchObject({ status: 201, body: { owner: { kind: 'team', id: 'platform' } } });
  });

  it('moves through its lifecycle and refuses illegal moves with clear errors', async () => {
    const id = (await create({ owner: { kind: 'user', id: 'alice' } })).body.id as string;
    const post = (step: string, body: unknown, token = alice.token) =>
      t.call('POST', `/api/v1/actions/${id}/${step}`, { body, token });

    const early = await post('verify', { evidence_kind: 'test', evidence: 'ran the drill' }, bob.token);
    expect(early.status).toBe(400);
    expect(early.body.error).toMatchObject({
      code: 'action_not_completed',
      message: `${id} is open; only a completed action can be verified`,
    });

    expect((await post('progress', { progress: 40, note: 'rule drafted' })).body).toMatchObject({
      status: 'in_progress',
      progress: 40,
    });
    const incomplete = await post('status', { status: 'completed' });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.error).toMatchObject({
      code: 'invalid_action_transition',
      message: `${id} cannot move from in_progress to completed: progress is 40%; record progress 100, or pass allow_incomplete with a reason`,
    });
    const noReason = await post('status', { status: 'completed', allow_incomplete: true });
    expect(noReason.body.error.details).toEqual([
      { path: 'status', problem: 'completing below 100% progress needs a reason' },
    ]);
    expect((await post('status', { status: 'wont_do' })).body.error.message).toBe(
      `${id} cannot move from in_progress to wont_do: won't do needs a reason`,
    );
    expect((await post('progress', { progress: 140 })).body.error.details).toEqual([
      { path: 'progress', problem: 'Too big: expected number to be <=100' },
    ]);

    t.clock.set('2024-01-20T12:00:00Z');
    const done = await post('progress', { progress: 100, note: 'rule live' });
    expect(done.body).toMatchObject({ status: 'completed', completed_at: '2024-01-20T12:00:00.000Z' });

    const own = await post('verify', { evidence_kind: 'test', evidence: 'ran it' }, alice.token);
    expect(own.status).toBe(403);
    const teammate = await post('verify', { evidence_kind: 'test', evidence: 'ran it' }, rita.token);
    expect(teammate.status).toBe(200);
    // rita is in alice's team, but the action is owned by alice as a user: only alice is excluded.
    expect(teammate.body).toMatchObject({
      status: 'verified',
      verification: { evidence_kind: 'test', verified_by: 'rita', verified_at: '2024-01-20T12:00:00.000Z' },
    });
    expect(await outboxKeys()).toContain(`action:${id}:verified:2024-01-20T12:00:00.000Z:user:alice:email`);
    expect((await post('progress', { progress: 50 })).body.error.message).toBe(
      `${id} is verified; reopen it before recording progress`,
    );
    expect((await post('status', { status: 'open' })).body.error.message).toBe(
      `${id} cannot move from verified to open: a verified action is final`,
    );
    expect((await post('verify', { evidence_kind: 'link', evidence: 'x' }, vera.token)).status).toBe(403);
    const history = (await t.call('GET', `/api/v1/actions/${id}`)).body.history as { kind: string }[];
    expect(history.map((h) => h.kind)).toEqual(['status', 'progress', 'progress', 'verification']);
    t.clock.set('2024-01-16T10:00:00Z');
  });

  it('edits with If-Match, refuses a stale version, and notifies a new owner', async () => {
    const id = (await create()).body.id as string;
    const stale = await t.call('PATCH', `/api/v1/actions/${id}`, {
      body: { title: 'x' },
      headers: { 'if-match': '"7"' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    const unknown = await t.call('PATCH', `/api/v1/actions/${id}`, { body: { status: 'verified' } });
    expect(unknown.body.error.details).toEqual([{ path: 'status', problem: 'is not a known field' }]);
    t.clock.set('2024-01-17T09:00:00Z');
    const moved = await t.call('PATCH', `/api/v1/actions/${id}`, {
      body: { owner: { kind: 'team', id: 'security' }, due_date: '2024-03-01' },
      headers: { 'if-match': '"1"' },
    });
    expect(moved.status).toBe(200);
    expect(moved.headers.get('etag')).toBe('"2"');
    expect(moved.body).toMatchObject({ assigned_at: '2024-01-17T09:00:00.000Z', due_date: '2024-03-01' });
    expect(await outboxKeys()).toContain(
      `action:${id}:assigned:2024-01-17T09:00:00.000Z:team:security:email`,
    );
    t.clock.set('2024-01-16T10:00:00Z');
  });

  it('hides actions of a restricted incident from those who may not see it', async () => {
    const secret = (
      await t.call('POST', '/api/v1/incidents', {
        body: buildIncidentInput({ restricted: true, team: 'security', title: 'Secret' }),
      })
    ).body.id as string;
    const hidden = await t.call('POST', '/api/v1/actions', {
      body: actionBody(secret, { title: 'Rotate the secret key', owner: { kind: 'user', id: 'bob' } }),
      token: bob.token,
    });
    expect(hidden.status).toBe(201);
    const id = hidden.body.id as string;
    const asAlice = await t.call('GET', `/api/v1/actions/${id}`, { token: alice.token });
    expect(asAlice).toMatchObject({
      status: 404,
      body: { error: { message: `action ${id} does not exist` } },
    });
    const list = await t.call('GET', '/api/v1/actions?limit=500', { token: alice.token });
    expect(list.body.items.map((a: { id: string }) => a.id)).not.toContain(id);
    const linked = await t.call('POST', '/api/v1/actions', {
      body: actionBody(secret),
      token: alice.token,
    });
    expect(linked.body.error.details).toEqual([
      { path: 'incident_ids[0]', problem: `incident ${secret} does not exist` },
    ]);
    expect((await t.call('GET', `/api/v1/actions/${id}`, { token: bob.token })).status).toBe(200);
  });
});
