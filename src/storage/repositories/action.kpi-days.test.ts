import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RatioInput } from '../../core/kpis/kpi.source.js';
import { STORE_KINDS, freshStore } from '../../../test/support/stores.js';
import type { Database } from '../schema.js';
import { SqlActionAggregates } from './action.kpi-aggregates.js';
import { KPI_ACTION_DAYS_KIND, refreshActionDays } from './action.kpi-days.js';
import { insertActionRow } from './action.rows.test-support.js';

/*
 * The per-due-date counts behind the action implementation KPI, kept current by triggers and a refresh, must
 * give what counting the actions themselves gives, after each kind of write that moves an action between
 * due, excluded and on time.
 */
const MARCH = { from: '2024-03-01T00:00:00Z', to: '2024-04-01T00:00:00Z' };
const at = (iso: string) => Date.parse(iso);

const insertAction = (db: Kysely<Database>, id: string, due_date: string, status: string) =>
  insertActionRow(db, { id, due_date, status });

async function verify(db: Kysely<Database>, action_id: string, when: string) {
  await db.updateTable('actions').set({ status: 'verified' }).where('id', '=', action_id).execute();
  await db
    .insertInto('action_verifications')
    .values({
      action_id,
      evidence_kind: 'test',
      evidence: 'game day passed',
      verified_by: 'sam',
      verified_at_ms: at(when),
      recheck_on: null,
    })
    .execute();
}

/** The KPI counted straight from the actions, as the definition reads. */
async function countedFromActions(db: Kysely<Database>): Promise<RatioInput> {
  const rows = await db
    .selectFrom('actions as a')
    .leftJoin('action_verifications as v', 'v.action_id', 'a.id')
    .select(['a.due_date', 'a.status', 'v.verified_at_ms'])
    .where('a.due_date', '>=', '2024-03-01')
    .where('a.due_date', '<', '2024-04-01')
    .execute();
  const day = (ms: unknown) => new Date(Number(ms)).toISOString().slice(0, 10);
  return {
    excluded: rows.filter((r) => r.status === 'wont_do').length,
    denominator: rows.filter((r) => r.status !== 'wont_do').length,
    numerator: rows.filter(
      (r) => r.status === 'verified' && r.verified_at_ms !== null && day(r.verified_at_ms) <= r.due_date,
    ).length,
  };
}

describe.each(STORE_KINDS)('kpi_action_days on %s', (kind) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let db: Kysely<Database>;

  beforeAll(async () => {
    store = await freshStore(kind);
    db = store.db;
    await insertAction(db, 'ACT-1', '2024-03-05', 'open');
    await insertAction(db, 'ACT-2', '2024-03-10', 'in_progress');
    await insertAction(db, 'ACT-3', '2024-03-12', 'in_progress');
    await insertAction(db, 'ACT-4', '2024-03-15', 'wont_do');
    await insertAction(db, 'ACT-5', '2024-04-02', 'open');
    await verify(db, 'ACT-2', '2024-03-10T23:30:00Z');
    await verify(db, 'ACT-3', '2024-03-14T08:00:00Z');
  });
  afterAll(() => store.dispose());

  it('counts every day from scratch first, then follows each kind of write', async () => {
    const kpi = new SqlActionAggregates(db, kind);
    expect(await kpi.actionImplementation(MARCH)).toEqual({ numerator: 1, denominator: 3, excluded: 1 });
    const writes: Array<[string, () => Promise<unknown>, RatioInput]> = [
      [
        'verified on time',
        () => verify(db, 'ACT-1', '2024-03-04T12:00:00Z'),
        { numerator: 2, denominator: 3, excluded: 1 },
      ],
      [
        'due date moved after the verification',
        () => db.updateTable('actions').set({ due_date: '2024-03-20' }).where('id', '=', 'ACT-3').execute(),
        { numerator: 3, denominator: 3, excluded: 1 },
      ],
      [
        'due date moved out of the period',
        () => db.updateTable('actions').set({ due_date: '2024-04-20' }).where('id', '=', 'ACT-1').execute(),
        { numerator: 2, denominator: 2, excluded: 1 },
      ],
      [
        'verification re-dated after the due date',
        () =>
          db
            .updateTable('action_verifications')
            .set({ verified_at_ms: at('2024-03-11T00:30:00Z') })
            .where('action_id', '=', 'ACT-2')
            .execute(),
        { numerator: 1, denominator: 2, excluded: 1 },
      ],
      [
        'verification re-dated on time',
        () =>
          db
            .updateTable('action_verifications')
            .set({ verified_at_ms: at('2024-03-10T10:00:00Z') })
            .where('action_id', '=', 'ACT-2')
            .execute(),
        { numerator: 2, denominator: 2, excluded: 1 },
      ],
      [
        'verification record removed',
        () => db.deleteFrom('action_verifications').where('action_id', '=', 'ACT-2').execute(),
        { numerator: 1, denominator: 2, excluded: 1 },
      ],
      [
        'action reopened',
        () => db.updateTable('actions').set({ status: 'done' }).where('id', '=', 'ACT-2').execute(),
        { numerator: 1, denominator: 2, excluded: 1 },
      ],
      [
        "won't do taken up again",
        () => db.updateTable('actions').set({ status: 'open' }).where('id', '=', 'ACT-4').execute(),
        { numerator: 1, denominator: 3, excluded: 0 },
      ],
      [
        'action deleted',
        () => db.deleteFrom('actions').where('id', '=', 'ACT-3').execute(),
        { numerator: 0, denominator: 2, excluded: 0 },
      ],
    ];
    for (const [what, write, expected] of writes) {
      await write();
      expect(await kpi.actionImplementation(MARCH), what).toEqual(expected);
      expect(await countedFromActions(db), what).toEqual(expected);
    }
    const { rows: logged } = await sql<{
      n: number | string;
    }>`select count(*) as n from kpi_action_day_changes`.execute(db);
    expect(Number(logged[0]?.n)).toBe(0);
  });

  it('a count from scratch gives the same days as the incremental counts', async () => {
    await refreshActionDays(db, kind);
    const days = () =>
      db
        .withTables<{
          kpi_action_days: { due_date: string; due: number; excluded: number; on_time: number };
        }>()
        .selectFrom('kpi_action_days')
        .selectAll()
        .where((eb) => eb.or([eb('due', '>', 0), eb('excluded', '>', 0)]))
        .orderBy('due_date')
        .execute();
    const incremental = await days();
    await sql`delete from derived_index_marks where kind = ${KPI_ACTION_DAYS_KIND}`.execute(db);
    expect(await refreshActionDays(db, kind)).toBe(-1);
    expect(
      (await days()).map((d) => ({
        ...d,
        due: Number(d.due),
        excluded: Number(d.excluded),
        on_time: Number(d.on_time),
      })),
    ).toEqual(
      incremental.map((d) => ({
        ...d,
        due: Number(d.due),
        excluded: Number(d.excluded),
        on_time: Number(d.on_time),
      })),
    );
    expect(incremental.length).toBeGreaterThan(0);
  });
});
