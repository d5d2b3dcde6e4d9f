import type { Kysely } from 'kysely';

/*
 * Frozen: the incident list is filtered by facets with a handful of values (status, severity, kind, category,
 * team) and ordered by creation, newest first. With only a one-column index (or none) on a facet, SQLite, which
 * keeps no statistics, read every incident of that value and sorted them for each page: 118 ms for a page of
 * Medium incidents at 100k (docs/PERFORMANCE.md). An index on (facet, created_at_ms, id) is read in the page's
 * order and stops after the page.
 * - incidents_<facet>_created_idx on incidents (<facet>, created_at_ms, id), for each facet.
 */
const FACETS = ['status', 'severity', 'kind', 'category', 'team'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const facet of FACETS) {
    await db.schema
      .createIndex(`incidents_${facet}_created_idx`)
      .on('incidents')
      .columns([facet, 'created_at_ms', 'id'])
      .execute();
  }
}

export function down(): Promise<void> {
  return Promise.reject(new Error('this migration cannot be reverted; restore a backup instead'));
}
