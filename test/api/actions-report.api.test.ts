import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIncidentInput } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { addPerson } from '../support/people.js';
import { STORE_KINDS } from '../support/stores.js';

const HEADER =
  'title,description,type,category,owner,due_date,priority,risk_reduction,feasibility,success_criteria,incident_ids,lesson_id';

describe.each(STORE_KINDS)('action lists, reports and CSV on %s', (kind) => {
  let t: TestServer;
  let incident: string;
  const ids: Record<string, string> = {};

  const csv = async (path: string) => {
    const response = await fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${t.token}` } });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      text: await response.text(),
    };
  };
  const importCsv = (text: string) =>
    t.call('POST', '/api/v1/actions/import', { raw: text, headers: { 'content-type': 'text/csv' } });
  const listIds = async (query: string) =>
    ((await t.call('GET', `/api/v1/actions?${query}`)).body.items as { id: string }[]).map((a) => a.id);

  beforeAll(async () => {
    t = await startTestServer(kind);
    await addPerson(t, 'alice', 'responder', ['sre']);
    await addPerson(t, 'bob', 'reviewer', ['security']);
    incident = (await t.call('POST', '/api/v1/incidents', { body: buildIncidentInput() })).body.id as string;
    const rows = [
      // name, owner, category, priority, due date
      ['a1', 'user:alice', 'monitoring', 'High', '2024-01-10'],
      ['a2', 'team:security', 'access', 'Critical', '2024-01-20'],
      ['a3', 'user:bob', 'access', 'Low', '2024-01-05'],
      ['a4', 'user:alice', 'monitoring', 'High', '2024-01-15'],
    ];
    const text = [
      HEADER,
      ...rows.map(
        ([name, owner, category, priority, due]) =>
          `Action ${name},,corrective,${category},${owner},${due},${priority},3,3,It works,${incident},`,
      ),
    ].join('\n');
    const imported = await importCsv(text);
    expect(imported.status).toBe(201);
    rows.forEach(([name], i) => (ids[name ?? ''] = imported.body.ids[i]));
    await t.call('POST', `/api/v1/actions/${ids.a2}/progress`, { body: { progress: 30 } });
    await t.call('POST', `/api/v1/actions/${ids.a3}/status`, {
      body: { status: 'wont_do', reason: 'replaced' },
    });
    await t.call('POST', `/api/v1/actions/${ids.a4}/status`, {
      body: { status: 'blocked', reason: 'vendor' },
    });
  });
  afterAll(() => t.close());

  it('filters and pages the list, soonest due first', async () => {
    expect(await listIds('')).toEqual([ids.a3, ids.a1, ids.a4, ids.a2]);
    expect(await listIds('owner=user:alice')).toEqual([ids.a1, ids.a4]);
    expect(await listIds('overdue=true')).toEqual([ids.a1, ids.a4]);
    expect(await listIds('overdue=false')).toEqual([ids.a3, ids.a2]);
    expect(await listIds('team=security')).toEqual([ids.a3, ids.a2]);
    expect(await listIds('status=blocked')).toEqual([ids.a4]);
    const page = await t.call('GET', '/api/v1/actions?priority=High&limit=1&offset=1');
    expect(page.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(page.body.items.map((a: { id: string }) => a.id)).toEqual([ids.a4]);
    expect((await t.call('GET', '/api/v1/actions?status=done')).body.error.details).toEqual([
      {
        path: 'status',
        problem:
          'Invalid option: expected one of "open"|"in_progress"|"blocked"|"completed"|"verified"|"wont_do"',
      },
    ]);
  });

  it('reports counts by status, priority, category, owner and team', async () => {
    const report = await t.call('GET', '/api/v1/actions/report');
    expect(report.body).toEqual({
      as_of: '2024-01-16',
      total: 4,
      overdue: 2,
      by_status: { open: 1, in_progress: 1, blocked: 1, completed: 0, verified: 0, wont_do: 1 },
      by_priority: { Critical: 1, High: 2, Medium: 0, Low: 1 },
      by_category: { access: 2, monitoring: 2 },
      by_owner: { 'team:security': 1, 'user:alice': 2, 'user:bob': 1 },
      by_team: { security: 2, sre: 2 },
    });
    const monitoring = await t.call('GET', '/api/v1/actions/report?category=monitoring');
    expect(monitoring.body).toMatchObject({ total: 2, overdue: 2, by_team: { sre: 2 } });
  });

  it('exports CSV that imports again as new actions', async () => {
    const exported = await csv('/api/v1/actions.csv?owner=user:alice');
    expect(exported.status).toBe(200);
    expect(exported.type).toBe('text/csv; charset=utf-8');
    const lines = exported.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      `id,${HEADER},priority_score,status,progress,wont_do_reason,completed_at,verified_at,verified_by`,
    );
    expect(lines.slice(1)).toEqual([
      `${ids.a1},Action a1,,corrective,monitoring,user:alice,2024-01-10,High,3,3,It works,${incident},,50,open,0,,,,`,
      `${ids.a4},Action a4,,corrective,monitoring,user:alice,2024-01-15,High,3,3,It works,${incident},,50,blocked,0,,,,`,
    ]);
    const again = await importCsv(exported.text);
    expect(again.status).toBe(201);
    expect(again.body.imported).toBe(2);
    expect((await t.call('GET', '/api/v1/actions?owner=user:alice')).body.total).toBe(4);
  });

  it('imports nothing from a malformed file and reports every bad row', async () => {
    const before = (await t.call('GET', '/api/v1/actions?limit=1')).body.total as number;
    const text = [
      HEADER,
      `Good row,,corrective,access,user:bob,2024-02-01,High,3,3,ok,${incident},`,
      `Bad date,,corrective,access,user:bob,next week,High,3,3,ok,${incident},`,
      `Bad owner,,corrective,access,bob,2024-02-01,Urgent,9,3,ok,${incident},`,
      `Unknown owner,,corrective,access,user:zed,2024-02-01,High,3,3,ok,INC-1999-0001,`,
      'Too few,fields',
    ].join('\r\n');
    const refused = await importCsv(text);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('csv_invalid');
    expect(refused.body.error.details).toEqual([
      { path: 'row 3, due_date', problem: 'must be a date in the form YYYY-MM-DD' },
      { path: 'row 4, owner', problem: 'must be user:<id> or team:<id>' },
      {
        path: 'row 4, priority',
        problem: 'Invalid option: expected one of "Critical"|"High"|"Medium"|"Low"',
      },
      { path: 'row 4, risk_reduction', problem: 'must be a whole number from 1 to 5' },
      { path: 'row 5, incident_ids[0]', problem: 'incident INC-1999-0001 does not exist' },
      { path: 'row 5, owner', problem: 'no user zed is known to Hindsight' },
      { path: 'row 6', problem: 'has 2 fields, the header has 12' },
    ]);
    expect(refused.body.error.message).toMatch(
      /^4 of 5 rows are invalid; nothing was imported: row 3, due_date/,
    );
    expect((await t.call('GET', '/api/v1/actions?limit=1')).body.total).toBe(before);
    const missing = await importCsv('title,owner\nx,user:bob\n');
    expect(missing.body.error.message).toBe(
      'the header row lacks type, category, due_date, priority, risk_reduction, feasibility, success_criteria, incident_ids',
    );
  });
});
