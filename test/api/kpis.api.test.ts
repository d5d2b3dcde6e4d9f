import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIncidentInput } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { addPerson, type Person } from '../support/people.js';
import { STORE_KINDS } from '../support/stores.js';

/*
 * Three incidents in the 90 days before the test clock (2024-01-16T10:00Z):
 *   A  High, security team, security (first indicator → detected 60 min), acknowledged after 5 min
 *   B  Critical, security team, RESTRICTED, same signature as A (a repeat), 30 min to detect, 20 to acknowledge
 *   C  Medium, platform, not security (impact → detected 45 min), never acknowledged (missing)
 * MTTD median of [30, 45, 60] = 45, p90 = 45 + 0.8 × 15 = 57; time to acknowledge [5, 20]: median 12.5,
 * p90 18.5, missing 1; repeat rate 1/3; Critical+High share 2/3.
 */
describe.each(STORE_KINDS)('KPIs, trends and metrics over HTTP on %s', (kind) => {
  let t: TestServer;
  let outsider: Person;
  let restrictedId: string;

  beforeAll(async () => {
    t = await startTestServer(kind);
    outsider = await addPerson(t, 'olga', 'viewer', ['elsewhere']);
    await t.call('POST', '/api/v1/incidents', {
      body: buildIncidentInput({
        severity: 'High',
        timestamps: {
          first_indicator: '2024-01-10T08:00:00Z',
          impact_started: '2024-01-10T08:30:00Z',
          detected: '2024-01-10T09:00:00Z',
          acknowledged: '2024-01-10T09:05:00Z',
          declared: '2024-01-10T09:10:00Z',
        },
      }),
    });
    const restricted = await t.call('POST', '/api/v1/incidents', {
      body: buildIncidentInput({
        title: 'Exfiltration via zebra-key',
        severity: 'Critical',
        restricted: true,
        timestamps: {
          first_indicator: '2024-01-12T10:00:00Z',
          detected: '2024-01-12T10:30:00Z',
          declared: '2024-01-12T10:35:00Z',
          acknowledged: '2024-01-12T10:50:00Z',
        },
      }),
    });
    restrictedId = restricted.body.id as string;
    await t.call('POST', '/api/v1/incidents', {
      body: buildIncidentInput({
        severity: 'Medium',
        category: 'Availability',
        attack_vector: null,
        affected_services: ['checkout'],
        team: 'platform',
        timestamps: {
          impact_started: '2024-01-14T10:00:00Z',
          detected: '2024-01-14T10:45:00Z',
          declared: '2024-01-14T11:00:00Z',
        },
      }),
    });
  });
  afterAll(() => t.close());

  it('returns every KPI with its definition, robust statistics, target and status', async () => {
    const response = await t.call('GET', '/api/v1/kpis');
    expect(response.status).toBe(200);
    expect(response.body.period).toEqual({
      from: '2023-10-18T10:00:00.000Z',
      to: '2024-01-16T10:00:00.000Z',
    });
    const byId = Object.fromEntries(
      (response.body.kpis as Array<{ id: string }>).map((k) => [k.id, k]),
    ) as Record<string, Record<string, unknown>>;
    expect(Object.keys(byId)).toHaveLength(11);
    expect(byId.mttd).toMatchObject({ value: 45, median: 45, p90: 57, n: 3, missing: 0, unit: 'minutes' });
    expect(byId.mttd?.definition).toMatch(/first_indicator to detected/);
    expect(byId.time_to_acknowledge).toMatchObject({ median: 12.5, p90: 18.5, n: 2, missing: 1 });
    expect(byId.repeat_incident_rate).toMatchObject({ value: 33.33, n: 3, status: 'not_met' });
    expect(byId.severity_distribution).toMatchObject({
      value: 66.67,
      breakdown: { Critical: 1, High: 1, Medium: 1, Low: 0 },
    });
    expect(byId.review_completion_rate).toMatchObject({ value: null, n: 0, status: 'no_data' });
    expect(byId.improvement_effectiveness?.target).toMatchObject({ kind: 'threshold', op: '>', value: 8 });
  });

  it('counts a restricted incident for someone who may not see it, without revealing it', async () => {
    const admin = await t.call('GET', '/api/v1/kpis');
    const other = await t.call('GET', '/api/v1/kpis', { token: outsider.token });
    expect(other.body).toEqual(admin.body);
    expect(JSON.stringify(other.body)).not.toContain(restrictedId);
    expect(JSON.stringify(other.body)).not.toContain('zebra');
  });

  it('filters by team, service and severity, and by an explicit period', async () => {
    const platform = await t.call('GET', '/api/v1/kpis?team=platform');
    const mttd = (body: { kpis: Array<{ id: string; n: number; value: number | null }> }) =>
      body.kpis.find((k) => k.id === 'mttd');
    expect(mttd(platform.body)).toMatchObject({ n: 1, value: 45 });
    expect(mttd((await t.call('GET', '/api/v1/kpis?service=billing-api')).body)).toMatchObject({ n: 2 });
    expect(mttd((await t.call('GET', '/api/v1/kpis?severity=Critical')).body)).toMatchObject({
      n: 1,
      value: 30,
    });
    const early = await t.call('GET', '/api/v1/kpis?from=2024-01-01T00:00:00Z&to=2024-01-11T00:00:00Z');
    expect(mttd(early.body)).toMatchObject({ n: 1, value: 60 });
    expect(early.body.previous_period).toEqual({
      from: '2023-12-22T00:00:00.000Z',
      to: '2024-01-01T00:00:00.000Z',
    });
  });

  it('refuses bad queries naming each field', async () => {
    const inverted = await t.call('GET', '/api/v1/kpis?from=2024-02-01T00:00:00Z&to=2024-01-01T00:00:00Z');
    expect(inverted.status).toBe(400);
    expect(inverted.body.error.code).toBe('kpi_scope_invalid');
    const bad = await t.call('GET', '/api/v1/kpis?severity=Huge&from=yesterday&colour=red');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'colour',
      'from',
      'severity',
    ]);
    const trend = await t.call('GET', '/api/v1/trends?bucket=day&format=pdf&days=0');
    expect(trend.status).toBe(400);
    expect(trend.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'bucket',
      'days',
      'format',
    ]);
  });

  it('reports trends as JSON, listing only incidents the caller may see', async () => {
    const report = await t.call('GET', '/api/v1/trends?days=30&bucket=week', { token: outsider.token });
    expect(report.status).toBe(200);
    expect(report.body.metrics.total_incidents).toBe(3);
    expect(report.body.metrics.by.severity).toEqual([
      { key: 'Critical', count: 1, previous: 0, change: 1, change_pct: null },
      { key: 'High', count: 1, previous: 0, change: 1, change_pct: null },
      { key: 'Medium', count: 1, previous: 0, change: 1, change_pct: null },
    ]);
    expect(report.body.metrics.repeat_signatures).toEqual([
      {
        signature: 'access_control-credential_theft-billing_api',
        service: 'billing_api',
        count: 2,
        incident_ids: [expect.stringMatching(/^INC-2024-/)],
      },
    ]);
    expect(JSON.stringify(report.body)).not.toContain(restrictedId);
  });

  it('renders the trend report as Markdown', async () => {
    const response = await fetch(`${t.url}/api/v1/trends?format=markdown&bucket=month`, {
      headers: { authorization: `Bearer ${t.token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/markdown/);
    const text = await response.text();
    expect(text).toMatch(/^# Incident trend report/);
    expect(text).toContain('| Access Control | 2 | 0 | +2 |');
  });

  it('exposes KPI gauges per team at /metrics to a token holder only', async () => {
    expect((await fetch(`${t.url}/metrics`)).status).toBe(401);
    const forged = await fetch(`${t.url}/metrics`, { headers: { authorization: 'Bearer hs_nope' } });
    expect(forged.status).toBe(401);
    const response = await fetch(`${t.url}/metrics`, {
      headers: { authorization: `Bearer ${outsider.token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain('# TYPE hindsight_kpi_value gauge');
    expect(text).toContain('hindsight_kpi_value{kpi="mttd",unit="minutes",team="all"} 45\n');
    expect(text).toContain('hindsight_kpi_value{kpi="mttd",unit="minutes",team="security"} 45\n');
    expect(text).toContain('hindsight_kpi_n{kpi="mttd",unit="minutes",team="platform"} 1\n');
    expect(text).toContain(
      'hindsight_kpi_target_met{kpi="repeat_incident_rate",unit="percent",team="all"} 0\n',
    );
    expect(text).not.toMatch(/hindsight_kpi_value\{kpi="review_completion_rate"/);
    expect(text).not.toContain(restrictedId);
  });
});
