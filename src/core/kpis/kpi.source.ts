import { z } from 'zod';
import type { Actor } from '../shared/actor.js';
import { invalid } from '../shared/errors.js';
import { Instant, Severity } from '../shared/vocabulary.js';

/**
 * Which incidents a KPI covers: a half-open period [from, to) plus optional filters. Restricted incidents
 * are counted for every viewer, since aggregates reveal no title or detail and leaving them out would make
 * the organisation's figures depend on who looks; `viewer` limits only what a report lists by name (the trend report's repeat signatures).
 */
export const KpiScopeInput = z
  .object({
    from: Instant,
    to: Instant,
    team_ids: z.array(z.string().min(1)).optional(),
    services: z.array(z.string().min(1)).optional(),
    severities: z.array(Severity).optional(),
  })
  .refine((s) => s.from < s.to, { message: 'from must be before to', path: ['to'] });
export type KpiScopeInput = z.infer<typeof KpiScopeInput>;

export interface KpiScope extends KpiScopeInput {
  viewer?: Actor;
}

/** A ratio's inputs. `excluded` rows are outside both sides and are reported, never silently dropped. */
export interface RatioInput {
  numerator: number;
  denominator: number;
  excluded: number;
}

/**
 * A duration aggregate computed in the store: n values, their median and p90 by linear interpolation (see
 * stats.ts), and how many rows of the cohort lacked a timestamp needed for the duration.
 */
export interface DurationAggregate {
  n: number;
  median: number | null;
  p90: number | null;
  missing: number;
}

export interface RatingAggregate {
  n: number;
  mean: number | null;
}

/** Which duration: the unit is minutes for all but time_to_review (business days). */
export type DurationKpi = 'time_to_review' | 'mttd' | 'mttc' | 'time_to_acknowledge' | 'time_to_recover';

/**
 * The aggregates the KPIs need, implemented by src/storage with SQL (COUNT, percentile) so nothing is loaded
 * row by row. Every method applies the scope's filters and visibility; the cohort of each method is stated
 * on it and in the KPI's definition text.
 */
export interface KpiSource {
  /** Resolved in [from, to): numerator = with a published review, denominator = needing review, excluded = no-review kinds. */
  reviewCompletion(scope: KpiScope): Promise<RatioInput>;
  /** Due in [from, to): numerator = verified on or before the due date, denominator = due, excluded = won't-do. */
  actionImplementation(scope: KpiScope): Promise<RatioInput>;
  /** Reviews published in [from, to): numerator = with ≥1 contributing factor, denominator = published. */
  rootCauseIdentification(scope: KpiScope): Promise<RatioInput>;
  /** Declared in [from, to): numerator = recurring an earlier incident (signature or confirmed link). */
  repeatIncidents(scope: KpiScope): Promise<RatioInput>;
  /** Participant effectiveness ratings (1–10) on reviews published in [from, to). */
  improvementRatings(scope: KpiScope): Promise<RatingAggregate>;
  /**
   * Duration aggregates. time_to_review: business days by `businessDaysBetween` of src/core/calendar on the
   * working calendar (a store can persist that span when the review is published and aggregate the column),
   * cohort as reviewCompletion, missing = review not yet published. Others: minutes over incidents declared in
   * [from, to); mttd starts at first_indicator for security incidents (attack_vector set) and at
   * impact_started otherwise.
   */
  duration(kpi: DurationKpi, scope: KpiScope): Promise<DurationAggregate>;
  /** Incidents declared in [from, to) per severity; a severity with no incidents may be absent or 0. */
  severityCounts(scope: KpiScope): Promise<Partial<Record<Severity, number>>>;
}

/** Throws `kpi_scope_invalid` unless the period is non-empty; stores may assume from < to. */
export function assertScope(scope: KpiScope): void {
  if (!(Date.parse(scope.from) < Date.parse(scope.to))) {
    throw invalid(
      'kpi_scope_invalid',
      `KPI period must end after it starts (from ${scope.from}, to ${scope.to})`,
      [{ path: 'to', problem: 'must be after from' }],
    );
  }
}

/**
 * The period of equal length just before a scope, with the same filters and viewer: the default comparison
 * for trends. `{ from: 2024-04-01, to: 2024-07-01 }` → `{ from: 2024-01-01, to: 2024-04-01 }` (91 days back).
 */
export function previousPeriodOf(scope: KpiScope): KpiScope {
  assertScope(scope);
  const from = Date.parse(scope.from);
  const length = Date.parse(scope.to) - from;
  return { ...scope, from: new Date(from - length).toISOString(), to: new Date(from).toISOString() };
}
