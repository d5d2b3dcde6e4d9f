import type { Kysely } from 'kysely';

/*
 * Frozen: evidence from AWS and files, attached to incidents with provenance (issue 7).
 * - evidence_items: one normalised record; (incident_id, source, source_id) is the dedup key, so importing
 *   the same CloudTrail eventID or finding id twice keeps the first copy. raw and provenance are JSON text.
 * - evidence_files: each file a streamed import read (path, SHA-256, size), per incident.
 * - evidence_pins: evidence pinned onto the incident timeline, at most one pin per item.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('evidence_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('time_ms', 'bigint', (c) => c.notNull())
    .addColumn('actor', 'text')
    .addColumn('resource', 'text')
    .addColumn('action', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('severity', 'text')
    .addColumn('severity_normalised', 'text')
    .addColumn('region', 'text')
    .addColumn('account', 'text')
    .addColumn('raw', 'text', (c) => c.notNull())
    .addColumn('provenance', 'text', (c) => c.notNull())
    .addColumn('imported_by', 'text', (c) => c.notNull())
    .addColumn('imported_at_ms', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('evidence_items_source_key', ['incident_id', 'source', 'source_id'])
    .execute();
  await db.schema
    .createIndex('evidence_items_time_idx')
    .on('evidence_items')
    .columns(['incident_id', 'time_ms'])
    .execute();

  await db.schema
    .createTable('evidence_files')
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('imported_by', 'text', (c) => c.notNull())
    .addColumn('imported_at_ms', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('evidence_files_pk', ['incident_id', 'sha256'])
    .execute();

  await db.schema
    .createTable('evidence_pins')
    .addColumn('evidence_id', 'text', (c) =>
      c.primaryKey().references('evidence_items.id').onDelete('cascade'),
    )
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('timeline_event_id', 'text')
    .addColumn('note', 'text')
    .addColumn('pinned_by', 'text', (c) => c.notNull())
    .addColumn('pinned_at_ms', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('evidence_pins_incident_idx')
    .on('evidence_pins')
    .column('incident_id')
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('this migration cannot be reverted; restore a backup instead'));
}
