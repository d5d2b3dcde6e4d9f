import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIncidentInput } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { STORE_KINDS } from '../support/stores.js';

/*
 * A small hand-computed history (UTC working calendar). Samples are at 10:00 on 1..7 February 2024.
 *   A1 billing-api, team:security, High, due 02-03: created 02-01 09:00, completed 02-04 09:00,
 *      reopened 02-05 09:00, completed 02-06 09:00, verified 02-06 12:00.
 *   A2 search, team:sre, Low, due 02-06: created 02-01 12:00, never done.
 *   A3 billing-api, team:security, Critical, due 02-02: created 02-02 09:00, won't do 02-03 09:00.
 * Open at each sample:    A1 1 1 1 0 1 0 0 · A2 0 1 1 1 1 1 1 · A3 0 1 0 0 0 0 0
 * Overdue (due < date):   A1 only on 02-05 (due 02-03) · A2 only on 02-07 (due 02-06) · A3 never while open.
 */
const PERIOD = 'from=2024-02-01T10:00:00Z&to=2024-02-07T10:00:00Z&points=7';
const DATES = ['01', '02', '03', '04', '05', '06', '07'].map((d) => `2024-02-${d}`);
const series = (open: number[], overdue: number[]) =>
  DATES.map((date, i) => ({ at: `${date}T10:00:00.000Z`, date, open: open[i], overdue: overdue[i] }));

describe.each(STORE_KINDS)('action burn-down on %s', (kind) => {
  let t: TestServer;
  const burnDown = (query: string) => t.call('GET', `/api/v1/actions/burn-down?${query}`);

  beforeAll(async () => {
    t = await startTestServer(kind);
    const incident = async (service: string, team: string) =>
      (
        await t.call('POST', '/api/v1/incidents', {
          body: buildIncidentInput({ affected_services: [service], team }),
        })
      ).body.id as string;
    const billing = await incident('billing-api', 'security');
    const search = await incident('search', 'sre');
    const at = async (instant: string, method: string, path: string, body: unknown) => {
      t.clock.set(instant);
      const response = await t.call(method, path, { body });
      expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
      return response.body as { id: string };
    };
    const create = (instant: string, incidentId: string, team: string, priority: string, due: string) =>
      at(instant, 'POST', '/api/v1/actions', {
        incident_ids: [incidentId],
        title: `Fix ${priority}`,
        description: '',
        type: 'corrective',
        category: 'access',
        owner: { kind: 'team', id: team },
        due_date: due,
        priority,
        risk_reduction: 3,
        feasibility: 3,
        success_criteria: 'It works',
      });
    const a1 = (await create('2024-02-01T09:00:00Z', billing, 'security', 'High', '2024-02-03')).id;
    await create('2024-02-01T12:00:00Z', search, 'sre', 'Low', '2024-02-06');
    const a3 = (await create('2024-02-02T09:00:00Z', billing, 'security', 'Critical', '2024-02-02')).id;
    await at('2024-02-03T09:00:00Z', 'POST', `/api/v1/actions/${a3}/status`, {
      status: 'wont_do',
      reason: 'replaced by a platform change',
    });
    await at('2024-02-04T09:00:00Z', 'POST', `/api/v1/actions/${a1}/progress`, { progress: 100 });
    await at('2024-02-05T09:00:00Z', 'POST', `/api/v1/actions/${a1}/status`, { status: 'in_progress' });
    await at('2024-02-06T09:00:00Z', 'POST', `/api/v1/actions/${a1}/status`, { status: 'completed' });
    await at('2024-02-06T12:00:00Z', 'POST', `/api/v1/actions/${a1}/verify`, {
      evidence_kind: 'test',
      evidence: 'the regression test passes',
    });
    t.clock.set('2024-02-20T10:00:00Z');
  });
  afterAll(() => t.close());

  it('counts open and overdue actions at each sample from the status history', async () => {
    const response = await burnDown(PERIOD);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      from: '2024-02-01T10:00:00.000Z',
      to: '2024-02-07T10:00:00.000Z',
      time_zone: 'UTC',
      points: series([1, 3, 2, 1, 2, 1, 1], [0, 0, 0, 0, 1, 0, 1]),
    });
  });

  it('filters by service, team, owner and priority', async () => {
    const billing = series([1, 2, 1, 0, 1, 0, 0], [0, 0, 0, 0, 1, 0, 0]);
    expect((await burnDown(`${PERIOD}&service=billing-api`)).body.points).toEqual(billing);
    expect((await burnDown(`${PERIOD}&owner=team:security`)).body.points).toEqual(billing);
    expect((await burnDown(`${PERIOD}&team=sre`)).body.points).toEqual(
      series([0, 1, 1, 1, 1, 1, 1], [0, 0, 0, 0, 0, 0, 1]),
    );
    expect((await burnDown(`${PERIOD}&priority=Critical`)).body.points).toEqual(
      series([0, 1, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0]),
    );
    expect((await burnDown(`${PERIOD}&service=checkout`)).body.points).toEqual(
      series([0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0]),
    );
  });

  it('defaults to 20 points over the 90 days to now', async () => {
    const response = await burnDown('');
    expect(response.status).toBe(200);
    expect(response.body.from).toBe('2023-11-22T10:00:00.000Z');
    expect(response.body.to).toBe('2024-02-20T10:00:00.000Z');
    expect(response.body.points).toHaveLength(20);
    // After everything happened only A2 is left, overdue since 6 February.
    expect(response.body.points.at(-1)).toMatchObject({ open: 1, overdue: 1 });
  });

  it('the report counts overdue with the same service filter', async () => {
    const report = await t.call('GET', '/api/v1/actions/report?service=search');
    expect(report.body).toMatchObject({ total: 1, overdue: 1 });
    expect((await t.call('GET', '/api/v1/actions/report?service=billing-api')).body).toMatchObject({
      total: 2,
      overdue: 0,
    });
  });

  it('refuses bad input naming the field', async () => {
    const problems = async (query: string) => {
      const response = await burnDown(query);
      expect(response.status).toBe(400);
      return response.body.error.details as { path: string; problem: string }[];
    };
    expect(await problems('from=2024-02-07T00:00:00Z&to=2024-02-01T00:00:00Z')).toEqual([
      { path: 'from', problem: 'must not be after to' },
    ]);
    expect(await problems('from=2030-01-01T00:00:00Z')).toEqual([
      { path: 'from', problem: 'must not be after to (2024-02-20T10:00:00.000Z)' },
    ]);
    expect(await problems('points=101')).toEqual([{ path: 'points', problem: 'must be at most 100' }]);
    expect(await problems('points=1')).toEqual([{ path: 'points', problem: 'must be at least 2' }]);
    expect((await problems('points=2.5'))[0]?.path).toBe('points');
    expect((await problems('from=yesterday'))[0]?.path).toBe('from');
    expect((await problems('priority=Urgent'))[0]?.path).toBe('priority');
    expect(await problems('status=open')).toEqual([{ path: 'status', problem: 'is not a known field' }]);
  });
});
