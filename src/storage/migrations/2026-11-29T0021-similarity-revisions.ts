import type { Kysely } from 'kysely';

/*
 * Frozen: each server process answers similar-incident lookups from an in-memory index of the stored vectors
 * (a lookup over 100k incidents read and grouped ~15k postings and joined 2 000 vectors in SQL: 40 ms median
 * on SQLite), and keeps it in step by reading only the vectors written since it last looked.
 * - similarity_vectors.revision: the number of the transaction that wrote the row. A refresh takes it from
 *   similarity_stats['#revision'] first, holding that row until it commits, so numbers become visible in
 *   order: a reader that has seen revision r has seen every row of a lower one. Rows written before this
 *   migration are revision 0, which a new process reads with everything else.
 * - similarity_vectors_revision_idx on (revision, incident_id): "rows after (r, id)" in pages.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('similarity_vectors')
    .addColumn('revision', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('similarity_vectors_revision_idx')
    .on('similarity_vectors')
    .columns(['revision', 'incident_id'])
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('this migration cannot be reverted; restore a backup instead'));
}
