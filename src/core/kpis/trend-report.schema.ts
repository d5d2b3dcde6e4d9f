import { z } from 'zod';
import {
  BucketCount,
  OverdueGroup,
  RepeatSignature,
  TrendBucket,
  TrendDimension,
} from './trend-report.source.js';

export const DimensionRow = z.object({
  key: z.string(),
  count: z.number().int(),
  previous: z.number().int(),
  change: z.number().int(),
  /** Relative change in percent; null when the previous count is below the minimum count (too small a base). */
  change_pct: z.number().nullable(),
});
export type DimensionRow = z.infer<typeof DimensionRow>;

export const TrendFinding = z.object({
  id: z.string(),
  kind: z.enum(['increase', 'repeats', 'overdue']),
  summary: z.string(),
  dimension: TrendDimension.optional(),
  key: z.string(),
  count: z.number().int(),
});
export type TrendFinding = z.infer<typeof TrendFinding>;

export const TrendRecommendation = z.object({
  finding_id: z.string(),
  priority: z.enum(['High', 'Medium']),
  text: z.string(),
});
export type TrendRecommendation = z.infer<typeof TrendRecommendation>;

const Window = z.object({ from: z.string(), to: z.string(), days: z.number() });

/** SEC10-BP08 `generate_trend_report`, with every finding backed by counts and tied to a recommendation. */
export const TrendReport = z.object({
  report_date: z.string(),
  analysis_period: z.string(),
  window: Window,
  previous_window: Window,
  metrics: z.object({
    total_incidents: z.number().int(),
    previous_total_incidents: z.number().int(),
    bucket: TrendBucket,
    by: z.record(TrendDimension, z.array(DimensionRow)),
    series: z.record(TrendDimension, z.array(BucketCount)),
    repeat_signatures: z.array(RepeatSignature),
    overdue_actions: z.array(OverdueGroup),
  }),
  key_findings: z.array(TrendFinding),
  recommendations: z.array(TrendRecommendation),
});
export type TrendReport = z.infer<typeof TrendReport>;

/** Thresholds that keep noise out of the findings. */
export const TrendOptions = z.object({
  /** A value needs at least this many incidents in the window to be a finding, and in the previous window for a relative change. */
  min_count: z.number().int().min(1).default(5),
  max_increase_findings: z.number().int().min(0).default(5),
  /** A service is a repeat hot spot from this many repeat incidents (count − 1 summed over its signatures). */
  min_repeats: z.number().int().min(1).default(2),
  max_repeat_findings: z.number().int().min(0).default(3),
  min_overdue: z.number().int().min(1).default(3),
  max_overdue_findings: z.number().int().min(0).default(3),
});
export type TrendOptions = z.infer<typeof TrendOptions>;
