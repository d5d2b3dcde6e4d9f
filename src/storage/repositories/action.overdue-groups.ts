import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { OverdueGroup } from '../../core/kpis/trend-report.source.js';
import type { StoreKind } from '../database.js';
import { DAY_MS } from '../kpis/kpi.rollups.sql.js';
import { underRefreshLock } from '../kpis/refresh-lock.js';
import type { Database } from '../schema.js';
import { markAndLatest } from './change-log.js';

/** Its mark in derived_index_marks; the seq is the as-of day (days since 1970-01-01, UTC). */
export const KPI_OVERDUE_GROUPS_KIND = 'kpi_overdue_groups';

/** Groups recounted per statement. */
const GROUPS_PER_STATEMENT = 200;

/** Tables of migration 0017. */
export type OverdueGroupTables = {
  derived_index_marks: { kind: string; seq: number };
  kpi_overdue_groups: {
    team_key: string;
    owner_kind: string;
    owner_id: string;
    n: number;
    oldest_due: string;
  };
  kpi_overdue_group_changes: { id: number; team_key: string; owner_kind: string; owner_id: string };
};

interface GroupKey {
  team_key: string;
  owner_kind: string;
  owner_id: string;
}

const OPEN = sql`a.status in ('open', 'in_progress', 'blocked')`;
const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * Overdue actions at `asOf` (ISO instant; due before its UTC day, not verified, done or won't-do) per team and
 * owner, most overdue first, counted from the actions. The reference for kpi_overdue_groups and the answer for
 * an as-of day earlier than the table's.
 */
export async function overdueGroupsFromActions(
  db: Kysely<Database>,
  asOf: string,
  inScope: RawBuilder<boolean> = sql<boolean>`1 = 1`,
): Promise<OverdueGroup[]> {
  const { rows } = await sql<{
    team: string | null;
    owner: string;
    count: number | string;
    oldest_due: string;
  }>`
    select a.team as team, a.owner_kind || ':' || a.owner_id as owner, count(*) as count,
      min(a.due_date) as oldest_due
    from actions a
    where ${OPEN} and a.due_date < ${asOf.slice(0, 10)} and ${inScope}
    group by a.team, a.owner_kind, a.owner_id
    order by count(*) desc, min(a.due_date), a.owner_kind, a.owner_id, coalesce(a.team, '')`.execute(db);
  return rows.map((r) => ({
    team: r.team,
    owner: r.owner,
    count: Number(r.count),
    oldest_due: r.oldest_due,
  }));
}

/**
 * Overdue groups at `asOf` from kpi_overdue_groups, brought to that day first; null when the table is kept for
 * a later day (an as-of day in the past), which the caller answers from the actions.
 */
export async function overdueGroupsFromTable(
  db: Kysely<Database>,
  kind: StoreKind,
  asOf: string,
): Promise<OverdueGroup[] | null> {
  const day = Math.floor(Date.parse(asOf.slice(0, 10)) / DAY_MS);
  if ((await refreshOverdueGroups(db, kind, day)) === null) return null;
  const rows = await db
    .withTables<OverdueGroupTables>()
    .selectFrom('kpi_overdue_groups')
    .selectAll()
    .where('n', '>', 0)
    .orderBy('n', 'desc')
    .orderBy('oldest_due')
    .orderBy('owner_kind')
    .orderBy('owner_id')
    .orderBy('team_key')
    .execute();
  return rows.map((r) => ({
    team: r.team_key === '' ? null : r.team_key,
    owner: `${r.owner_kind}:${r.owner_id}`,
    count: Number(r.n),
    oldest_due: r.oldest_due,
  }));
}

/**
 * Brings kpi_overdue_groups to as-of day `day`, under the refresh lock. Without a mark every group is counted
 * (-1). Otherwise the open actions that fell due between the table's day and `day` are added to their groups
 * (unchanged groups: open then is open now), then every group logged as changed is counted again from its
 * actions (their number is returned), and the log is deleted up to what was read. Null when the table is kept
 * for a later day.
 */
export function refreshOverdueGroups(
  db: Kysely<Database>,
  kind: StoreKind,
  day: number,
): Promise<number | null> {
  return underRefreshLock(db, kind, KPI_OVERDUE_GROUPS_KIND, async (trx) => {
    const tdb = trx.withTables<OverdueGroupTables>();
    const { mark, latest } = await markAndLatest(trx, KPI_OVERDUE_GROUPS_KIND, 'kpi_overdue_group_changes');
    if (mark !== null && day < mark) return null;
    let recounted = -1;
    if (mark === null) {
      await tdb.deleteFrom('kpi_overdue_groups').execute();
      await countGroups(trx, day, sql<boolean>`1 = 1`);
      await tdb
        .insertInto('derived_index_marks')
        .values({ kind: KPI_OVERDUE_GROUPS_KIND, seq: day })
        .execute();
    } else {
      if (day === mark && latest === 0) return 0;
      if (day > mark) await addFallenDue(trx, mark, day);
      const changed = await tdb
        .selectFrom('kpi_overdue_group_changes')
        .select(['team_key', 'owner_kind', 'owner_id'])
        .distinct()
        .where('id', '<=', latest)
        .execute();
      recounted = changed.length;
      for (let i = 0; i < changed.length; i += GROUPS_PER_STATEMENT) {
        await recountGroups(trx, day, changed.slice(i, i + GROUPS_PER_STATEMENT));
      }
      if (day > mark) {
        await tdb
          .updateTable('derived_index_marks')
          .set({ seq: day })
          .where('kind', '=', KPI_OVERDUE_GROUPS_KIND)
          .execute();
      }
    }
    await tdb.deleteFrom('kpi_overdue_group_changes').where('id', '<=', latest).execute();
    return recounted;
  });
}

/** Inserts the groups of the open actions due before `day` that `which` selects (alias `a`). */
function countGroups(db: Kysely<Database>, day: number, which: RawBuilder<boolean>) {
  return sql`insert into kpi_overdue_groups (team_key, owner_kind, owner_id, n, oldest_due)
    select coalesce(a.team, ''), a.owner_kind, a.owner_id, count(*), min(a.due_date)
    from actions a where ${OPEN} and a.due_date < ${isoDay(day)} and ${which}
    group by coalesce(a.team, ''), a.owner_kind, a.owner_id`.execute(db);
}

/** Adds the open actions due in [from, to) to their groups (their oldest due date is unchanged where set). */
function addFallenDue(db: Kysely<Database>, from: number, to: number) {
  return sql`insert into kpi_overdue_groups (team_key, owner_kind, owner_id, n, oldest_due)
    select coalesce(a.team, ''), a.owner_kind, a.owner_id, count(*), min(a.due_date)
    from actions a where ${OPEN} and a.due_date >= ${isoDay(from)} and a.due_date < ${isoDay(to)}
    group by coalesce(a.team, ''), a.owner_kind, a.owner_id
    on conflict (owner_kind, owner_id, team_key) do update set n = kpi_overdue_groups.n + excluded.n,
      oldest_due = case when kpi_overdue_groups.n > 0 then kpi_overdue_groups.oldest_due
        else excluded.oldest_due end`.execute(db);
}

/** Counts `groups` again from their actions (a group with none left loses its row). */
async function recountGroups(db: Kysely<Database>, day: number, groups: readonly GroupKey[]): Promise<void> {
  const inGroups = (team: RawBuilder<unknown>, owner: string) =>
    sql<boolean>`(${sql.join(
      groups.map(
        (g) =>
          sql`(${sql.ref(`${owner}.owner_kind`)} = ${g.owner_kind} and ${sql.ref(`${owner}.owner_id`)} = ${g.owner_id} and ${team} = ${g.team_key})`,
      ),
      sql` or `,
    )})`;
  await sql`delete from kpi_overdue_groups where ${inGroups(sql.ref('kpi_overdue_groups.team_key'), 'kpi_overdue_groups')}`.execute(
    db,
  );
  await countGroups(db, day, inGroups(sql`coalesce(a.team, '')`, 'a'));
}
