import { sql, type Kysely } from 'kysely';
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
import type { Database } from '../schema.js';
import type { ActionAggregates } from './kpi.actions.sql.js';
import {
  declaredDurationAggregates,
  durationAggregate,
  type DeclaredDuration,
} from './kpi.percentile.sql.js';
import { refreshKpiFacts } from './kpi.facts.sql.js';
import { scopeCondition, type PeriodColumn } from './kpi.scope.sql.js';
import { RefreshQueue } from './refresh-queue.js';
import { SameTurnBatch } from './same-turn-batch.js';

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
 * KPI aggregates in SQL on either store: every method is one aggregate query (COUNT, SUM, percentile) over a
 * range of one of kpi_incident_facts' covering indexes (see kpi.facts.sql.ts), brought up to date from the
 * change log first; action implementation is the actions module's (per-day counts, see ActionAggregates).
 * Restricted incidents are counted like any other; no method returns an incident's id or text.
 */
export class SqlKpiSource implements KpiSource {
  private readonly facts: RefreshQueue;
  private readonly declaredDurations = new SameTurnBatch<Record<DeclaredDuration, DurationAggregate>>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: StoreKind,
    private readonly actions: ActionAggregates,
    private readonly signatureFields: readonly SignatureField[] = DEFAULT_SIGNATURE_FIELDS,
  ) {
    this.facts = new RefreshQueue(() => refreshKpiFacts(db, kind, signatureFields));
  }

  async reviewCompletion(scope: KpiScope): Promise<RatioInput> {
    await this.facts.refresh();
    const { rows } = await sql<Counts>`select sum(1 - f.needs_review) as excluded,
        sum(f.needs_review) as denominator, sum(f.needs_review * f.review_published) as numerator
      from kpi_incident_facts f where ${factsIn(scope, 'resolved_ms')}`.execute(this.db);
    return ratio(rows[0]);
  }

  actionImplementation(scope: KpiScope): Promise<RatioInput> {
    return this.actions.actionImplementation(scope);
  }

  async rootCauseIdentification(scope: KpiScope): Promise<RatioInput> {
    await this.facts.refresh();
    const { rows } = await sql<Counts>`select count(*) as denominator, 0 as excluded,
        sum(f.has_factor) as numerator
      from kpi_incident_facts f where ${factsIn(scope, 'published_ms')}`.execute(this.db);
    return ratio(rows[0]);
  }

  /**
   * Incidents declared in the period that recur an earlier one: a reviewer confirmed the link, or an earlier
   * incident shares a signature and no reviewer rejected that pair (derived per incident into the facts).
   */
  async repeatIncidents(scope: KpiScope): Promise<RatioInput> {
    await this.facts.refresh();
    const { rows } = await sql<Counts>`select count(*) as denominator, 0 as excluded,
        sum(f.is_repeat) as numerator
      from kpi_incident_facts f where ${factsIn(scope, 'declared_ms')}`.execute(this.db);
    return ratio(rows[0]);
  }

  /** Improvement ratings (1–10) of participants on incidents whose review was published in the period. */
  async improvementRatings(scope: KpiScope): Promise<RatingAggregate> {
    await this.facts.refresh();
    const { rows } = await sql<{ n: number | string | null; total: number | string | null }>`
      select sum(f.rating_n) as n, sum(f.rating_sum) as total
      from kpi_incident_facts f where ${factsIn(scope, 'published_ms')}`.execute(this.db);
    const n = Number(rows[0]?.n ?? 0);
    return { n, mean: n === 0 ? null : Number(rows[0]?.total ?? 0) / n };
  }

  /** Time to review from its own cohort; the four declared-cohort durations asked together share one read. */
  async duration(kpi: DurationKpi, scope: KpiScope): Promise<DurationAggregate> {
    await this.facts.refresh();
    if (kpi === 'time_to_review') {
      return durationAggregate(
        this.db,
        this.kind,
        sql`select f.time_to_review as v from kpi_incident_facts f
          where ${factsIn(scope, 'resolved_ms')} and f.needs_review = 1`,
      );
    }
    const key = JSON.stringify([scope.from, scope.to, scope.team_ids, scope.services, scope.severities]);
    const all = await this.declaredDurations.load(key, () =>
      declaredDurationAggregates(this.db, this.kind, factsIn(scope, 'declared_ms')),
    );
    return all[kpi];
  }

  async severityCounts(scope: KpiScope): Promise<Partial<Record<Severity, number>>> {
    await this.facts.refresh();
    const { rows } = await sql<{ severity: Severity; n: number | string }>`
      select f.severity as severity, count(*) as n from kpi_incident_facts f
      where ${factsIn(scope, 'declared_ms')} group by f.severity`.execute(this.db);
    return Object.fromEntries(rows.map((r) => [r.severity, Number(r.n)]));
  }
}

/** The scope over kpi_incident_facts `f`, its period on `column`. */
const factsIn = (scope: KpiScope, column: PeriodColumn) => scopeCondition(scope, 'f', column, 'incident_id');
