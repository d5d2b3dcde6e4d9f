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
  await tdb
    .deleteFrom('derived_index_changes')
    .where('seq', '<=', (eb) => eb.selectFrom('derived_index_marks').select((e) => e.fn.min('seq').as('m')))
    .execute();
}
