import { sql, SqliteAdapter, type Kysely } from 'kysely';

/*
 * Frozen: what the incident KPIs read, one narrow row per incident, derived from the incident, its review,
 * the reviews covering it, its review's contributing factors and its feedback. Each KPI cohort was a scan of
 * incidents with correlated lookups per row (published review? time to review over the own and covering
 * reviews? a factor? the ratings?); at 1M incidents one dashboard took 12.6 s on PostgreSQL and 57 s on
 * SQLite. Over these rows a cohort is one range of a covering index.
 * - kpi_incident_facts: the derived row; durations in minutes (time_to_review in business days), flags 0/1.
 *   It is derived data, rebuilt from the change log of 0010 (the kind 'kpi_facts' has no mark yet, so the
 *   first KPI read after this migration derives every incident).
 * - Three indexes, one per cohort date (declared, resolved, review published), each carrying the columns its
 *   KPIs read, so a cohort never visits the table.
 * - The change log learns the tables the facts read beyond incidents and reviews: review_incidents (a
 *   covering review), contributing_factors (through their review's incident) and feedback.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = !(db.getExecutor().adapter instanceof SqliteAdapter);
  const real = postgres ? 'double precision' : 'real';
  await db.schema
    .createTable('kpi_incident_facts')
    .addColumn('incident_id', 'text', (c) => c.primaryKey().references('incidents.id').onDelete('cascade'))
    .addColumn('team', 'text')
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('declared_ms', 'bigint')
    .addColumn('resolved_ms', 'bigint')
    .addColumn('published_ms', 'bigint')
    .addColumn('needs_review', 'integer', (c) => c.notNull())
    .addColumn('review_published', 'integer', (c) => c.notNull())
    .addColumn('has_factor', 'integer', (c) => c.notNull())
    .addColumn('rating_n', 'integer', (c) => c.notNull())
    .addColumn('rating_sum', 'integer', (c) => c.notNull())
    .addColumn('time_to_review', sql.raw(real))
    .addColumn('mttd', sql.raw(real))
    .addColumn('mttc', sql.raw(real))
    .addColumn('time_to_acknowledge', sql.raw(real))
    .addColumn('time_to_recover', sql.raw(real))
    .execute();
  const index = (name: string, columns: string[]) =>
    db.schema.createIndex(name).on('kpi_incident_facts').columns(columns).execute();
  await index('kpi_facts_declared_idx', [
    'declared_ms',
    'severity',
    'team',
    'mttd',
    'mttc',
    'time_to_acknowledge',
    'time_to_recover',
  ]);
  await index('kpi_facts_resolved_idx', [
    'resolved_ms',
    'needs_review',
    'review_published',
    'time_to_review',
    'severity',
    'team',
  ]);
  await index('kpi_facts_published_idx', [
    'published_ms',
    'has_factor',
    'rating_n',
    'rating_sum',
    'severity',
    'team',
  ]);
  if (postgres) await postgresChanges(db);
  else await sqliteChanges(db);
}

async function sqliteChanges(db: Kysely<any>): Promise<void> {
  const log = (name: string, event: string, table: string, id: string) =>
    sql
      .raw(
        `create trigger ${name} after ${event} on ${table} begin ` +
          `insert into derived_index_changes (incident_id) select ${id}; end`,
      )
      .execute(db);
  await log('review_incidents_changed_insert', 'insert', 'review_incidents', 'new.incident_id');
  await log('review_incidents_changed_delete', 'delete', 'review_incidents', 'old.incident_id');
  const factorIncident = (row: string) => `r.incident_id from reviews r where r.id = ${row}.review_id`;
  await log('factors_changed_insert', 'insert', 'contributing_factors', factorIncident('new'));
  await log('factors_changed_delete', 'delete', 'contributing_factors', factorIncident('old'));
  await log('feedback_changed_insert', 'insert', 'feedback', 'new.incident_id');
  await log('feedback_changed_update', 'update', 'feedback', 'new.incident_id');
  await log('feedback_changed_delete', 'delete', 'feedback', 'old.incident_id');
}

// The counter and its commit-time numbering are those of 0010; a factor names its review, not its incident.
async function postgresChanges(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `create function kpi_facts_changed() returns trigger language plpgsql as $$
       declare next_seq bigint; row_incident text;
       begin
         if TG_TABLE_NAME = 'contributing_factors' then
           select r.incident_id into row_incident from reviews r
             where r.id = (case when TG_OP = 'DELETE' then OLD.review_id else NEW.review_id end);
         elsif TG_OP = 'DELETE' then
           row_incident := OLD.incident_id;
         else
           row_incident := NEW.incident_id;
         end if;
         if row_incident is null then return null; end if;
         update derived_index_counter set seq = seq + 1 where id = 1 returning seq into next_seq;
         insert into derived_index_changes (seq, incident_id) values (next_seq, row_incident);
         return null;
       end $$`,
    )
    .execute(db);
  for (const [name, events, table] of [
    ['review_incidents_changed', 'insert or delete', 'review_incidents'],
    ['factors_changed', 'insert or delete', 'contributing_factors'],
    ['feedback_changed', 'insert or update or delete', 'feedback'],
  ] as const) {
    await sql
      .raw(
        `create constraint trigger ${name} after ${events} on ${table} ` +
          `deferrable initially deferred for each row execute function kpi_facts_changed()`,
      )
      .execute(db);
  }
}

export function down(): Promise<void> {
  return Promise.reject(new Error('this migration cannot be reverted; restore a backup instead'));
}
