import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_KINDS, freshStore } from '../../../test/support/stores.js';
import type { Database } from '../schema.js';
import { SqlActionAggregates } from './action.kpi-aggregates.js';
import {
  KPI_OVERDUE_GROUPS_KIND,
  overdueGroupsFromActions,
  overdueGroupsFromTable,
  type OverdueGroupTables,
} from './action.overdue-groups.js';
import { insertActionRow } from './action.rows.test-support.js';

/*
 * The overdue groups kept for an as-of day must equal the groups counted from the actions: after each kind of
 * write that moves an action into or out of a group (new, closed, reopened, re-dated, reassigned, moved to
 * another team or none, deleted), when the as-of day moves on, and for a day before the table's.
 */
const ASOF = ['2024-03-10T09:00:00Z', '2024-03-15T00:00:00Z', '2024-04-02T12:00:00Z'] as const;

describe.each(STORE_KINDS)('kpi_overdue_groups on %s', (kind) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let db: Kysely<Database>;

  beforeAll(async () => {
    store = await freshStore(kind);
    db = store.db;
    const owners = ['rita', 'sam', 'lee'];
    const statuses = ['open', 'in_progress', 'blocked', 'done', 'verified', 'wont_do'];
    for (let n = 1; n <= 60; n += 1) {
      await insertActionRow(db, {
        id: `ACT-${n}`,
        due_date: `2024-03-${String(1 + ((n * 7) % 28)).padStart(2, '0')}`,
        status: statuses[n % statuses.length] as string,
        owner_id: owners[n % owners.length],
        team: n % 5 === 0 ? null : n % 2 === 0 ? 'platform' : 'secops',
      });
    }
  });
  afterAll(() => store.dispose());

  const expectTableEqualsActions = async (asOf: string, what: string) => {
    const fromActions = await overdueGroupsFromActions(db, asOf);
    expect(fromActions.length, what).toBeGreaterThan(0);
    expect(await overdueGroupsFromTable(db, kind, asOf), what).toEqual(fromActions);
  };

  it('counts from scratch, then follows each kind of write and a later as-of day', async () => {
    await expectTableEqualsActions(ASOF[0], 'from scratch');
    const update = (id: string, set: Record<string, unknown>) =>
      db.updateTable('actions').set(set).where('id', '=', id).execute();
    const writes: Array<[string, () => Promise<unknown>]> = [
      [
        'a new overdue action',
        () => insertActionRow(db, { id: 'ACT-100', due_date: '2024-03-02', status: 'open' }),
      ],
      ['closed', () => update('ACT-1', { status: 'done' })],
      ['reopened', () => update('ACT-4', { status: 'open' })],
      ['re-dated into the future', () => update('ACT-24', { due_date: '2024-05-01' })],
      ['re-dated into the past', () => update('ACT-2', { due_date: '2024-02-01' })],
      ['reassigned', () => update('ACT-12', { owner_id: 'kim' })],
      ['moved to another team', () => update('ACT-8', { team: 'data' })],
      ['moved to no team', () => update('ACT-36', { team: null })],
      ['deleted', () => db.deleteFrom('actions').where('id', '=', 'ACT-13').execute()],
    ];
    for (const [what, write] of writes) {
      const before = await overdueGroupsFromActions(db, ASOF[0]);
      await write();
      expect(await overdueGroupsFromActions(db, ASOF[0]), `${what} changes the groups`).not.toEqual(before);
      await expectTableEqualsActions(ASOF[0], what);
    }
    await update('ACT-14', { status: 'blocked' });
    await expectTableEqualsActions(ASOF[1], 'a later day after a write');
    await expectTableEqualsActions(ASOF[2], 'a later day again');
    const mark = await db
      .withTables<OverdueGroupTables>()
      .selectFrom('derived_index_marks')
      .select('seq')
      .where('kind', '=', KPI_OVERDUE_GROUPS_KIND)
      .executeTakeFirstOrThrow();
    expect(new Date(Number(mark.seq) * 86_400_000).toISOString().slice(0, 10)).toBe('2024-04-02');
  });

  it('answers a day before the kept one from the actions, without moving the table back', async () => {
    expect(await overdueGroupsFromTable(db, kind, ASOF[0])).toBeNull();
    const aggregates = new SqlActionAggregates(db, kind);
    const scope = { from: '2024-01-01T00:00:00Z', to: '2024-06-01T00:00:00Z' };
    expect(await aggregates.overdueActions(scope, ASOF[0])).toEqual(
      await overdueGroupsFromActions(db, ASOF[0]),
    );
    expect(await aggregates.overdueActions(scope, ASOF[2])).toEqual(
      await overdueGroupsFromActions(db, ASOF[2]),
    );
  });
});
