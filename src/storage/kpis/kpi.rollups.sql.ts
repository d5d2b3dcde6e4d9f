import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../schema.js';

/** Milliseconds per UTC day: rollup rows are keyed by whole days since the epoch. */
export const DAY_MS = 86_400_000;
/** The span of a rollup block: a percentile over a year reads 11 blocks and at most 62 single days. */
export const BLOCK_DAYS = 32;

/** The durations with a bucket column and rollup rows (migration 0016), and the date their cohort is dated by. */
export const DURATION_COHORTS = {
  time_to_review: 'resolved_ms',
  mttd: 'declared_ms',
  mttc: 'declared_ms',
  time_to_acknowledge: 'declared_ms',
  time_to_recover: 'declared_ms',
} as const;
export type RolledDuration = keyof typeof DURATION_COHORTS;
export const ROLLED_DURATIONS = Object.keys(DURATION_COHORTS) as RolledDuration[];

/** Time to review counts only incidents that need a review; the declared durations count every incident. */
export function cohortFilter(duration: RolledDuration, alias: string): RawBuilder<boolean> {
  return duration === 'time_to_review'
    ? sql<boolean>`${sql.ref(`${alias}.needs_review`)} = 1`
    : sql<boolean>`1 = 1`;
}

/** The bucket (kpi_value_buckets) a duration value falls into; null for a missing value. */
export function bucketOf(value: RawBuilder<unknown>): RawBuilder<number | null> {
  return sql<number | null>`(select b.bucket from kpi_value_buckets b where b.lower_bound <= ${value}
    order by b.lower_bound desc limit 1)`;
}

const dayOf = (column: string) => sql`${sql.ref(`f.${column}`)} / ${sql.lit(DAY_MS)}`;

/**
 * Adds (`sign` 1) or subtracts (-1) the contribution of the kpi_incident_facts rows `which` selects (over alias
 * `f`) to kpi_fact_days and kpi_duration_days. A refresh subtracts the rows it is about to derive again and adds
 * them once derived, in one transaction under the refresh lock, so the rollups always equal the facts.
 * Rows that reach zero stay (a zero adds nothing to a sum); there is at most one per day, severity and bucket.
 */
export async function applyRollupDelta(
  db: Kysely<Database>,
  which: RawBuilder<boolean>,
  sign: 1 | -1,
): Promise<void> {
  const s = sql.lit(sign);
  await sql`insert into kpi_fact_days (day, severity, declared_n, declared_repeat, resolved_n,
      resolved_needs_review, resolved_review_published, published_n, published_has_factor,
      published_rating_n, published_rating_sum)
    select c.day, c.severity, ${s} * sum(c.declared_n), ${s} * sum(c.declared_repeat), ${s} * sum(c.resolved_n),
      ${s} * sum(c.resolved_needs_review), ${s} * sum(c.resolved_review_published), ${s} * sum(c.published_n),
      ${s} * sum(c.published_has_factor), ${s} * sum(c.published_rating_n), ${s} * sum(c.published_rating_sum)
    from (
      select ${dayOf('declared_ms')} as day, f.severity, 1 as declared_n, f.is_repeat as declared_repeat,
        0 as resolved_n, 0 as resolved_needs_review, 0 as resolved_review_published, 0 as published_n,
        0 as published_has_factor, 0 as published_rating_n, 0 as published_rating_sum
      from kpi_incident_facts f where f.declared_ms is not null and ${which}
      union all
      select ${dayOf('resolved_ms')}, f.severity, 0, 0, 1, f.needs_review, f.needs_review * f.review_published,
        0, 0, 0, 0
      from kpi_incident_facts f where f.resolved_ms is not null and ${which}
      union all
      select ${dayOf('published_ms')}, f.severity, 0, 0, 0, 0, 0, 1, f.has_factor, f.rating_n, f.rating_sum
      from kpi_incident_facts f where f.published_ms is not null and ${which}
    ) c where 1 = 1
    group by c.day, c.severity
    on conflict (day, severity) do update set
      declared_n = kpi_fact_days.declared_n + excluded.declared_n,
      declared_repeat = kpi_fact_days.declared_repeat + excluded.declared_repeat,
      resolved_n = kpi_fact_days.resolved_n + excluded.resolved_n,
      resolved_needs_review = kpi_fact_days.resolved_needs_review + excluded.resolved_needs_review,
      resolved_review_published = kpi_fact_days.resolved_review_published + excluded.resolved_review_published,
      published_n = kpi_fact_days.published_n + excluded.published_n,
      published_has_factor = kpi_fact_days.published_has_factor + excluded.published_has_factor,
      published_rating_n = kpi_fact_days.published_rating_n + excluded.published_rating_n,
      published_rating_sum = kpi_fact_days.published_rating_sum + excluded.published_rating_sum`.execute(db);

  const perDuration = ROLLED_DURATIONS.map(
    (duration) => sql`select ${sql.lit(duration)} as duration, ${dayOf(DURATION_COHORTS[duration])} as day,
        coalesce(${sql.ref(`f.${duration}_bucket`)}, -1) as bucket
      from kpi_incident_facts f
      where ${sql.ref(`f.${DURATION_COHORTS[duration]}`)} is not null and ${cohortFilter(duration, 'f')}
        and ${which}`,
  );
  const firstDay = sql`(c.day / s.span) * s.span`;
  await sql`insert into kpi_duration_days (duration, span, first_day, bucket, n)
    select c.duration, s.span, ${firstDay}, c.bucket, ${s} * count(*)
    from (${sql.join(perDuration, sql` union all `)}) c
      cross join (select 1 as span union all select ${sql.lit(BLOCK_DAYS)}) s
    where 1 = 1
    group by c.duration, s.span, ${firstDay}, c.bucket
    on conflict (duration, span, first_day, bucket) do update set n = kpi_duration_days.n + excluded.n`.execute(
    db,
  );
}
