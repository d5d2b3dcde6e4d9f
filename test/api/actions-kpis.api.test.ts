import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIncidentInput } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { addPerson, type Person } from '../support/people.js';
import { STORE_KINDS } from '../support/stores.js';

const review = {
  review_date: '2024-01-16',
  facilitator: 'Dana',
  participants: ['alice', 'rita'],
  summary: {
    description: 'Payments failed after a certificate expired.',
    impact: 'Payments down 30 min',
    duration: '2 h',
  },
  contributing_factors: [{ category: 'process', description: 'No expiry monitoring', primary: true }],
  lessons: [{ lesson: 'Monitor certificate expiry', priority: 'High', owner: 'SRE', due_date: '2024-02-01' }],
  action_items: [
    { action: 'Alert 30 days before expiry', owner: 'SRE', success_criteria: 'Alert fires in a drill' },
  ],
};

describe.each(STORE_KINDS)('action and feedback KPIs on %s', (kind) => {
  let t: TestServer;
  let alice: Person;
  let rita: Person;
  let incident: string;

  beforeAll(async () => {
    t = await startTestServer(kind);
    alice = await addPerson(t, 'alice', 'responder', ['sre']);
    rita = await addPerson(t, 'rita', 'reviewer', ['sre']);
    t.clock.set('2024-01-05T09:00:00Z');
    incident = (
      await t.call('POST', '/api/v1/incidents', {
        body: buildIncidentInput({
          status: 'resolved',
          timestamps: {
            impact_started: '2024-01-04T08:00:00Z',
            detected: '2024-01-04T08:05:00Z',
            declared: '2024-01-04T08:10:00Z',
            resolved: '2024-01-04T10:00:00Z',
          },
        }),
      })
    ).body.id as string;
    const create = async (due: string) =>
      (
        await t.call('POST', '/api/v1/actions', {
          body: {
            incident_ids: [incident],
            title: `Due ${due}`,
            type: 'detective',
            category: 'monitoring',
            owner: { kind: 'user', id: 'alice' },
            due_date: due,
            priority: 'High',
            risk_reduction: 4,
            feasibility: 4,
            success_criteria: 'Alert fires in a drill',
          },
        })
      ).body.id as string;
    const [onTime, late, open, dropped] = [
      await create('2024-01-10'),
      await create('2024-01-12'),
      await create('2024-01-15'),
      await create('2024-01-20'),
    ];
    await create('2024-03-01');
    const step = async (at: string, id: string, path: string, body: unknown, token = alice.token) => {
      t.clock.set(at);
      const response = await t.call('POST', `/api/v1/actions/${id}/${path}`, { body, token });
      expect(response.status).toBe(200);
    };
    const evidence = { evidence_kind: 'exercise', evidence: 'Drill on the staging cluster' };
    await step('2024-01-08T12:00:00Z', onTime ?? '', 'progress', { progress: 100 });
    await step('2024-01-10T23:00:00Z', onTime ?? '', 'verify', evidence, rita.token);
    await step('2024-01-13T12:00:00Z', late ?? '', 'progress', { progress: 100 });
    await step('2024-01-14T12:00:00Z', late ?? '', 'verify', evidence, rita.token);
    await step('2024-01-14T12:00:00Z', dropped ?? '', 'status', {
      status: 'wont_do',
      reason: 'vendor fixed it',
    });
    expect(open).toBeDefined();

    t.clock.set('2024-01-16T10:00:00Z');
    const path = `/api/v1/incidents/${incident}/review`;
    await t.call('PUT', path, { body: review, token: alice.token });
    for (const [who, action] of [
      [alice, 'submit'],
      [rita, 'approve'],
      [rita, 'publish'],
    ] as const) {
      expect(
        (await t.call('POST', `${path}/transitions`, { body: { action }, token: who.token })).status,
      ).toBe(200);
    }
    for (const [who, rating] of [
      [alice, 6],
      [rita, 9],
    ] as const) {
      const given = await t.call('POST', `/api/v1/incidents/${incident}/feedback`, {
        body: { response_rating: 7, improvement_rating: rating, anonymous: who === alice },
        token: who.token,
      });
      expect(given.status).toBe(201);
    }
  });
  afterAll(() => t.close());

  it('measures the action implementation rate and the improvement effectiveness score', async () => {
    const response = await t.call('GET', '/api/v1/kpis?from=2024-01-01T00:00:00Z&to=2024-02-01T00:00:00Z');
    const byId = Object.fromEntries((response.body.kpis as { id: string }[]).map((k) => [k.id, k])) as Record<
      string,
      Record<string, unknown>
    >;
    // Due in January: verified on time 1 of 3 (one late, one open); the won't-do is excluded, March is outside.
    expect(byId.action_implementation_rate).toMatchObject({ value: 33.33, n: 3, excluded: 1 });
    expect(byId.improvement_effectiveness).toMatchObject({ value: 7.5, n: 2 });
  });

  it('lists overdue actions per owner in the trend report', async () => {
    const report = await t.call('GET', '/api/v1/trends?days=30&bucket=week');
    expect(report.body.metrics.overdue_actions).toEqual([
      { team: 'sre', owner: 'user:alice', count: 1, oldest_due: '2024-01-15' },
    ]);
  });
});
