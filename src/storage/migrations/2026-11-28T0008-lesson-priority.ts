import type { Kysely } from 'kysely';

/*
 * Frozen: lesson_records.top_priority, the rank of the most urgent lesson in a record (0 Critical, 1 High,
 * 2 Medium, 3 Low, 4 when it has none), so "the lessons that matter" sort in SQL, with an index for that
 * order. Existing rows are filled from their JSON document here, in plain code, without app imports.
 */
const RANKS: Record<string, number> = { Critical: 0, High: 1, Medium: 2, Low: 3 };
const NONE = 4;

function topRank(document: string): number {
  const parsed = JSON.parse(document) as { lessons_learned?: { priority?: unknown }[] };
  let best = NONE;
  for (const lesson of parsed.lessons_learned ?? []) {
    const rank = typeof lesson.priority === 'string' ? RANKS[lesson.priority] : undefined;
    if (rank !== undefined && rank < best) best = rank;
  }
  return best;
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('lesson_records')
    .addColumn('top_priority', 'integer', (c) => c.notNull().defaultTo(NONE))
    .execute();
  const rows = (await db.selectFrom('lesson_records').select(['incident_id', 'document']).execute()) as {
    incident_id: string;
    document: string;
  }[];
  for (const row of rows) {
    const rank = topRank(row.document);
    if (rank === NONE) continue;
    await db
      .updateTable('lesson_records')
      .set({ top_priority: rank })
      .where('incident_id', '=', row.incident_id)
      .execute();
  }
  await db.schema
    .createIndex('lesson_records_priority_date_idx')
    .on('lesson_records')
    .columns(['top_priority', 'date'])
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('this migration cannot be reverted; restore a backup instead'));
}
