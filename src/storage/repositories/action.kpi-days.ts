import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { StoreKind } from '../database.js';
import { underRefreshLock } from '../kpis/refresh-lock.js';
import type { Database } from '../schema.js';
import { markAndLatest } from './change-log.js';

/** Its mark in derived_index_marks: present once every day has been counted (the seq is unused). */
export const KPI_ACTION_DAYS_KIND = 'kpi_action_days';

/** Due dates recounted per statement. */
const DAYS_PER_STATEMENT = 500;

/** Tables of migration 0014. */
export type ActionDayTables = {
  derived_index_marks: { kind: string; seq: number };
  kpi_action_days: { due_date: string; due: number; excluded: number; on_time: number };
  kpi_action_day_changes: { id: number; due_date: string };
};

/** `YYYY-MM-DD` (UTC) of an epoch-milliseconds column, in the store's dialect. */
export function utcDay(kind: StoreKind, ms: RawBuilder<unknown>): RawBuilder<string> {
  return kind === 'postgres'
    ? sql<string>`to_char(to_timestamp(${ms} / 1000.0) at time zone 'UTC', 'YYYY-MM-DD')`
    : sql<string>`strftime('%Y-%m-%d', ${ms} / 1000, 'unixepoch')`;
}

/**
 * The counts of the due dates `which` selects, written over what kpi_action_days holds for them (safe when two
 * instances recount the same day): due = not won't-do, excluded = won't-do, on time = verified no later than
 * the due date (the UTC day of the verification), as the action implementation KPI defines them.
 */
function recount(kind: StoreKind, which: RawBuilder<boolean>): RawBuilder<unknown> {
  return sql`insert into kpi_action_days (due_date, due, excluded, on_time)
    select a.due_date,
      sum(case when a.status = 'wont_do' then 0 else 1 end),
      sum(case when a.status = 'wont_do' then 1 else 0 end),
      sum(case when a.status = 'verified' and ${utcDay(kind, sql`v.verified_at_ms`)} <= a.due_date then 1 else 0 end)
    from actions a left join action_verifications v on v.action_id = a.id
    where ${which}
    group by a.due_date
    on conflict (due_date) do update set due = excluded.due, excluded = excluded.excluded,
      on_time = excluded.on_time`;
}

/**
 * Brings kpi_action_days up to date, under the refresh lock: recount the due dates logged up to the latest
 * change number (a day with no actions left keeps a row of zeros), then delete the log up to that number.
 * Without a mark (new or just migrated) every day is counted from scratch. Returns how many days were
 * recounted, or -1 for a count from scratch.
 */
export function refreshActionDays(db: Kysely<Database>, kind: StoreKind): Promise<number> {
  return underRefreshLock(db, kind, KPI_ACTION_DAYS_KIND, async (trx) => {
    const tdb = trx.withTables<ActionDayTables>();
    const { mark, latest } = await markAndLatest(trx, KPI_ACTION_DAYS_KIND, 'kpi_action_day_changes');
    let recounted = -1;
    if (mark === null) {
      await tdb.deleteFrom('kpi_action_days').execute();
      await recount(kind, sql<boolean>`1 = 1`).execute(trx);
      await tdb.insertInto('derived_index_marks').values({ kind: KPI_ACTION_DAYS_KIND, seq: 0 }).execute();
    } else {
      if (latest === 0) return 0;
      const logged = await tdb
        .selectFrom('kpi_action_day_changes')
        .select('due_date')
        .distinct()
        .where('id', '<=', latest)
        .execute();
      const days = logged.map((r) => r.due_date);
      for (let i = 0; i < days.length; i += DAYS_PER_STATEMENT) {
        const chunk = days.slice(i, i + DAYS_PER_STATEMENT);
        await tdb
          .updateTable('kpi_action_days')
          .set({ due: 0, excluded: 0, on_time: 0 })
          .where('due_date', 'in', chunk)
          .execute();
        await recount(kind, sql<boolean>`a.due_date in (${sql.join(chunk)})`).execute(trx);
      }
      recounted = days.length;
    }
    await tdb.deleteFrom('kpi_action_day_changes').where('id', '<=', latest).execute();
    return recounted;
  });
}
