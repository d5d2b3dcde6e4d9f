import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/shared/clock.js';
import { buildWorker, type Worker } from '../../src/jobs/worker.js';
import { buildServices } from '../../src/services.js';
import { insertIncidentRow } from '../../src/storage/kpis/kpi.rows.test-support.js';
import { insertActionRow } from '../../src/storage/repositories/action.rows.test-support.js';
import type { Database } from '../../src/storage/schema.js';
import { STORE_KINDS, freshStore } from '../support/stores.js';
import { testWorkerConfig } from './support/worker-harness.js';

/*
 * The daily refresh of derived data in the worker, on real stores: never in a fresh process's first pass nor
 * before the hour (03:00 in the working calendar's zone, UTC here), then once a day on one of several
 * instances, re-deriving what changed and leaving every change log empty; a day with nothing to do is harmless.
 */
const JOB = 'derived-refresh';
const LOGS = ['derived_index_changes', 'kpi_action_day_changes', 'kpi_overdue_group_changes'] as const;

async function count(db: Kysely<Database>, table: string, where = sql`1 = 1`): Promise<number> {
  const { rows } = await sql<{
    n: number | string;
  }>`select count(*) as n from ${sql.table(table)} where ${where}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

async function logSizes(db: Kysely<Database>): Promise<number[]> {
  return Promise.all(LOGS.map((log) => count(db, log)));
}

describe.each(STORE_KINDS)('the daily derived-data refresh on %s', (kind) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let db: Kysely<Database>;
  const clock = new ManualClock('2024-01-16T10:00:00Z');
  let workers: Worker[] = [];
  let incidents = 0;

  const addIncident = () => {
    incidents += 1;
    return insertIncidentRow(db, {
      id: `INC-J-${incidents}`,
      category: 'Access Control',
      services: ['billing-api'],
      at: { declared: `2024-01-${String(incidents).padStart(2, '0')}T09:00:00Z` },
    });
  };
  /** One pass of every worker at once, at the clock's time: what each ran. */
  const pass = () => Promise.all(workers.map((w) => w.scheduler.runOnce()));
  const runsOfJob = () => count(db, 'job_runs', sql`job = ${JOB}`);

  beforeAll(async () => {
    store = await freshStore(kind);
    db = store.db;
    for (let n = 0; n < 3; n += 1) await addIncident();
    await insertActionRow(db, { id: 'ACT-1', due_date: '2024-01-10', status: 'open' });
    const services = buildServices(store, clock);
    workers = ['w1', 'w2'].map((worker_id) =>
      buildWorker(store, services, clock, { ...testWorkerConfig({}), worker_id, derived_refresh_hour: 3 }),
    );
  });
  afterAll(async () => {
    for (const worker of workers) await worker.stop();
    await store.dispose();
  });

  it('does not run in the first pass of a fresh process, nor later that day, nor before the hour', async () => {
    const before = await logSizes(db);
    expect(before.every((n) => n > 0)).toBe(true);
    for (const report of await pass()) expect(report).not.toHaveProperty(JOB);
    clock.advance(15_000);
    for (const report of await pass()) expect(report).not.toHaveProperty(JOB);
    clock.set('2024-01-17T02:59:59Z');
    for (const report of await pass()) expect(report).not.toHaveProperty(JOB);
    expect(await logSizes(db)).toEqual(before);
    expect(await count(db, 'kpi_incident_facts')).toBe(0);
    expect(await runsOfJob()).toBe(0);
  });

  it('runs once from the hour on one of several instances and empties every change log', async () => {
    clock.set('2024-01-17T03:00:05Z');
    const ran = (await pass()).filter((report) => JOB in report);
    expect(ran).toHaveLength(1);
    expect(ran[0]?.[JOB]).toMatchObject({
      similarity: 3,
      signatures: 3,
      kpi_facts: 3,
      action_days: -1,
      overdue_groups: -1,
    });
    expect(await logSizes(db)).toEqual([0, 0, 0]);
    expect(await count(db, 'kpi_incident_facts')).toBe(3);
    expect(await count(db, 'similarity_vectors')).toBe(3);
    expect(await count(db, 'kpi_overdue_groups')).toBe(1);

    await addIncident();
    await db.updateTable('actions').set({ status: 'done' }).where('id', '=', 'ACT-1').execute();
    clock.set('2024-01-17T18:00:00Z');
    for (const report of await pass()) expect(report).not.toHaveProperty(JOB);
    expect((await logSizes(db)).every((n) => n > 0)).toBe(true);
    expect(await runsOfJob()).toBe(1);
  });

  it('re-derives what changed the next day', async () => {
    clock.set('2024-01-18T03:20:00Z');
    const ran = (await pass()).filter((report) => JOB in report);
    expect(ran).toHaveLength(1);
    expect(ran[0]?.[JOB]).toMatchObject({ similarity: 1, signatures: 1, action_days: 1, overdue_groups: 1 });
    expect(await logSizes(db)).toEqual([0, 0, 0]);
    expect(await count(db, 'kpi_incident_facts')).toBe(4);
    expect(await count(db, 'kpi_overdue_groups', sql`n > 0`)).toBe(0);
    expect(await runsOfJob()).toBe(2);
  });

  it('is harmless on a day with nothing to do', async () => {
    const facts = await count(db, 'kpi_incident_facts');
    clock.set('2024-01-19T04:00:00Z');
    const ran = (await pass()).filter((report) => JOB in report);
    expect(ran).toHaveLength(1);
    expect(ran[0]?.[JOB]).toMatchObject({
      similarity: 0,
      signatures: 0,
      kpi_facts: 0,
      action_days: 0,
      overdue_groups: 0,
    });
    expect(await logSizes(db)).toEqual([0, 0, 0]);
    expect(await count(db, 'kpi_incident_facts')).toBe(facts);
  });

  it('waits for the next day in a process started after the hour', async () => {
    await addIncident();
    const late = buildWorker(store, buildServices(store, clock), clock, {
      ...testWorkerConfig({}),
      worker_id: 'late',
      derived_refresh_hour: 3,
    });
    try {
      clock.set('2024-01-20T05:00:00Z');
      expect(await late.scheduler.runOnce()).not.toHaveProperty(JOB);
      clock.advance(60_000);
      expect(await late.scheduler.runOnce()).not.toHaveProperty(JOB);
      expect(await count(db, 'derived_index_changes')).toBeGreaterThan(0);
      clock.set('2024-01-21T03:00:00Z');
      expect(await late.scheduler.runOnce()).toHaveProperty(JOB);
      expect(await logSizes(db)).toEqual([0, 0, 0]);
    } finally {
      await late.stop();
    }
  });
});
