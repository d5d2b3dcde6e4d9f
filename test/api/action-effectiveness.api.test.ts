import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIncidentInput } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { addPerson, type Person } from '../support/people.js';
import { STORE_KINDS } from '../support/stores.js';

/**
 * Effectiveness by recurrence over a hand-built history. Five actions verified on 2024-01-16; each origin
 * incident has its own attack vector, so its repeat signature is its own:
 * - X1: two later incidents share its signature (R1 restricted, 1 Feb; B1, 10 Feb); E1 before the
 *   verification does not count → followed;
 * - X2: nothing later → not followed;
 * - X3: F3 (another signature) was confirmed by a reviewer as recurring A3 → followed;
 * - X4: H4 shares the signature but a reviewer rejected "H4 recurs A4" → not followed;
 * - X5: of a restricted incident, followed by R5 → followed, counted for everyone, listed for its team only.
 * So 5 verified, 2 not followed: 40 %.
 */
type Followed = { action_id: string; recurrences: number; first_recurrence_id: string | null };
const followedRows = (body: { followed: Followed[] }) =>
  body.followed.map((f) => [f.action_id, f.recurrences, f.first_recurrence_id]);

describe.each(STORE_KINDS)('effectiveness by recurrence on %s', (kind) => {
  let t: TestServer;
  let outsider: Person;
  const ids: Record<string, string> = {};
  const actions: Record<string, string> = {};

  const incident = async (name: string, vector: string, impact: string, extra: object = {}) => {
    const created = await t.call('POST', '/api/v1/incidents', {
      body: buildIncidentInput({
        title: `Incident ${name}`,
        attack_vector: vector,
        timestamps: { impact_started: impact },
        ...extra,
      }),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    ids[name] = created.body.id as string;
  };

  beforeAll(async () => {
    t = await startTestServer(kind);
    outsider = await addPerson(t, 'olga', 'viewer', ['platform']);
    const secret = { team: 'secops', restricted: true };
    await incident('A1', 'v1', '2024-01-02T09:00:00Z');
    await incident('E1', 'v1', '2024-01-10T09:00:00Z');
    await incident('A2', 'v2', '2024-01-02T09:00:00Z');
    await incident('A3', 'v3', '2024-01-02T09:00:00Z');
    await incident('A4', 'v4', '2024-01-02T09:00:00Z');
    await incident('A5', 'v5', '2024-01-02T09:00:00Z', secret);
    for (const n of ['1', '2', '3', '4', '5']) {
      const created = await t.call('POST', '/api/v1/actions', {
        body: {
          incident_ids: [ids[`A${n}`]],
          title: `Fix ${n}`,
          type: 'corrective',
          category: 'security',
          owner: { kind: 'team', id: 'ops' },
          due_date: '2024-01-31',
          priority: 'High',
          risk_reduction: 4,
          feasibility: 4,
          success_criteria: 'Drill passes',
        },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const id = created.body.id as string;
      actions[`X${n}`] = id;
      expect(
        (await t.call('POST', `/api/v1/actions/${id}/progress`, { body: { progress: 100 } })).status,
      ).toBe(200);
      const verified = await t.call('POST', `/api/v1/actions/${id}/verify`, {
        body: { evidence_kind: 'exercise', evidence: 'Game day passed' },
      });
      expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    }
    t.clock.set('2024-04-01T00:00:00Z');
    await incident('R1', 'v1', '2024-02-01T09:00:00Z', secret);
    await incident('B1', 'v1', '2024-02-10T09:00:00Z');
    await incident('F3', 'other', '2024-02-20T09:00:00Z');
    await incident('H4', 'v4', '2024-03-01T09:00:00Z');
    await incident('R5', 'v5', '2024-03-05T09:00:00Z', secret);
    const decide = (name: string, of: string, decision: string) =>
      t.call('POST', `/api/v1/incidents/${ids[name]}/recurrences`, { body: { of: ids[of], decision } });
    expect((await decide('F3', 'A3', 'confirm')).status).toBe(200);
    expect((await decide('H4', 'A4', 'reject')).status).toBe(200);
  });
  afterAll(() => t.close());

  const path = '/api/v1/kpis/action-effectiveness?from=2024-01-01T00:00:00Z&to=2024-02-01T00:00:00Z';

  it('counts verified actions not followed by a recurrence, and lists the followed ones', async () => {
    const report = await t.call('GET', path);
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(report.body).toMatchObject({ n: 5, not_followed: 2, value: 40 });
    expect(report.body.definition).toContain('verified in the period');
    expect(followedRows(report.body)).toEqual([
      [actions.X1, 2, ids.R1],
      [actions.X3, 1, ids.F3],
      [actions.X5, 1, ids.R5],
    ]);
  });

  it('counts restricted incidents for everyone but names only what the viewer may see', async () => {
    const report = await t.call('GET', path, { token: outsider.token });
    expect(report.body).toMatchObject({ n: 5, not_followed: 2, value: 40 });
    expect(followedRows(report.body)).toEqual([
      [actions.X1, 2, ids.B1],
      [actions.X3, 1, ids.F3],
    ]);
    const text = JSON.stringify(report.body);
    for (const hidden of [ids.R1, ids.R5, ids.A5, actions.X5]) expect(text).not.toContain(`"${hidden}"`);
  });

  it('is empty outside the verification period and refuses a bad period naming the field', async () => {
    const later = await t.call(
      'GET',
      '/api/v1/kpis/action-effectiveness?from=2024-02-01T00:00:00Z&to=2024-03-01T00:00:00Z',
    );
    expect(later.body).toMatchObject({ n: 0, not_followed: 0, value: null, followed: [] });
    const bad = await t.call(
      'GET',
      '/api/v1/kpis/action-effectiveness?from=2024-03-01T00:00:00Z&to=2024-02-01T00:00:00Z',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('to');
  });
});
