import { sql, SqliteAdapter, type Kysely } from 'kysely';

/*
 * Frozen: per-day rollups of kpi_incident_facts, so an unfiltered KPI period reads a few rows per day rather
 * than every incident of the period. Over the facts alone a 90-day dashboard at 1M incidents still read 157k
 * rows per cohort (1.2 s on PostgreSQL, 1.8 s on SQLite), most of it the exact medians and p90s.
 * - kpi_value_buckets: fixed, ordered value ranges that a duration falls into, 2% wide from 1/60 of the unit (one
 *   second for the durations in minutes; time to review is in business days); bucket 0 holds everything below the
 *   first bound, negatives included.
 * - kpi_incident_facts gains each duration's bucket and, per duration, an index (bucket, cohort date, value):
 *   the values of one bucket in a period are one index range.
 * - kpi_fact_days: per UTC day and severity, the counts and sums of the ratio KPIs, by cohort date.
 * - kpi_duration_days: per duration, span (1 day, or a block of 32 days from day 0), first day and bucket, how
 *   many values fall there (bucket -1: the value is missing). A percentile reads the bucket counts of the
 *   period, finds the bucket holding its rank, and sorts only that bucket's values: exact, as before.
 * - kpi_dimension_days: per trend dimension (severity, category, attack vector, service, factor category), span
 *   (a UTC day, an ISO week from its Monday, a calendar month from its first day), first day and key, the
 *   incidents declared then, counted as the trend report counts them. A refresh counts the days its changed
 *   incidents were and are declared on again from the incidents, then their weeks and months from the days.
 * - kpi_signature_days: per signature fields, span (day or 32-day block), first day, signature and stored
 *   service ('' for none), the incidents declared then with that signature: the trend report's repeat
 *   signatures. Recounted with the dimension days.
 * The rollups always equal the contributions of the facts rows (a refresh subtracts a row's old contribution
 * and adds its new one in the same transaction), so the facts start empty here with their mark dropped: the
 * next KPI read (or `hindsight db refresh`) derives every incident again, with buckets and rollups.
 */
const FIRST_BOUND = 1 / 60;
const GROWTH = 1.02;
const LAST_BOUND = 1e7;

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = !(db.getExecutor().adapter instanceof SqliteAdapter);
  const real = sql.raw(postgres ? 'double precision' : 'real');
  await db.schema
    .createTable('kpi_value_buckets')
    .addColumn('bucket', 'integer', (c) => c.primaryKey())
    .addColumn('lower_bound', real, (c) => c.notNull().unique())
    .execute();
  const bounds: { bucket: number; lower_bound: number }[] = [{ bucket: 0, lower_bound: -1e300 }];
  for (let bound = FIRST_BOUND; bound < LAST_BOUND; bound *= GROWTH) {
    bounds.push({ bucket: bounds.length, lower_bound: bound });
  }
  for (let i = 0; i < bounds.length; i += 200) {
    await db
      .insertInto('kpi_value_buckets')
      .values(bounds.slice(i, i + 200))
      .execute();
  }

  await db.deleteFrom('kpi_incident_facts').execute();
  await db.deleteFrom('derived_index_marks').where('kind', 'like', 'kpi_facts%').execute();
  const durations = [
    ['time_to_review', 'resolved_ms', ['needs_review', 'time_to_review']],
    ['mttd', 'declared_ms', ['mttd']],
    ['mttc', 'declared_ms', ['mttc']],
    ['time_to_acknowledge', 'declared_ms', ['time_to_acknowledge']],
    ['time_to_recover', 'declared_ms', ['time_to_recover']],
  ] as const;
  for (const [duration, cohort, carried] of durations) {
    await db.schema.alterTable('kpi_incident_facts').addColumn(`${duration}_bucket`, 'integer').execute();
    await db.schema
      .createIndex(`kpi_facts_${duration}_bucket_idx`)
      .on('kpi_incident_facts')
      .columns([`${duration}_bucket`, cohort, ...carried])
      .execute();
  }

  await db.schema
    .createTable('kpi_fact_days')
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('declared_n', 'bigint', (c) => c.notNull())
    .addColumn('declared_repeat', 'bigint', (c) => c.notNull())
    .addColumn('resolved_n', 'bigint', (c) => c.notNull())
    .addColumn('resolved_needs_review', 'bigint', (c) => c.notNull())
    .addColumn('resolved_review_published', 'bigint', (c) => c.notNull())
    .addColumn('published_n', 'bigint', (c) => c.notNull())
    .addColumn('published_has_factor', 'bigint', (c) => c.notNull())
    .addColumn('published_rating_n', 'bigint', (c) => c.notNull())
    .addColumn('published_rating_sum', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('kpi_fact_days_pk', ['day', 'severity'])
    .execute();
  await db.schema
    .createTable('kpi_duration_days')
    .addColumn('duration', 'text', (c) => c.notNull())
    .addColumn('span', 'integer', (c) => c.notNull())
    .addColumn('first_day', 'integer', (c) => c.notNull())
    .addColumn('bucket', 'integer', (c) => c.notNull())
    .addColumn('n', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('kpi_duration_days_pk', ['duration', 'span', 'first_day', 'bucket'])
    .execute();
  await db.schema
    .createTable('kpi_dimension_days')
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('span', 'text', (c) => c.notNull())
    .addColumn('first_day', 'integer', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('n', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('kpi_dimension_days_pk', ['dimension', 'span', 'first_day', 'key'])
    .execute();
  await db.schema
    .createTable('kpi_signature_days')
    .addColumn('fields_key', 'text', (c) => c.notNull())
    .addColumn('span', 'integer', (c) => c.notNull())
    .addColumn('first_day', 'integer', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('n', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('kpi_signature_days_pk', [
      'fields_key',
      'span',
      'first_day',
      'signature',
      'service',
    ])
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('this migration cannot be reverted; restore a backup instead'));
}
