import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliRunner } from '../support/cli.js';
import { STORE_KINDS, freshStoreConfig, type FreshStoreConfig } from '../support/stores.js';

const fixture = (name: string) => join('test/fixtures/seed', name);

describe.each(STORE_KINDS)('hindsight CLI on %s', (kind) => {
  let fresh: FreshStoreConfig;
  let cli: ReturnType<typeof cliRunner>;
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-cli-files-'));

  beforeAll(async () => {
    fresh = await freshStoreConfig(kind);
    cli = cliRunner(
      fresh.config.kind === 'postgres'
        ? { DATABASE_URL: fresh.config.url }
        : { HINDSIGHT_DATA: join(fresh.config.file, '..') },
    );
  });
  afterAll(() => fresh.cleanup());

  it('init creates the store and prints an admin token once', async () => {
    const first = await cli('init', '--json');
    expect(first.code).toBe(0);
    expect(first.json().admin.token).toMatch(/^hs_/);
    const second = await cli('init');
    expect(second.stdout).toMatch(/already initialised/);
    expect(second.stdout).not.toMatch(/hs_/);
    expect((await cli('db', 'migrate')).stdout).toBe('the database is up to date');
    const refreshed = await cli('db', 'refresh', '--json');
    expect(refreshed.code).toBe(0);
    expect(refreshed.json().refreshed.map((r: { name: string }) => r.name)).toEqual([
      'similarity',
      'signatures',
      'kpi_facts',
      'action_days',
      'overdue_groups',
    ]);
    expect(refreshed.json().refreshed.at(-1)).toMatchObject({ name: 'overdue_groups', derived: -1 });
    expect((await cli('db', 'refresh')).stdout).toMatch(
      /^similarity: 0 re-derived in \d+ ms\n.*kpi_facts: 0 re-derived.*\noverdue_groups: 0 re-derived in \d+ ms$/s,
    );
  });

  it('creates, lists and shows incidents', async () => {
    const created = await cli(
      'incident',
      'create',
      '--title',
      'Login outage',
      '--severity',
      'High',
      '--service',
      'auth',
      '--service',
      'sso',
      '--json',
    );
    expect(created.code).toBe(0);
    const id = created.json().id as string;
    expect(created.json().affected_services).toEqual(['auth', 'sso']);
    const listed = await cli('incident', 'list', '--q', 'login outage', '--json');
    expect(listed.json().items.map((i: { id: string }) => i.id)).toEqual([id]);
    const shown = await cli('incident', 'show', id);
    expect(shown.stdout).toContain('Login outage');
    expect(shown.stdout).toContain('services auth, sso');
  });

  it('refuses bad incidents with exit 1, naming each field', async () => {
    const bad = await cli('incident', 'create', '--title', '', '--severity', 'Huge');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('title: is required');
    expect(bad.stderr).toMatch(/severity: .*Critical/);
    const order = await cli(
      'incident',
      'create',
      '--title',
      'x',
      '--severity',
      'Low',
      '--detected',
      '2024-01-02T00:00:00Z',
      '--impact-started',
      '2024-01-03T00:00:00Z',
    );
    expect(order.code).toBe(1);
    expect(order.stderr).toMatch(/impact_started/);
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{\n  "title": "x",\n  "severity": \n}');
    const broken = await cli('incident', 'create', '--file', file);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/broken\.json:\d+:\d+ is not valid JSON/);
    expect((await cli('incident', 'show', 'INC-2020-0001')).code).toBe(1);
    expect((await cli('incident', 'bogus')).code).toBe(2);
  });

  it('lints and imports the Step 1 review YAML', async () => {
    expect((await cli('review', 'lint', fixture('step1-review.yaml'))).code).toBe(0);
    const missingIncident = await cli('review', 'import', fixture('step1-review.yaml'));
    expect(missingIncident.code).toBe(1);
    expect(missingIncident.stderr).toMatch(/INC-2024-001 does not exist/);
    const incident = join(dir, 'incident.json');
    writeFileSync(
      incident,
      JSON.stringify({ id: 'INC-2024-001', title: 'Unauthorized Database Access', severity: 'High' }),
    );
    expect((await cli('incident', 'create', '--file', incident)).code).toBe(0);
    const imported = await cli('review', 'import', fixture('step1-review.yaml'), '--json');
    expect(imported.code).toBe(0);
    expect(imported.json()).toMatchObject({
      incident_id: 'INC-2024-001',
      participants: [
        'incident_commander',
        'security_team',
        'affected_service_owners',
        'management_representative',
      ],
    });
  });

  it('lint lists every problem of a bad review and exits 1', async () => {
    const file = join(dir, 'bad-review.yaml');
    writeFileSync(
      file,
      [
        'incident_review:',
        '  incident_id: 42',
        '  participants: nobody',
        '  lessons_learned:',
        '    - lesson: "x"',
        '      priority: "Urgent"',
        '  surprise: true',
      ].join('\n'),
    );
    const linted = await cli('review', 'lint', file);
    expect(linted.code).toBe(1);
    expect(linted.stderr).toContain('incident_review.participants');
    expect(linted.stderr).toContain('incident_review.surprise');
    const syntax = join(dir, 'syntax.yaml');
    writeFileSync(syntax, 'incident_review:\n  participants: [a, b\n');
    const bad = await cli('review', 'lint', syntax);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/line \d+, column \d+/);
  });

  it('round-trips the Step 3 lessons JSON through import and export', async () => {
    const imported = await cli('lessons', 'import', fixture('step3-lessons.json'));
    expect(imported.code).toBe(0);
    const exported = await cli('lessons', 'export', '--format', 'json', '--incident', 'INC-2024-001');
    expect(JSON.parse(exported.stdout)).toEqual(
      JSON.parse(readFileSync(fixture('step3-lessons.json'), 'utf8')),
    );
    const out = join(dir, 'all.json');
    expect((await cli('lessons', 'export', '--output', out)).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).lessons_learned_database).toHaveLength(1);
    const bad = join(dir, 'bad-lessons.json');
    writeFileSync(bad, JSON.stringify({ lessons_learned_database: [{ incident_id: 'nope' }] }));
    const refused = await cli('lessons', 'import', bad);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('lessons_learned_database[0].incident_id');
  });

  it('loads the demo data set once', async () => {
    const demo = await cli('demo', '--json');
    expect(demo.code).toBe(0);
    expect(demo.json().incidents).toHaveLength(12);
    expect((await cli('demo')).stdout).toMatch(/already loaded/);
    const lessons = await cli('lessons', 'export');
    // 8 of the 12 demo incidents are reviewed (not the drill nor the recent ones), plus the Step 3 record.
    expect(JSON.parse(lessons.stdout).lessons_learned_database).toHaveLength(8 + 1);
  });
});
