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
  DECLARED_DURATIONS,
  declaredDurationAggregates,
  durationAggregate,
  type DeclaredDuration,
} from './kpi.percentile.sql.js';
import {
  factDaySums,
  rolledDurationAggregates,
  severityDayCounts,
  wholeDaysOf,
  type WholeDays,
} from './kpi.rollup-reads.sql.js';
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
 * KPI aggregates in SQL on either store, brought up to date from the change log first. An unfiltered period
 * (or one filtered by severity, for the counts) reads the day rollups of migration 0016 for its whole UTC days
 * and kpi_incident_facts for the partial days at its ends; a team or service filter reads the facts alone, one
 * range of a covering index per KPI (see kpi.facts.sql.ts). Action implementation is the actions module's
 * (per-day counts, see ActionAggregates).
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
    return overDays(scope, true, addRatios, this.factsReviewCompletion, async (days) => {
      const sums = await factDaySums(
        this.db,
        days,
        ['resolved_n', 'resolved_needs_review', 'resolved_review_published'],
        scope.severities,
      );
      return {
        numerator: sums.resolved_review_published,
        denominator: sums.resolved_needs_review,
        excluded: sums.resolved_n - sums.resolved_needs_review,
      };
    });
  }

  private readonly factsReviewCompletion = async (scope: KpiScope): Promise<RatioInput> => {
    const { rows } = await sql<Counts>`select sum(1 - f.needs_review) as excluded,
        sum(f.needs_review) as denominator, sum(f.needs_review * f.review_published) as numerator
      from kpi_incident_facts f where ${factsIn(scope, 'resolved_ms')}`.execute(this.db);
    return ratio(rows[0]);
  };

  actionImplementation(scope: KpiScope): Promise<RatioInput> {
    return this.actions.actionImplementation(scope);
  }

  async rootCauseIdentification(scope: KpiScope): Promise<RatioInput> {
    await this.facts.refresh();
    return overDays(scope, true, addRatios, this.factsRootCause, async (days) => {
      const sums = await factDaySums(
        this.db,
        days,
        ['published_n', 'published_has_factor'],
        scope.severities,
      );
      return { numerator: sums.published_has_factor, denominator: sums.published_n, excluded: 0 };
    });
  }

  private readonly factsRootCause = async (scope: KpiScope): Promise<RatioInput> => {
    const { rows } = await sql<Counts>`select count(*) as denominator, 0 as excluded,
        sum(f.has_factor) as numerator
      from kpi_incident_facts f where ${factsIn(scope, 'published_ms')}`.execute(this.db);
    return ratio(rows[0]);
  };

  /**
   * Incidents declared in the period that recur an earlier one: a reviewer confirmed the link, or an earlier
   * incident shares a signature and no reviewer rejected that pair (derived per incident into the facts).
   */
  async repeatIncidents(scope: KpiScope): Promise<RatioInput> {
    await this.facts.refresh();
    return overDays(scope, true, addRatios, this.factsRepeats, async (days) => {
      const sums = await factDaySums(this.db, days, ['declared_n', 'declared_repeat'], scope.severities);
      return { numerator: sums.declared_repeat, denominator: sums.declared_n, excluded: 0 };
    });
  }

  private readonly factsRepeats = async (scope: KpiScope): Promise<RatioInput> => {
    const { rows } = await sql<Counts>`select count(*) as denominator, 0 as excluded,
        sum(f.is_repeat) as numerator
      from kpi_incident_facts f where ${factsIn(scope, 'declared_ms')}`.execute(this.db);
    return ratio(rows[0]);
  };

  /** Improvement ratings (1–10) of participants on incidents whose review was published in the period. */
  async improvementRatings(scope: KpiScope): Promise<RatingAggregate> {
    await this.facts.refresh();
    const { n, total } = await overDays(scope, true, addRatings, this.factsRatings, async (days) => {
      const sums = await factDaySums(
        this.db,
        days,
        ['published_rating_n', 'published_rating_sum'],
        scope.severities,
      );
      return { n: sums.published_rating_n, total: sums.published_rating_sum };
    });
    return { n, mean: n === 0 ? null : total / n };
  }

  private readonly factsRatings = async (scope: KpiScope): Promise<RatingSums> => {
    const { rows } = await sql<{ n: number | string | null; total: number | string | null }>`
      select sum(f.rating_n) as n, sum(f.rating_sum) as total
      from kpi_incident_facts f where ${factsIn(scope, 'published_ms')}`.execute(this.db);
    return { n: Number(rows[0]?.n ?? 0), total: Number(rows[0]?.total ?? 0) };
  };

  /**
   * Time to review from its own cohort; the four declared-cohort durations asked together share one read. An
   * unfiltered period reads the day rollups; a filtered one every value of its cohort.
   */
  async duration(kpi: DurationKpi, scope: KpiScope): Promise<DurationAggregate> {
    await this.facts.refresh();
    const days = wholeDaysOf(scope, { severities: false });
    if (kpi === 'time_to_review') {
      if (days) return (await rolledDurationAggregates(this.db, this.kind, [kpi], days))[kpi];
      return durationAggregate(
        this.db,
        this.kind,
        sql`select f.time_to_review as v from kpi_incident_facts f
          where ${factsIn(scope, 'resolved_ms')} and f.needs_review = 1`,
      );
    }
    const key = JSON.stringify([scope.from, scope.to, scope.team_ids, scope.services, scope.severities]);
    const all = await this.declaredDurations.load(key, () =>
      days
        ? rolledDurationAggregates(this.db, this.kind, DECLARED_DURATIONS, days)
        : declaredDurationAggregates(this.db, this.kind, factsIn(scope, 'declared_ms')),
    );
    return all[kpi];
  }

  async severityCounts(scope: KpiScope): Promise<Partial<Record<Severity, number>>> {
    await this.facts.refresh();
    const counts = await overDays(scope, true, addCounts, this.factsSeverities, async (days) => {
      const bySeverity = await severityDayCounts(this.db, days);
      const wanted =
        scope.severities && scope.severities.length > 0 ? new Set<string>(scope.severities) : null;
      return Object.fromEntries([...bySeverity].filter(([s, n]) => n > 0 && (!wanted || wanted.has(s))));
    });
    return counts;
  }

  private readonly factsSeverities = async (scope: KpiScope): Promise<Record<string, number>> => {
    const { rows } = await sql<{ severity: Severity; n: number | string }>`
      select f.severity as severity, count(*) as n from kpi_incident_facts f
      where ${factsIn(scope, 'declared_ms')} group by f.severity`.execute(this.db);
    return Object.fromEntries(rows.map((r) => [r.severity, Number(r.n)]));
  };
}

interface RatingSums {
  n: number;
  total: number;
}

const addRatios = (a: RatioInput, b: RatioInput): RatioInput => ({
  numerator: a.numerator + b.numerator,
  denominator: a.denominator + b.denominator,
  excluded: a.excluded + b.excluded,
});
const addRatings = (a: RatingSums, b: RatingSums): RatingSums => ({ n: a.n + b.n, total: a.total + b.total });
const addCounts = (a: Record<string, number>, b: Record<string, number>): Record<string, number> => {
  const out = { ...a };
  for (const [key, n] of Object.entries(b)) out[key] = (out[key] ?? 0) + n;
  return out;
};

/**
 * An aggregate over the period: from the day rollups for its whole days plus the facts for its partial edge
 * days, or from the facts alone when the rollups cannot answer (a team or service filter, no whole day).
 */
async function overDays<T>(
  scope: KpiScope,
  severities: boolean,
  add: (a: T, b: T) => T,
  fromFacts: (scope: KpiScope) => Promise<T>,
  fromDays: (days: WholeDays) => Promise<T>,
): Promise<T> {
  const days = wholeDaysOf(scope, { severities });
  if (!days) return fromFacts(scope);
  let total: T = await fromDays(days);
  for (const edge of days.edges) total = add(total, await fromFacts(edge));
  return total;
}

/** The scope over kpi_incident_facts `f`, its period on `column`. */
const factsIn = (scope: KpiScope, column: PeriodColumn) => scopeCondition(scope, 'f', column, 'incident_id');
