import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { KPI_ACTION_DAYS_KIND } from './action.kpi-days.js';
import { KPI_OVERDUE_GROUPS_KIND } from './action.overdue-groups.js';

/** Tables of migration 0010: the change log written by triggers, and how far each derived index has read it. */
type ChangeTables = {
  derived_index_changes: { seq: number; incident_id: string };
  derived_index_marks: { kind: string; seq: number };
};

/** What a derived index has to look at: everything (never read the log), some incidents, or nothing. */
export type Pending =
  { scope: 'all'; latest: number } | { scope: 'some'; latest: number; ids: string[] } | { scope: 'none' };

/**
 * Which incidents changed since `kind` last caught up: a key lookup when nothing did (the common case on
 * every similarity and KPI read), else the distinct ids logged after its mark. Read the mark before
 * re-deriving: a change committed afterwards gets a higher number and is seen next time.
 */
export async function pendingChanges(db: Kysely<Database>, kind: string): Promise<Pending> {
  const tdb = db.withTables<ChangeTables>();
  const row = await tdb
    .selectNoFrom((eb) => [
      eb.selectFrom('derived_index_marks').select('seq').where('kind', '=', kind).as('mark'),
      eb
        .selectFrom('derived_index_changes')
        .select((e) => e.fn.max('seq').as('m'))
        .as('latest'),
    ])
    .executeTakeFirstOrThrow();
  const latest = row.latest === null ? 0 : Number(row.latest);
  if (row.mark === null) return { scope: 'all', latest };
  const mark = Number(row.mark);
  if (latest <= mark) return { scope: 'none' };
  const changed = await tdb
    .selectFrom('derived_index_changes')
    .select('incident_id')
    .distinct()
    .where('seq', '>', mark)
    .where('seq', '<=', latest)
    .execute();
  return { scope: 'some', latest, ids: changed.map((r) => r.incident_id) };
}

/**
 * Marks in derived_index_marks that do not read derived_index_changes: the action days and overdue groups keep
 * their own logs, and their seq is not a number of this log (0, and an as-of day).
 */
const OTHER_LOG_KINDS = [KPI_ACTION_DAYS_KIND, KPI_OVERDUE_GROUPS_KIND];

/**
 * The kinds that read this log, by name pattern: the similarity index, the signatures and the KPI facts (one
 * kind per signature field list each). A new reader of the log belongs here.
 */
const READER_PATTERNS = ['similarity', 'signature:%', 'kpi_facts:%'];

/**
 * Records that `kind` has caught up to `latest` (never moving a mark back, when two instances refresh at
 * once), then drops log entries every derived index has read.
 */
export async function markCaughtUp(db: Kysely<Database>, kind: string, latest: number): Promise<void> {
  const tdb = db.withTables<ChangeTables>();
  await tdb
    .insertInto('derived_index_marks')
    .values({ kind, seq: latest })
    .onConflict((oc) =>
      oc
        .column('kind')
        .doUpdateSet({ seq: (eb) => eb.ref('excluded.seq') })
        .where('derived_index_marks.seq', '<', sql<number>`excluded.seq`),
    )
    .execute();
  await pruneReadChanges(db);
}

/**
 * Drops the log entries every derived index reading this log has read: up to the lowest of their marks, so a
 * mark left behind (a kind nothing refreshes any more) holds the log back (see derived-data.ts). Nothing is
 * dropped while the similarity index, the signatures or the KPI facts have no mark at all: such a reader is built
 * from scratch, reads the log from where its build started, and needs the entries written during the build.
 */
export async function pruneReadChanges(db: Kysely<Database>): Promise<void> {
  await db
    .withTables<ChangeTables>()
    .deleteFrom('derived_index_changes')
    .where('seq', '<=', (eb) =>
      eb
        .selectFrom('derived_index_marks')
        .select((e) => e.fn.min('seq').as('m'))
        .where('kind', 'not in', OTHER_LOG_KINDS),
    )
    .where((eb) =>
      eb.and(
        READER_PATTERNS.map((pattern) =>
          eb.exists(eb.selectFrom('derived_index_marks').select('kind').where('kind', 'like', pattern)),
        ),
      ),
    )
    .execute();
}
