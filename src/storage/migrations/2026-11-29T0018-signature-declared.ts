import { sql, type Kysely } from 'kysely';

/*
 * Frozen: each signature row carries its incident's declared instant, so the trend report can list a repeat
 * signature's first incidents of the period (at most 20 per signature, those the viewer may see) from one index
 * range per signature. Listed from every incident of the listed signatures in the period, sorted, a 90-day report
 * for a member took 395 ms at 100k incidents on SQLite, growing with the store.
 * - incident_signatures.declared_ms, filled from the incidents here and written with every signature after.
 * - incident_signatures_declared_idx (fields key, signature, declared instant, incident).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('incident_signatures').addColumn('declared_ms', 'bigint').execute();
  await sql`update incident_signatures set declared_ms = (
      select i.declared_ms from incidents i where i.id = incident_signatures.incident_id)`.execute(db);
  await db.schema
    .createIndex('incident_signatures_declared_idx')
    .on('incident_signatures')
    .columns(['fields_key', 'signature', 'declared_ms', 'incident_id'])
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('this migration cannot be reverted; restore a backup instead'));
}
