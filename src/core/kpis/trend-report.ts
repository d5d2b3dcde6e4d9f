import type { Clock } from '../shared/clock.js';
import { DEFAULT_SIGNATURE_FIELDS, type SignatureField } from '../similarity/signature.js';
import type { KpiScope } from './kpi.source.js';
import { extractFindings } from './trend-report.findings.js';
import { TrendOptions, type DimensionRow, type TrendReport } from './trend-report.schema.js';
import {
  TREND_DIMENSIONS,
  type BucketCount,
  type OverdueGroup,
  type RepeatSignature,
  type TrendBucket,
  type TrendDimension,
  type TrendSource,
} from './trend-report.source.js';

const DAY_MS = 86_400_000;

/** Everything a trend report is built from: the store's aggregates for the window and the previous one. */
export interface TrendInput {
  report_date: string;
  window: { from: string; to: string };
  previous_window: { from: string; to: string };
  bucket: TrendBucket;
  total: number;
  previous_total: number;
  current: Record<TrendDimension, BucketCount[]>;
  previous: Record<TrendDimension, BucketCount[]>;
  repeats: RepeatSignature[];
  overdue: OverdueGroup[];
}

/** Pure: turns aggregates into the report (per-dimension comparison, findings, recommendations). */
export function buildTrendReport(input: TrendInput, options: Partial<TrendOptions> = {}): TrendReport {
  const opts = TrendOptions.parse(options);
  const by = Object.fromEntries(
    TREND_DIMENSIONS.map((d) => [d, compare(input.current[d], input.previous[d], opts.min_count)]),
  ) as Record<TrendDimension, DimensionRow[]>;
  const { findings, recommendations } = extractFindings(by, input.repeats, input.overdue, opts);
  const days = spanDays(input.window);
  return {
    report_date: input.report_date,
    analysis_period: `${days} days (${input.window.from.slice(0, 10)} to ${input.window.to.slice(0, 10)}, exclusive)`,
    window: { ...input.window, days },
    previous_window: { ...input.previous_window, days: spanDays(input.previous_window) },
    metrics: {
      total_incidents: input.total,
      previous_total_incidents: input.previous_total,
      bucket: input.bucket,
      by,
      series: input.current,
      repeat_signatures: [...input.repeats].sort(
        (a, b) => b.count - a.count || a.signature.localeCompare(b.signature),
      ),
      overdue_actions: input.overdue,
    },
    key_findings: findings,
    recommendations,
  };
}

export interface GenerateTrendOptions extends Partial<TrendOptions> {
  /** Window length; default 90 days (SEC10-BP08's analysis period). */
  days?: number;
  bucket?: TrendBucket;
  signatureFields?: readonly SignatureField[];
  /** Filters and viewer; the window replaces from/to. */
  scope?: Omit<KpiScope, 'from' | 'to'>;
}

/**
 * Builds the trend report for the `days` ending now (clock) against the equally long window before it,
 * querying the store for aggregates only.
 */
export async function generateTrendReport(
  source: TrendSource,
  clock: Clock,
  options: GenerateTrendOptions = {},
): Promise<TrendReport> {
  const days = options.days ?? 90;
  const now = clock.now();
  const to = now.toISOString();
  const from = new Date(now.getTime() - days * DAY_MS).toISOString();
  const previousFrom = new Date(now.getTime() - 2 * days * DAY_MS).toISOString();
  const bucket = options.bucket ?? 'week';
  const current: KpiScope = { ...options.scope, from, to };
  const previous: KpiScope = { ...options.scope, from: previousFrom, to: from };
  const countsFor = async (scope: KpiScope): Promise<Record<TrendDimension, BucketCount[]>> =>
    Object.fromEntries(
      await Promise.all(
        TREND_DIMENSIONS.map(async (d) => [d, await source.countsBy(d, bucket, scope)] as const),
      ),
    ) as Record<TrendDimension, BucketCount[]>;
  const [total, previousTotal, currentCounts, previousCounts, repeats, overdue] = await Promise.all([
    source.incidentCount(current),
    source.incidentCount(previous),
    countsFor(current),
    countsFor(previous),
    source.repeatSignatures(current, options.signatureFields ?? DEFAULT_SIGNATURE_FIELDS),
    source.overdueActions(current, to),
  ]);
  return buildTrendReport(
    {
      report_date: to,
      window: { from, to },
      previous_window: { from: previousFrom, to: from },
      bucket,
      total,
      previous_total: previousTotal,
      current: currentCounts,
      previous: previousCounts,
      repeats,
      overdue,
    },
    options,
  );
}

function compare(
  current: readonly BucketCount[],
  previous: readonly BucketCount[],
  minCount: number,
): DimensionRow[] {
  const now = totals(current);
  const before = totals(previous);
  const keys = new Set([...now.keys(), ...before.keys()]);
  return [...keys]
    .map((key) => {
      const count = now.get(key) ?? 0;
      const prev = before.get(key) ?? 0;
      const change = count - prev;
      const change_pct = prev >= minCount ? Math.round((1000 * change) / prev) / 10 : null;
      return { key, count, previous: prev, change, change_pct };
    })
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

function totals(rows: readonly BucketCount[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) out.set(r.key, (out.get(r.key) ?? 0) + r.count);
  return out;
}

function spanDays(w: { from: string; to: string }): number {
  return Math.round((Date.parse(w.to) - Date.parse(w.from)) / DAY_MS);
}
