/**
 * Small-array statistics for the domain and tests. Large data is aggregated in SQL by src/storage, which must
 * use the same definitions:
 *
 * - percentile: **linear interpolation between closest ranks** (Hyndman & Fan type 7, the method of
 *   PostgreSQL `percentile_cont` and numpy's default). For sorted values x[0..n-1] and p in [0, 1]:
 *   h = (n - 1) * p; result = x[floor(h)] + (h - floor(h)) * (x[ceil(h)] - x[floor(h)]).
 *   SQLite has no percentile function; the store reads the cohort's values and applies
 *   {@link percentileOfSorted} to them sorted.
 * - median is percentile 0.5.
 * - every function returns `null` for an empty array rather than 0, so "no data" is never mistaken for a value.
 */

/** Percentile by linear interpolation (type 7). `p` is a fraction in [0, 1]. */
export function percentile(values: readonly number[], p: number): number | null {
  return percentileOfSorted(
    [...values].sort((a, b) => a - b),
    p,
  );
}

/** {@link percentile} of values already in ascending order (a sorted Float64Array from a store, say). */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number | null {
  const ranks = percentileRanks(sorted.length, p);
  if (!ranks) return null;
  return interpolate(sorted[ranks.lo] as number, sorted[ranks.hi] as number, ranks.weight);
}

/**
 * The two closest ranks (0-based, ascending order) that percentile `p` of `n` values interpolates between, and
 * the weight of the upper one; null when n is 0. For stores that find the values at those ranks without sorting
 * every value.
 */
export function percentileRanks(n: number, p: number): { lo: number; hi: number; weight: number } | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile p must be in [0, 1], got ${p}`);
  if (n === 0) return null;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  return { lo, hi: Math.ceil(h), weight: h - lo };
}

/** The value `weight` of the way from `low` to `high` (the interpolation step of {@link percentileOfSorted}). */
export function interpolate(low: number, high: number, weight: number): number {
  return low + weight * (high - low);
}

/** Median (percentile 0.5); the mean of the two middle values for an even count. */
export function median(values: readonly number[]): number | null {
  return percentile(values, 0.5);
}

/** Arithmetic mean, or null for no values. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Which way is good for a KPI. */
export type Direction = 'higher_is_better' | 'lower_is_better';

export interface Trend {
  previous: number;
  /** current − previous, in the KPI's unit (percentage points for rates). */
  change: number;
  /** True only when the change is strictly in the good direction; no change is not an improvement. */
  direction_good: boolean;
}

/**
 * Compares a value with the previous period's. Returns undefined when either side has no data, so a missing
 * period never reads as a trend.
 *
 * @example trendOf(12, 20, 'lower_is_better') // { previous: 20, change: -8, direction_good: true }
 */
export function trendOf(
  current: number | null,
  previous: number | null,
  direction: Direction,
): Trend | undefined {
  if (current === null || previous === null) return undefined;
  const change = round(current - previous);
  const direction_good = direction === 'higher_is_better' ? change > 0 : change < 0;
  return { previous, change, direction_good };
}

/** Rounds to 4 decimals so computed values compare and print stably (0.1 + 0.2 issues). */
export function round(value: number, decimals = 4): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
