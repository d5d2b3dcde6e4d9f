import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** Change logs numbered by `id` that a derived table reads up to a number and then deletes. */
export type ChangeLogTable = 'kpi_action_day_changes' | 'kpi_overdue_group_changes';

/**
 * A derived table's mark in derived_index_marks (null when it was never built) and the latest number in its
 * change log (0 when the log is empty), read together.
 */
export async function markAndLatest(
  db: Kysely<Database>,
  kind: string,
  log: ChangeLogTable,
): Promise<{ mark: number | null; latest: number }> {
  const { rows } = await sql<{ mark: number | string | null; latest: number | string | null }>`select
      (select seq from derived_index_marks where kind = ${kind}) as mark,
      (select max(id) from ${sql.table(log)}) as latest`.execute(db);
  const row = rows[0];
  return {
    mark: row?.mark === null || row?.mark === undefined ? null : Number(row.mark),
    latest: row?.latest === null || row?.latest === undefined ? 0 : Number(row.latest),
  };
}
