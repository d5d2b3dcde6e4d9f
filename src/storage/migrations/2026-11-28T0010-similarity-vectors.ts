import { sql, SqliteAdapter, type Kysely } from 'kysely';

/*
 * Frozen: what a similar-incident lookup reads, precomputed on refresh instead of derived per query.
 * - similarity_vectors: one row per indexed incident with its stemmed terms and weighted frequencies
 *   ("term tf term tf …"), normalised services and factor categories (JSON), and when it occurred, so scoring
 *   reads one narrow row per candidate instead of the incident, its review and factors, and re-tokenising.
 * - similarity_services: normalised service → incident postings (the lower(trim()) of incident_services could
 *   not use an index, so every lookup scanned that table).
 * - similarity_stats: document frequency of every term, the postings count of every service
 *   ("service:<name>") and the number of indexed documents ("#documents"), kept exact by the refresh that
 *   writes the rows they count, so IDF needs a key lookup rather than counting postings.
 * - derived_index_changes: which incidents changed, in commit order (triggers on incidents and reviews), and
 *   derived_index_marks: how far each derived index has read it. "Is the index current?" becomes a key
 *   lookup instead of a join over every incident, and a refresh re-derives only the incidents that changed.
 *   PostgreSQL numbers the changes with a counter row updated by a deferred (commit-time) trigger, so
 *   numbers become visible in order and the row is locked only while a transaction commits.
 * The similarity index is derived data: it is cleared here and rebuilt, with its new tables, on next refresh.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('similarity_vectors')
    .addColumn('incident_id', 'text', (c) => c.primaryKey().references('incidents.id').onDelete('cascade'))
    .addColumn('occurred_ms', 'bigint', (c) => c.notNull())
    .addColumn('terms', 'text', (c) => c.notNull())
    .addColumn('services', 'text', (c) => c.notNull())
    .addColumn('factor_categories', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('similarity_services')
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('similarity_services_pk', ['service', 'incident_id'])
    .execute();
  await db.schema
    .createIndex('similarity_services_incident_idx')
    .on('similarity_services')
    .column('incident_id')
    .execute();
  await db.schema
    .createTable('similarity_stats')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('n', 'bigint', (c) => c.notNull())
    .execute();
  await db.deleteFrom('similarity_terms').execute();
  await db.deleteFrom('derived_index_state').where('kind', '=', 'similarity').execute();

  await db.schema
    .createTable('derived_index_marks')
    .addColumn('kind', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .execute();
  if (db.getExecutor().adapter instanceof SqliteAdapter) await sqliteChanges(db);
  else await postgresChanges(db);
}

// One writer at a time: rowid order is commit order.
async function sqliteChanges(db: Kysely<any>): Promise<void> {
  await sql`create table derived_index_changes (seq integer primary key autoincrement, incident_id text not null)`.execute(
    db,
  );
  const log = (name: string, event: string, table: string, id: string) =>
    sql
      .raw(
        `create trigger ${name} after ${event} on ${table} begin ` +
          `insert into derived_index_changes (incident_id) values (${id}); end`,
      )
      .execute(db);
  await log('incidents_changed_insert', 'insert', 'incidents', 'new.id');
  await log('incidents_changed_update', 'update', 'incidents', 'new.id');
  await log('reviews_changed_insert', 'insert', 'reviews', 'new.incident_id');
  await log('reviews_changed_update', 'update', 'reviews', 'new.incident_id');
  await log('reviews_changed_delete', 'delete', 'reviews', 'old.incident_id');
}

async function postgresChanges(db: Kysely<any>): Promise<void> {
  await sql`create table derived_index_changes (seq bigint primary key, incident_id text not null)`.execute(
    db,
  );
  await sql`create table derived_index_counter (id integer primary key, seq bigint not null)`.execute(db);
  await sql`insert into derived_index_counter (id, seq) values (1, 0)`.execute(db);
  await sql
    .raw(
      `create function derived_index_changed() returns trigger language plpgsql as $$
       declare next_seq bigint;
       begin
         update derived_index_counter set seq = seq + 1 where id = 1 returning seq into next_seq;
         if TG_TABLE_NAME = 'incidents' then
           insert into derived_index_changes (seq, incident_id) values (next_seq, NEW.id);
         elsif TG_OP = 'DELETE' then
           insert into derived_index_changes (seq, incident_id) values (next_seq, OLD.incident_id);
         else
           insert into derived_index_changes (seq, incident_id) values (next_seq, NEW.incident_id);
         end if;
         return null;
       end $$`,
    )
    .execute(db);
  for (const [name, events, table] of [
    ['incidents_changed', 'insert or update', 'incidents'],
    ['reviews_changed', 'insert or update or delete', 'reviews'],
  ] as const) {
    await sql
      .raw(
        `create constraint trigger ${name} after ${events} on ${table} ` +
          `deferrable initially deferred for each row execute function derived_index_changed()`,
      )
      .execute(db);
  }
}

export function down(): Promise<void> {
  return Promise.reject(new Error('this migration cannot be reverted; restore a backup instead'));
}
