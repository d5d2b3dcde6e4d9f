import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/storage/migrations/index.js';
import { migrateToLatest } from '../../src/storage/migrate.js';
import { openStore } from '../../src/storage/store.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { freshStoreConfig, STORE_KINDS } from '../support/stores.js';

const cli = { id: 'cli', name: 'cli', role: 'admin', teamIds: [], via: 'cli' } as const;

/** A Step 3 record dated `date` whose lessons have the given priorities. */
function record(id: string, date: string, priorities: string[]) {
  return {
    incident_id: id,
    date,
    title: `Incident ${id}`,
    severity: 'High',
    category: 'Access Control',
    summary: { description: '', impact: '', duration: '' },
    root_causes: [],
    lessons_learned: priorities.map((priority, i) => ({
      lesson: `lesson ${i} of ${id}`,
      category: 'process',
      priority,
      implementation: { owner: 'sre', due_date: '2024-03-01', status: 'In Progress', progress: 40 },
    })),
    preventive_measures: [],
    metrics: {
      detection_time: '',
      response_time: '',
      containment_time: '',
      recovery_time: '',
      business_impact: '',
    },
  };
}

const RECORDS = [
  record('INC-2023-0001', '2024-01-10', ['Low']),
  record('INC-2023-0002', '2024-01-05', ['High', 'Critical']),
  record('INC-2023-0003', '2024-01-12', []),
  record('INC-2023-0004', '2024-01-08', ['High', 'Medium']),
  record('INC-2023-0005', '2024-01-09', ['Critical']),
];

describe.each(STORE_KINDS)('lessons sorted by priority on %s', (kind) => {
  let t: TestServer;
  const ids = async (query: string) => {
    const response = await t.call('GET', `/api/v1/lessons?${query}`);
    expect(response.status).toBe(200);
    return (response.body.items as { record: { incident_id: string } }[]).map((i) => i.record.incident_id);
  };

  beforeAll(async () => {
    t = await startTestServer(kind);
    await t.server.services.lessons.import(cli, { lessons_learned_database: RECORDS });
  });
  afterAll(() => t.close());

  it('puts the most urgent lessons first, then the newest; newest first by default', async () => {
    expect(await ids('sort=priority')).toEqual([
      'INC-2023-0005',
      'INC-2023-0002',
      'INC-2023-0004',
      'INC-2023-0001',
      'INC-2023-0003',
    ]);
    expect(await ids('sort=priority&limit=2&offset=1')).toEqual(['INC-2023-0002', 'INC-2023-0004']);
    expect(await ids('')).toEqual([
      'INC-2023-0003',
      'INC-2023-0001',
      'INC-2023-0005',
      'INC-2023-0004',
      'INC-2023-0002',
    ]);
  });

  it('re-ranks a record when its lessons change', async () => {
    await t.server.services.lessons.import(cli, {
      lessons_learned_database: record('INC-2023-0001', '2024-01-10', ['Medium', 'Critical']),
    });
    expect((await ids('sort=priority')).slice(0, 2)).toEqual(['INC-2023-0001', 'INC-2023-0005']);
  });

  it('refuses an unknown sort, naming the field', async () => {
    const response = await t.call('GET', '/api/v1/lessons?sort=oldest');
    expect(response.status).toBe(400);
    expect(response.body.error.details[0].path).toBe('sort');
  });
});

describe.each(STORE_KINDS)('the lesson priority migration on %s', (kind) => {
  it('ranks the records stored before it', async () => {
    const fresh = await freshStoreConfig(kind);
    const store = await openStore(fresh.config, { migrate: false });
    try {
      const migrator = new Migrator({
        db: store.db,
        provider: { getMigrations: () => Promise.resolve(MIGRATIONS) },
      });
      const before = await migrator.migrateTo('2026-11-28T0007-kpi-indexes');
      expect(before.error).toBeUndefined();
      for (const r of [RECORDS[1], RECORDS[2], RECORDS[3]]) {
        if (!r) continue;
        await sql`insert into lesson_records (incident_id, date, title, severity, category, document,
            search_text, updated_by, updated_at_ms, version)
          values (${r.incident_id}, ${r.date}, ${r.title}, ${r.severity}, ${r.category},
            ${JSON.stringify(r)}, '', 'cli', 0, 1)`.execute(store.db);
      }
      expect(await migrateToLatest(store.db)).toContain('2026-11-28T0008-lesson-priority');
      const rows = await store.db
        .selectFrom('lesson_records')
        .select(['incident_id', 'top_priority'])
        .orderBy('incident_id')
        .execute();
      expect(rows).toEqual([
        { incident_id: 'INC-2023-0002', top_priority: 0 },
        { incident_id: 'INC-2023-0003', top_priority: 4 },
        { incident_id: 'INC-2023-0004', top_priority: 1 },
      ]);
    } finally {
      await store.close();
      await fresh.cleanup();
    }
  });
});
