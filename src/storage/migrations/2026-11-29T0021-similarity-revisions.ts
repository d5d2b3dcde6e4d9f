import { sql, SqliteAdapter, type Kysely } from 'kysely';

/*
 * Frozen: each server process answers similar-incident lookups from an in-memory index of the stored vectors
 * (a lookup over 100k incidents read and grouped ~15k postings and joined 2 000 vectors in SQL: 40 ms median
 * on SQLite), and keeps it in step by reading only the vectors written since it last looked.
 * - similarity_vectors.revision: the number of the transaction that wrote the row. A refresh takes it from
 *   similarity_stats['#revision'] first, holding that row until it commits, so numbers become visible in
 *   order: a reader that has seen revision r has seen every row of a lower one. Rows written before this
 *   migration are revision 0, which a new process reads with everything else.
 * - similarity_vectors_revision_idx on (revision, incident_id): "rows after (r, id)" in pages.
 * - A trigger numbers rows inserted without a revision, as a version before this one still running beside a
 *   newer one during a rolling upgrade writes them, the same way (so no process misses them).
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
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await sql`create trigger similarity_vectors_revision after insert on similarity_vectors
      when new.revision = 0
      begin
        insert or ignore into similarity_stats (key, n) values ('#revision', 0);
        update similarity_stats set n = n + 1 where key = '#revision';
        update similarity_vectors set revision = (select n from similarity_stats where key = '#revision')
          where incident_id = new.incident_id;
      end`.execute(db);
    return;
  }
  await sql`create function similarity_vector_revision() returns trigger language plpgsql as $$
    begin
      if new.revision = 0 then
        insert into similarity_stats (key, n) values ('#revision', 1)
          on conflict (key) do update set n = similarity_stats.n + 1
          returning n into new.revision;
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger similarity_vectors_revision before insert on similarity_vectors
    for each row when (new.revision = 0) execute function similarity_vector_revision()`.execute(db);
}

export function down(): Promise<void> {
  return Promise.reject(new Error('this migration cannot be reverted; restore a backup instead'));
}
