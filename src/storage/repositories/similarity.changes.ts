import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

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
 * re-deriving: a change committed afterwards gets a higher number and is seen next time. With `owner`, the
 * mark counts only while that row of derived_index_marks exists too (the KPI facts' field list, see
 * kpi.facts.owner.sql.ts): else everything is pending.
 */
export async function pendingChanges(db: Kysely<Database>, kind: string, owner?: string): Promise<Pending> {
  const tdb = db.withTables<ChangeTables>();
  const row = await tdb
    .selectNoFrom((eb) => [
      eb
        .selectFrom('derived_index_marks')
        .select('seq')
        .where('kind', '=', kind)
        .$if(owner !== undefined, (q) =>
          q.where((w) =>
            w.exists(
              w
                .selectFrom('derived_index_marks as o')
                .select('o.kind')
                .where('o.kind', '=', owner as string),
            ),
          ),
        )
        .as('mark'),
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
 * The kinds that read this log, by name pattern: the similarity index, the signatures and the KPI facts (one
 * kind per signature field list each). A new reader of the log belongs here. Other rows of derived_index_marks
 * hold no number of this log: the action days and overdue groups keep their own logs (their seq is 0, and an
 * as-of day), and the KPI facts' owner row holds a build number.
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
        .where((e) => e.or(READER_PATTERNS.map((pattern) => e('kind', 'like', pattern)))),
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
