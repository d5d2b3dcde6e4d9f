import { sql, SqliteAdapter, type Kysely } from 'kysely';

/*
 * Frozen: the repeat-incident KPI from kpi_incident_facts as well. Whether an incident recurs an earlier one
 * was decided per incident at read time (a confirmed link, or an earlier incident with its signature that no
 * rejected link rules out): 0.8 s (SQLite) and 1.4 s (PostgreSQL) per 90 days at 1M incidents.
 * - kpi_incident_facts.is_repeat, and the declared-date index rebuilt to carry it.
 * - kpi_fact_signatures: the signatures (and occurred instant) each incident's facts were derived with, so a
 *   refresh knows which incidents an incident's change can affect: those later than it in its old and new
 *   signature groups.
 * - recurrence_links joins the change log: a reviewer's decision changes the incident's repeat status.
 * The facts' mark is dropped: the next KPI read derives every incident again, with is_repeat.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('kpi_incident_facts')
    .addColumn('is_repeat', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.dropIndex('kpi_facts_declared_idx').execute();
  await db.schema
    .createIndex('kpi_facts_declared_idx')
    .on('kpi_incident_facts')
    .columns([
      'declared_ms',
      'severity',
      'team',
      'is_repeat',
      'mttd',
      'mttc',
      'time_to_acknowledge',
      'time_to_recover',
    ])
    .execute();
  await db.schema
    .createTable('kpi_fact_signatures')
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('occurred_ms', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('kpi_fact_signatures_pk', ['incident_id', 'signature'])
    .execute();
  await db.schema
    .createIndex('kpi_fact_signatures_signature_idx')
    .on('kpi_fact_signatures')
    .columns(['signature', 'occurred_ms'])
    .execute();
  await db.deleteFrom('derived_index_marks').where('kind', '=', 'kpi_facts').execute();
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    for (const [event, row] of [
      ['insert', 'new'],
      ['update', 'new'],
      ['delete', 'old'],
    ] as const) {
      await sql
        .raw(
          `create trigger recurrence_links_changed_${event} after ${event} on recurrence_links begin ` +
            `insert into derived_index_changes (incident_id) values (${row}.incident_id); end`,
        )
        .execute(db);
    }
  } else {
    // derived_index_changed() of 0010 logs NEW.incident_id, or OLD.incident_id on delete.
    await sql
      .raw(
        `create constraint trigger recurrence_links_changed after insert or update or delete on recurrence_links ` +
          `deferrable initially deferred for each row execute function derived_index_changed()`,
      )
      .execute(db);
  }
}

export function down(): Promise<void> {
  return Promise.reject(new Error('this migration cannot be reverted; restore a backup instead'));
}
