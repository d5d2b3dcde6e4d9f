import { sql, type Kysely, type RawBuilder } from 'kysely';
import type {
  DurationAggregate,
  DurationKpi,
  KpiScope,
  KpiSource,
  RatingAggregate,
  RatioInput,
} from '../../core/kpis/kpi.source.js';
import type { Severity } from '../../core/shared/vocabulary.js';
import { DEFAULT_SIGNATURE_FIELDS, type SignatureField } from '../../core/similarity/signature.js';
import type { StoreKind } from '../database.js';
import { refreshDerivedIndex, signatureKind } from '../repositories/similarity.derived-index.js';
import type { Database } from '../schema.js';
import type { ActionAggregates } from './kpi.actions.sql.js';
import { durationAggregate } from './kpi.percentile.sql.js';
import { noReviewCondition, publishedReviewCondition, scopeCondition } from './kpi.scope.sql.js';

interface Counts {
  numerator: number | string | null;
  denominator: number | string | null;
  excluded: number | string | null;
}

const ratio = (row: Counts | undefined): RatioInput => ({
  numerator: Number(row?.numerator ?? 0),
  denominator: Number(row?.denominator ?? 0),
  excluded: Number(row?.excluded ?? 0),
});

/**
 * KPI aggregates in SQL on either store: every method is one or two aggregate queries (COUNT, SUM, percentile)
 * over the cohort, never a row-by-row read. Restricted incidents are counted like any other; no method
 * returns an incident's id or text. Time to review aggregates the business days the review workflow stores
 * on the review when it is first published (reviews.time_to_review_business_days).
 */
export class SqlKpiSource implements KpiSource {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: StoreKind,
    private readonly actions: ActionAggregates,
    private readonly signatureFields: readonly SignatureField[] = DEFAULT_SIGNATURE_FIELDS,
  ) {}

  async reviewCompletion(scope: KpiScope): Promise<RatioInput> {
    const skip = noReviewCondition('i');
    const { rows } = await sql<Counts>`select
        sum(case when ${skip} then 1 else 0 end) as excluded,
        sum(case when ${skip} then 0 else 1 end) as denominator,
        sum(case when not ${skip} and ${publishedReviewCondition('i')} then 1 else 0 end) as numerator
      from incidents i where ${scopeCondition(scope, 'i', 'resolved_ms')}`.execute(this.db);
    return ratio(rows[0]);
  }

  actionImplementation(scope: KpiScope): Promise<RatioInput> {
    return this.actions.actionImplementation(scope);
  }

  async rootCauseIdentification(scope: KpiScope): Promise<RatioInput> {
    const { rows } = await sql<Counts>`select count(*) as denominator, 0 as excluded,
        sum(case when exists (select 1 from contributing_factors f where f.review_id = r.id) then 1 else 0 end)
          as numerator
      from reviews r inner join incidents i on i.id = r.incident_id
      where r.published_at_ms >= ${Date.parse(scope.from)} and r.published_at_ms < ${Date.parse(scope.to)}
        and ${scopeCondition(scope, 'i', null)}`.execute(this.db);
    return ratio(rows[0]);
  }

  /**
   * Incidents declared in the period that recur an earlier one: a reviewer confirmed the link, or an earlier
   * incident shares a signature and no reviewer rejected that pair. An earlier incident with the signature
   * exists exactly when the incident is later than the signature's first one (an index-only MIN per row, not
   * a self-join of every pair); only an incident with a rejected link of its own needs the pairwise check.
   */
  async repeatIncidents(scope: KpiScope): Promise<RatioInput> {
    const key = signatureKind(this.signatureFields);
    await refreshDerivedIndex(this.db, key, this.signatureFields);
    const { rows } = await sql<Counts>`select count(*) as denominator, 0 as excluded,
        sum(case when exists (
            select 1 from recurrence_links l where l.incident_id = i.id and l.decision = 'confirmed'
          ) or exists (
            select 1 from incident_signatures a
            where a.fields_key = ${key} and a.incident_id = i.id
              and a.occurred_ms > (
                select min(f.occurred_ms) from incident_signatures f
                where f.fields_key = a.fields_key and f.signature = a.signature
              )
              and (not exists (
                  select 1 from recurrence_links x where x.incident_id = a.incident_id and x.decision = 'rejected'
                ) or exists (
                  select 1 from incident_signatures b
                  where b.fields_key = a.fields_key and b.signature = a.signature and b.occurred_ms < a.occurred_ms
                    and not exists (
                      select 1 from recurrence_links x
                      where x.incident_id = a.incident_id and x.recurs_incident_id = b.incident_id
                        and x.decision = 'rejected'
                    )
                ))
          ) then 1 else 0 end) as numerator
      from incidents i where ${scopeCondition(scope, 'i', 'declared_ms')}`.execute(this.db);
    return ratio(rows[0]);
  }

  improvementRatings(scope: KpiScope): Promise<RatingAggregate> {
    return this.actions.improvementRatings(scope);
  }

  duration(kpi: DurationKpi, scope: KpiScope): Promise<DurationAggregate> {
    return durationAggregate(this.db, this.kind, durationCohort(kpi, scope));
  }

  async severityCounts(scope: KpiScope): Promise<Partial<Record<Severity, number>>> {
    const { rows } = await sql<{ severity: Severity; n: number | string }>`
      select i.severity as severity, count(*) as n from incidents i
      where ${scopeCondition(scope, 'i', 'declared_ms')} group by i.severity`.execute(this.db);
    return Object.fromEntries(rows.map((r) => [r.severity, Number(r.n)]));
  }
}

/** One row per incident of the KPI's cohort with its duration `v`, null when a timestamp is missing. */
function durationCohort(kpi: DurationKpi, scope: KpiScope): RawBuilder<unknown> {
  const minutes = (from: RawBuilder<unknown>, to: RawBuilder<unknown>) =>
    // A literal with a decimal point, so PostgreSQL divides bigints as numeric, not as integers.
    sql`(${to} - ${from}) / 60000.0`;
  const col = (c: string) => sql.ref(`i.${c}`);
  const declared = scopeCondition(scope, 'i', 'declared_ms');
  switch (kpi) {
    case 'time_to_review':
      // The published reviews filed under the incident or covering it. Two indexed lookups joined by UNION
      // ALL; an OR of the two conditions made both stores scan every review for every incident.
      return sql`select (select min(t.v) from (
            select r.time_to_review_business_days as v from reviews r
            where r.incident_id = i.id and r.published_at_ms is not null
            union all
            select r.time_to_review_business_days as v from review_incidents ri
              inner join reviews r on r.id = ri.review_id
            where ri.incident_id = i.id and r.published_at_ms is not null
          ) t) as v
        from incidents i where ${scopeCondition(scope, 'i', 'resolved_ms')} and not ${noReviewCondition('i')}`;
    case 'mttd':
      return sql`select ${minutes(
        sql`case when i.attack_vector is not null then i.first_indicator_ms else i.impact_started_ms end`,
        col('detected_ms'),
      )} as v from incidents i where ${declared}`;
    case 'mttc':
      return sql`select ${minutes(col('detected_ms'), col('contained_ms'))} as v from incidents i where ${declared}`;
    case 'time_to_acknowledge':
      return sql`select ${minutes(col('detected_ms'), col('acknowledged_ms'))} as v from incidents i where ${declared}`;
    case 'time_to_recover':
      return sql`select ${minutes(col('impact_started_ms'), col('recovered_ms'))} as v from incidents i where ${declared}`;
  }
}
