import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { addPerson, type Person } from '../support/people.js';
import { STORE_KINDS } from '../support/stores.js';

const LEARNING_METRICS_YAML = `
learning_metrics:
  process_metrics:
    - metric: "Lessons learned implementation rate"
      target: "> 80%"
      description: "Relaxed while the platform team is short-handed"
  outcome_metrics:
    - metric: "Mean time to detection (MTTD)"
      target: "< 45 minutes"
`;

type Item = { id: string; target: { text: string }; source: string };
const targetOf = (body: { items: Item[] }, id: string) => body.items.find((i) => i.id === id);
const kpiOf = (body: { kpis: Array<{ id: string; target: { text: string } }> }, id: string) =>
  body.kpis.find((k) => k.id === id);

describe.each(STORE_KINDS)('KPI targets as a setting on %s', (kind) => {
  let t: TestServer;
  let second: RunningServer;
  let vera: Person;

  beforeAll(async () => {
    t = await startTestServer(kind);
    vera = await addPerson(t, 'vera', 'viewer');
    // A second stateless instance on the same store, as behind a load balancer.
    second = await startServer(
      {
        store: t.storeConfig,
        port: 0,
        host: '127.0.0.1',
        logLevel: 'silent',
        bodyLimit: 1024 * 1024,
        secureCookies: false,
      },
      t.clock,
    );
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  it('shows the built-in targets, with their source, to anyone signed in', async () => {
    const read = await t.call('GET', '/api/v1/settings/kpi-targets', { token: vera.token });
    expect(read.status).toBe(200);
    expect(read.body.version).toBe(0);
    expect(read.body.items).toHaveLength(11);
    expect(targetOf(read.body, 'action_implementation_rate')).toMatchObject({
      target: { text: '> 90%' },
      source: 'built_in',
    });
    expect((await t.call('GET', '/api/v1/settings/kpi-targets', { token: null })).status).toBe(401);
  });

  it('lets only an admin change them; bad targets name each field and change nothing', async () => {
    const denied = await t.call('PUT', '/api/v1/settings/kpi-targets', {
      token: vera.token,
      body: { targets: { action_implementation_rate: '> 80%' } },
    });
    expect(denied.status).toBe(403);
    const bad = await t.call('PUT', '/api/v1/settings/kpi-targets', {
      body: { targets: { action_implementation_rate: 'most of them', mttd: '< 5%', no_such_kpi: '> 1' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('kpi_targets_invalid');
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'targets.action_implementation_rate',
      'targets.mttd',
      'targets.no_such_kpi',
    ]);
    const badYaml = await t.call('PUT', '/api/v1/settings/kpi-targets', {
      raw: 'learning_metrics:\n  x:\n    - metric: "Coffee consumed"\n      target: "> 3"\n',
      headers: { 'content-type': 'application/yaml' },
    });
    expect(badYaml.status).toBe(400);
    expect(badYaml.body.error.details[0].path).toBe('learning_metrics.x[0].metric');
    const after = await t.call('GET', '/api/v1/settings/kpi-targets');
    expect(after.body.version).toBe(0);
    expect((await t.call('GET', '/api/v1/audit/setting/kpi_targets')).body).toEqual([]);
  });

  it('applies a change at once on every instance, in the KPIs they judge, and audits it', async () => {
    const put = await t.call('PUT', '/api/v1/settings/kpi-targets', {
      body: { targets: { time_to_review: '< 3 business days' } },
      headers: { 'if-match': '"0"' },
    });
    expect(put.status).toBe(200);
    expect(targetOf(put.body, 'time_to_review')).toMatchObject({
      target: { text: '< 3 business days' },
      source: 'stored',
    });
    expect(targetOf(put.body, 'mttd')?.source).toBe('built_in');
    const fromSecond = await fetch(`${second.url}/api/v1/kpis`, {
      headers: { authorization: `Bearer ${t.token}` },
    }).then((r) => r.json() as Promise<{ kpis: Array<{ id: string; target: { text: string } }> }>);
    expect(kpiOf(fromSecond, 'time_to_review')?.target.text).toBe('< 3 business days');
    const stale = await t.call('PUT', '/api/v1/settings/kpi-targets', {
      body: { targets: {} },
      headers: { 'if-match': '"0"' },
    });
    expect(stale.body.error.code).toBe('version_conflict');
    const audit = await t.call('GET', '/api/v1/audit/setting/kpi_targets');
    expect(audit.body).toHaveLength(1);
    expect(audit.body[0]).toMatchObject({
      entity_type: 'setting',
      action: 'create',
      changes: [{ path: 'targets.time_to_review', before: null, after: '< 3 business days' }],
    });
  });

  it('takes SEC10-BP08 learning_metrics YAML, then resets to the built-in targets with an empty set', async () => {
    const yaml = await t.call('PUT', '/api/v1/settings/kpi-targets', {
      raw: LEARNING_METRICS_YAML,
      headers: { 'content-type': 'application/yaml' },
    });
    expect(yaml.status).toBe(200);
    expect(targetOf(yaml.body, 'action_implementation_rate')).toMatchObject({
      target: { text: '> 80%' },
      source: 'stored',
    });
    expect(targetOf(yaml.body, 'mttd')?.target.text).toBe('< 45 minutes');
    // The file replaces the earlier stored set: time to review is back to its built-in target.
    expect(targetOf(yaml.body, 'time_to_review')?.source).toBe('built_in');
    const kpis = await t.call('GET', '/api/v1/kpis');
    expect(kpiOf(kpis.body, 'action_implementation_rate')?.target.text).toBe('> 80%');
    const reset = await t.call('PUT', '/api/v1/settings/kpi-targets', { body: { targets: {} } });
    expect(reset.body.items.every((i: Item) => i.source === 'built_in')).toBe(true);
    expect(reset.body.version).toBe(3);
  });
});
