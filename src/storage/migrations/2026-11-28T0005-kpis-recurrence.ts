import type { Kysely } from 'kysely';

/*
 * Frozen: KPIs, trends and repeat detection.
 * - recurrence_links: a reviewer's decision that an incident recurs an earlier one (confirmed or rejected).
 * - derived_index_state / similarity_terms / incident_signatures: rows derived from incidents and reviews
 *   (stemmed terms for similarity candidates, signatures for repeat detection), refreshed incrementally by
 *   the stores when an incident's or its review's version changes.
 * - indexes the KPI and trend aggregates filter and join on.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('recurrence_links')
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('recurs_incident_id', 'text', (c) =>
      c.notNull().references('incidents.id').onDelete('cascade'),
    )
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('decided_at_ms', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('recurrence_links_pk', ['incident_id', 'recurs_incident_id'])
    .execute();
  await db.schema
    .createIndex('recurrence_links_earlier_idx')
    .on('recurrence_links')
    .columns(['recurs_incident_id', 'decision'])
    .execute();

  await db.schema
    .createTable('derived_index_state')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('incident_version', 'integer', (c) => c.notNull())
    .addColumn('review_version', 'integer', (c) => c.notNull())
    .addColumn('occurred_ms', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('derived_index_state_pk', ['kind', 'incident_id'])
    .execute();
  await db.schema
    .createIndex('derived_index_state_occurred_idx')
    .on('derived_index_state')
    .columns(['kind', 'occurred_ms'])
    .execute();

  await db.schema
    .createTable('similarity_terms')
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('tf', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('similarity_terms_pk', ['term', 'incident_id'])
    .execute();
  await db.schema
    .createIndex('similarity_terms_incident_idx')
    .on('similarity_terms')
    .column('incident_id')
    .execute();

  await db.schema
    .createTable('incident_signatures')
    .addColumn('fields_key', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('service', 'text')
    .addColumn('occurred_ms', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('incident_signatures_pk', ['fields_key', 'signature', 'incident_id'])
    .execute();
  await db.schema
    .createIndex('incident_signatures_incident_idx')
    .on('incident_signatures')
    .columns(['fields_key', 'incident_id'])
    .execute();
  await db.schema
    .createIndex('incident_signatures_first_idx')
    .on('incident_signatures')
    .columns(['fields_key', 'signature', 'occurred_ms'])
    .execute();

  await db.schema.createIndex('reviews_published_idx').on('reviews').column('published_at_ms').execute();
  await db.schema
    .createIndex('incidents_severity_declared_idx')
    .on('incidents')
    .columns(['severity', 'declared_ms'])
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('this migration cannot be reverted; restore a backup instead'));
}
