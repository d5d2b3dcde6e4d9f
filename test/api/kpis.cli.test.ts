import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliRunner } from '../support/cli.js';
import { STORE_KINDS, freshStoreConfig, type FreshStoreConfig } from '../support/stores.js';

/*
 * Two incidents declared in January 2024: 20 and 50 minutes from impact to detection (median 35,
 * p90 = 20 + 0.9 × 30 = 47), one of them never acknowledged (missing 1).
 */
describe.each(STORE_KINDS)('hindsight kpi and trends on %s', (kind) => {
  let fresh: FreshStoreConfig;
  let cli: ReturnType<typeof cliRunner>;
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-kpi-cli-'));
  const period = ['--from', '2024-01-01T00:00:00Z', '--to', '2024-02-01T00:00:00Z'];

  beforeAll(async () => {
    fresh = await freshStoreConfig(kind);
    cli = cliRunner(
      fresh.config.kind === 'postgres'
        ? { DATABASE_URL: fresh.config.url }
        : { HINDSIGHT_DATA: join(fresh.config.file, '..') },
    );
    for (const [day, detected] of [
      ['10', '08:20'],
      ['20', '08:50'],
    ] as const) {
      const file = join(dir, `incident-${day}.json`);
      writeFileSync(
        file,
        JSON.stringify({
          title: `Checkout outage ${day}`,
          severity: day === '10' ? 'High' : 'Low',
          affected_services: ['checkout'],
          team: 'payments',
          timestamps: {
            impact_started: `2024-01-${day}T08:00:00Z`,
            detected: `2024-01-${day}T${detected}:00Z`,
            declared: `2024-01-${day}T09:00:00Z`,
          },
        }),
      );
      const created = await cli('incident', 'create', '--file', file, '--json');
      expect(created.code, created.stderr).toBe(0);
    }
  });
  afterAll(() => fresh.cleanup());

  it('prints every KPI with its definition as a table', async () => {
    const run = await cli('kpi', ...period);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      'KPIs from 2024-01-01T00:00:00.000Z to 2024-02-01T00:00:00.000Z (exclusive)',
    );
    const mttd = run.stdout.split('\n').find((l) => l.startsWith('Time to detect (MTTD)'));
    expect(mttd?.split(/\s{2,}/)).toEqual([
      'Time to detect (MTTD)',
      '35 min',
      '35 min',
      '47 min',
      '2',
      '0',
      'Decreasing trend',
      'no_data',
      '-',
    ]);
    expect(run.stdout).toContain('Severity: Critical 0, High 1, Medium 0, Low 1');
    expect(run.stdout).toMatch(/Time to detect \(MTTD\): Minutes from impact_started to detected/);
  });

  it('prints JSON with --json, and filters', async () => {
    const run = await cli('kpi', ...period, '--severity', 'High', '--json');
    const mttd = run.json().kpis.find((k: { id: string }) => k.id === 'mttd');
    expect(mttd).toMatchObject({ value: 20, n: 1, missing: 0 });
    expect(run.json().filters).toEqual({ team: null, service: null, severity: 'High' });
  });

  it('prints effectiveness by recurrence with its definition (no action verified in January: no data)', async () => {
    const run = await cli('kpi', ...period, '--effectiveness');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      'Effectiveness by recurrence from 2024-01-01T00:00:00.000Z to 2024-02-01T00:00:00.000Z',
    );
    expect(run.stdout).toContain(': no data');
    expect(run.stdout).toContain('0 of 0 verified actions not followed by a recurrence');
    expect(run.stdout).toContain('Definition: Actions verified in the period');
    const json = await cli('kpi', ...period, '--effectiveness', '--json');
    expect(json.json()).toMatchObject({ n: 0, not_followed: 0, value: null, followed: [] });
  });

  it('refuses a bad period with exit 1 naming the field', async () => {
    const run = await cli('kpi', '--from', '2024-02-01T00:00:00Z', '--to', '2024-01-01T00:00:00Z');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('KPI period must end after it starts');
    expect(run.stderr).toContain('to: must be after from');
  });

  it('takes targets from the YAML file named by HINDSIGHT_KPI_TARGETS', async () => {
    const env = (file: string) => ({
      ...(fresh.config.kind === 'postgres'
        ? { DATABASE_URL: fresh.config.url }
        : { HINDSIGHT_DATA: join(fresh.config.file, '..') }),
      HINDSIGHT_KPI_TARGETS: file,
    });
    const good = join(dir, 'targets.yaml');
    writeFileSync(
      good,
      'learning_metrics:\n  detection:\n    - metric: "Mean time to detection"\n      target: "< 40 minutes"\n',
    );
    const run = await cliRunner(env(good))('kpi', ...period, '--json');
    expect(run.code, run.stderr).toBe(0);
    const mttd = run.json().kpis.find((k: { id: string }) => k.id === 'mttd');
    expect(mttd).toMatchObject({ value: 35, status: 'met', target: { op: '<', value: 40 } });
    const bad = join(dir, 'bad-targets.yaml');
    writeFileSync(bad, 'learning_metrics:\n  x:\n    - metric: "Happiness"\n      target: "lots"\n');
    const refused = await cliRunner(env(bad))('kpi', ...period);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('HINDSIGHT_KPI_TARGETS');
    expect(refused.stderr).toContain('unknown metric "Happiness"');
  });

  it('stores targets with kpi targets --set over the start-up file, and --reset drops them', async () => {
    const env = {
      ...(fresh.config.kind === 'postgres'
        ? { DATABASE_URL: fresh.config.url }
        : { HINDSIGHT_DATA: join(fresh.config.file, '..') }),
      HINDSIGHT_KPI_TARGETS: join(dir, 'start-up.yaml'),
    };
    writeFileSync(
      env.HINDSIGHT_KPI_TARGETS,
      'learning_metrics:\n  detection:\n    - metric: "Mean time to detection"\n      target: "< 40 minutes"\n',
    );
    const withFile = cliRunner(env);
    const shown = await withFile('kpi', 'targets');
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/Time to detect \(MTTD\)\s+< 40 minutes\s+\(configured\)/);
    const stricter = join(dir, 'stricter.yaml');
    writeFileSync(
      stricter,
      'learning_metrics:\n  detection:\n    - metric: "Mean time to detection"\n      target: "< 30 minutes"\n',
    );
    const set = await withFile('kpi', 'targets', '--set', stricter);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toMatch(/Time to detect \(MTTD\)\s+< 30 minutes\s+\(stored\)/);
    const judged = (await withFile('kpi', ...period, '--json')).json();
    expect(judged.kpis.find((k: { id: string }) => k.id === 'mttd')).toMatchObject({
      value: 35,
      status: 'not_met',
    });
    const bad = join(dir, 'bad-stored.yaml');
    writeFileSync(
      bad,
      'learning_metrics:\n  x:\n    - metric: "Mean time to detection"\n      target: "soon"\n',
    );
    const refused = await withFile('kpi', 'targets', '--set', bad);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('learning_metrics.x[0].target');
    const reset = await withFile('kpi', 'targets', '--reset', '--json');
    expect(reset.code, reset.stderr).toBe(0);
    expect(reset.json().items.find((i: { id: string }) => i.id === 'mttd')).toMatchObject({
      source: 'configured',
      target: { text: '< 40 minutes' },
    });
  });

  it('prints the trend report as Markdown, or JSON', async () => {
    const markdown = await cli('trends', '--days', '31', '--to', '2024-02-01T00:00:00Z', '--bucket', 'month');
    expect(markdown.code, markdown.stderr).toBe(0);
    expect(markdown.stdout).toMatch(/^# Incident trend report/);
    expect(markdown.stdout).toContain('| checkout | 2 | 0 | +2 |');
    const json = await cli('trends', '--days', '31', '--to', '2024-02-01T00:00:00Z', '--json');
    expect(json.json().metrics).toMatchObject({ total_incidents: 2, bucket: 'week' });
    expect(json.json().metrics.repeat_signatures).toEqual([
      expect.objectContaining({ signature: 'uncategorized-unknown-checkout', count: 2 }),
    ]);
    const bad = await cli('trends', '--bucket', 'fortnight');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('bucket');
  });
});
