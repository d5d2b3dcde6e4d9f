import { z } from 'zod';
import { SEVERITIES, Severity } from '../shared/vocabulary.js';
import { KPI_DEFINITIONS, KpiId, KpiUnit, type KpiDefinition } from './kpi.catalogue.js';
import { assertScope, type DurationKpi, type KpiScope, type KpiSource } from './kpi.source.js';
import { defaultTargets, evaluateTarget, KpiTarget, type KpiTargets } from './kpi.targets.js';
import { round, trendOf } from './stats.js';

const SeverityCounts = z.record(Severity, z.number().int().nonnegative());

/** One KPI as the API, CLI and UI show it: value with its definition, sample size, target and status. */
export const KpiResult = z.object({
  id: KpiId,
  name: z.string(),
  definition: z.string(),
  /** null when there is no data (n = 0); never a made-up 0. */
  value: z.number().nullable(),
  unit: KpiUnit,
  /** Rows the value is computed from (a ratio's denominator, a duration's count, the number of ratings). */
  n: z.number().int().nonnegative(),
  median: z.number().nullable().optional(),
  p90: z.number().nullable().optional(),
  /** Rows of the cohort lacking a timestamp the KPI needs (durations), reported rather than dropped. */
  missing: z.number().int().nonnegative().optional(),
  /** Rows left out by definition (no-review kinds, won't-do actions). */
  excluded: z.number().int().nonnegative().optional(),
  /** Severity distribution: incidents per severity in this and the previous period. */
  breakdown: SeverityCounts.optional(),
  previous_breakdown: SeverityCounts.optional(),
  target: KpiTarget,
  status: z.enum(['met', 'not_met', 'no_data']),
  trend: z.object({ previous: z.number(), change: z.number(), direction_good: z.boolean() }).optional(),
});
export type KpiResult = z.infer<typeof KpiResult>;

type Measured = Omit<KpiResult, 'target' | 'status' | 'trend'>;

/**
 * Computes every KPI for a scope from the store's aggregates, with status against the targets and, when a
 * previous scope is given (usually `previousPeriodOf(scope)`), the trend versus that period. Throws
 * `kpi_scope_invalid` for an empty or inverted period.
 *
 * @example computeKpis(store, { from: '2024-01-01T00:00:00Z', to: '2024-04-01T00:00:00Z' }, defaultTargets(),
 *   { from: '2023-10-03T00:00:00Z', to: '2024-01-01T00:00:00Z' })
 */
export async function computeKpis(
  source: KpiSource,
  scope: KpiScope,
  targets: KpiTargets = defaultTargets(),
  previousScope?: KpiScope,
): Promise<KpiResult[]> {
  assertScope(scope);
  if (previousScope) assertScope(previousScope);
  const [current, previous] = await Promise.all([
    measureAll(source, scope),
    previousScope ? measureAll(source, previousScope) : Promise.resolve(undefined),
  ]);
  return current.map((measured, index) => {
    const def = KPI_DEFINITIONS[index] as KpiDefinition;
    const before = previous?.[index];
    const trend = before ? trendOf(measured.value, before.value, def.direction) : undefined;
    const target = targets[def.id];
    const result: KpiResult = { ...measured, target, status: evaluateTarget(target, measured.value, trend) };
    if (trend) result.trend = trend;
    if (before?.breakdown) result.previous_breakdown = before.breakdown;
    return result;
  });
}

function measureAll(source: KpiSource, scope: KpiScope): Promise<Measured[]> {
  return Promise.all(KPI_DEFINITIONS.map((def) => measure(source, scope, def)));
}

async function measure(source: KpiSource, scope: KpiScope, def: KpiDefinition): Promise<Measured> {
  const base = { id: def.id, name: def.name, definition: def.definition, unit: def.unit };
  switch (def.id) {
    case 'review_completion_rate':
      return ratio(base, await source.reviewCompletion(scope));
    case 'action_implementation_rate':
      return ratio(base, await source.actionImplementation(scope));
    case 'root_cause_identification_rate':
      return ratio(base, await source.rootCauseIdentification(scope), false);
    case 'repeat_incident_rate':
      return ratio(base, await source.repeatIncidents(scope), false);
    case 'improvement_effectiveness': {
      const r = await source.improvementRatings(scope);
      return { ...base, value: r.n > 0 && r.mean !== null ? round(r.mean, 2) : null, n: r.n };
    }
    case 'time_to_review':
    case 'mttd':
    case 'mttc':
    case 'time_to_acknowledge':
    case 'time_to_recover':
      return duration(base, await source.duration(def.id satisfies DurationKpi, scope));
    case 'severity_distribution':
      return distribution(base, await source.severityCounts(scope));
  }
}

type Base = Pick<Measured, 'id' | 'name' | 'definition' | 'unit'>;

function ratio(
  base: Base,
  input: { numerator: number; denominator: number; excluded: number },
  reportExcluded = true,
): Measured {
  const value = input.denominator > 0 ? round((100 * input.numerator) / input.denominator, 2) : null;
  const out: Measured = { ...base, value, n: input.denominator };
  if (reportExcluded) out.excluded = input.excluded;
  return out;
}

function duration(
  base: Base,
  d: { n: number; median: number | null; p90: number | null; missing: number },
): Measured {
  const median = d.n > 0 && d.median !== null ? round(d.median, 2) : null;
  const p90 = d.n > 0 && d.p90 !== null ? round(d.p90, 2) : null;
  return { ...base, value: median, n: d.n, median, p90, missing: d.missing };
}

function distribution(base: Base, counts: Partial<Record<Severity, number>>): Measured {
  const breakdown = Object.fromEntries(SEVERITIES.map((s) => [s, counts[s] ?? 0])) as Record<
    Severity,
    number
  >;
  const n = SEVERITIES.reduce((sum, s) => sum + breakdown[s], 0);
  const high = breakdown.Critical + breakdown.High;
  return { ...base, value: n > 0 ? round((100 * high) / n, 2) : null, n, breakdown };
}
