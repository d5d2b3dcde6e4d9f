import type { Kysely } from 'kysely';

/*
 * Frozen: narrow indexes for the checks and lookups every KPI dashboard and similarity read makes.
 * - incidents (id, version), reviews (incident_id, version) and derived_index_state (kind, incident_id,
 *   incident_version, review_version): the "is the derived index current?" check joins these three over every
 *   incident; with these it reads the indexes only, never the wide incident rows.
 * - review_incidents (incident_id, review_id) replaces the index on incident_id alone, so time to review finds
 *   the reviews covering an incident without reading the table.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('incidents_id_version_idx')
    .on('incidents')
    .columns(['id', 'version'])
    .execute();
  await db.schema
    .createIndex('reviews_incident_version_idx')
    .on('reviews')
    .columns(['incident_id', 'version'])
    .execute();
  await db.schema
    .createIndex('derived_index_state_versions_idx')
    .on('derived_index_state')
    .columns(['kind', 'incident_id', 'incident_version', 'review_version'])
    .execute();
  await db.schema
    .createIndex('review_incidents_incident_review_idx')
    .on('review_incidents')
    .columns(['incident_id', 'review_id'])
    .execute();
  await db.schema.dropIndex('review_incidents_incident_idx').execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('this migration cannot be reverted; restore a backup instead'));
}
