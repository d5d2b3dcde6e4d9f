import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliRunner } from '../support/cli.js';
import { STORE_KINDS, freshStoreConfig, type FreshStoreConfig } from '../support/stores.js';

const HEADER =
  'title,description,type,category,owner,due_date,priority,risk_reduction,feasibility,success_criteria,incident_ids,lesson_id';

describe.each(STORE_KINDS)('hindsight actions CLI on %s', (kind) => {
  let fresh: FreshStoreConfig;
  let cli: ReturnType<typeof cliRunner>;
  let incident: string;
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-actions-cli-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  beforeAll(async () => {
    fresh = await freshStoreConfig(kind);
    cli = cliRunner(
      fresh.config.kind === 'postgres'
        ? { DATABASE_URL: fresh.config.url }
        : { HINDSIGHT_DATA: join(fresh.config.file, '..') },
    );
    expect((await cli('user', 'create', 'alice', '--role', 'responder', '--team', 'sre')).code).toBe(0);
    const created = await cli(
      'incident',
      'create',
      '--title',
      'Queue backlog',
      '--severity',
      'High',
      '--json',
    );
    incident = created.json().id as string;
  });
  afterAll(() => fresh.cleanup());

  it('imports, lists, reports and exports actions', async () => {
    const csv = file(
      'good.csv',
      [
        HEADER,
        `Scale the consumers,,corrective,capacity,user:alice,2000-01-10,High,4,3,Backlog drains in 5 min,${incident},`,
        `"Alert on queue depth, per queue",,detective,monitoring,team:sre,2999-01-10,Medium,3,5,Alert fires in a drill,${incident},`,
      ].join('\n'),
    );
    const imported = await cli('actions', 'import', csv);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toBe('imported 2 actions\n  ACT-000001\n  ACT-000002');

    const listed = await cli('actions', 'list', '--overdue', '--json');
    expect(listed.json().items.map((a: { id: string; overdue: boolean }) => [a.id, a.overdue])).toEqual([
      ['ACT-000001', true],
    ]);
    const human = await cli('actions', 'list', '--owner', 'team:sre');
    expect(human.stdout).toBe(
      'ACT-000002  open        Medium   due 2999-01-10  team:sre  Alert on queue depth, per queue\n1 of 1',
    );

    const report = await cli('actions', 'report', '--json');
    expect(report.json()).toMatchObject({
      total: 2,
      overdue: 1,
      by_category: { capacity: 1, monitoring: 1 },
      by_team: { sre: 2 },
    });
    expect((await cli('actions', 'report')).stdout).toContain('2 actions, 1 overdue');

    const out = join(dir, 'out.csv');
    expect((await cli('actions', 'export', '--team', 'sre', '--output', out)).code).toBe(0);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain('"Alert on queue depth, per queue"');
  });

  it('refuses a malformed file with every bad row and imports nothing', async () => {
    const bad = file(
      'bad.csv',
      [
        HEADER,
        `Fine,,corrective,capacity,user:alice,2030-01-10,High,4,3,ok,${incident},`,
        `No type,,,capacity,user:alice,2030-01-10,High,4,3,ok,${incident},`,
        `No incident,,corrective,capacity,user:alice,2030-01-10,High,4,3,ok,,`,
      ].join('\n'),
    );
    const refused = await cli('actions', 'import', bad);
    expect(refused.code).toBe(1);
    expect(refused.stderr.split('\n')).toEqual([
      'error: 2 of 3 rows are invalid; nothing was imported',
      '  row 3, type: Invalid option: expected one of "detective"|"preventive"|"corrective"',
      '  row 4, incident_ids: must name at least one incident',
    ]);
    expect((await cli('actions', 'list', '--json')).json().total).toBe(2);
  });
});
