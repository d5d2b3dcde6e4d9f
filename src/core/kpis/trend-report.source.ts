import { z } from 'zod';
import type { SignatureField } from '../similarity/signature.js';
import type { KpiScope } from './kpi.source.js';

/** What incidents are counted by in a trend report. */
export const TrendDimension = z.enum(['severity', 'category', 'factor_category', 'service', 'attack_vector']);
export type TrendDimension = z.infer<typeof TrendDimension>;
export const TREND_DIMENSIONS = TrendDimension.options;

/** Bucket size of a series: ISO weeks (starting Monday, UTC) or calendar months (UTC). */
export const TrendBucket = z.enum(['week', 'month']);
export type TrendBucket = z.infer<typeof TrendBucket>;

/** Incidents in one bucket with one value of a dimension. `bucket` is the first day, `YYYY-MM-DD`. */
export const BucketCount = z.object({
  bucket: z.string(),
  key: z.string(),
  count: z.number().int().nonnegative(),
});
export type BucketCount = z.infer<typeof BucketCount>;

/** A signature seen on more than one incident in the window (see similarity/signature.ts for the rules). */
export const RepeatSignature = z.object({
  signature: z.string(),
  /** The affected service of this signature, or null when the fields do not include it. */
  service: z.string().nullable(),
  count: z.number().int(),
  /** Earliest declared first; a store may cap the list (count stays exact). */
  incident_ids: z.array(z.string()),
});
export type RepeatSignature = z.infer<typeof RepeatSignature>;

/** Actions past their due date and neither verified nor closed, grouped by team and owner. */
export const OverdueGroup = z.object({
  team: z.string().nullable(),
  owner: z.string(),
  count: z.number().int().nonnegative(),
  oldest_due: z.string(),
});
export type OverdueGroup = z.infer<typeof OverdueGroup>;

/**
 * The aggregates a trend report needs, implemented by src/storage with GROUP BY queries. Incidents are those
 * declared in [scope.from, scope.to) and visible to scope.viewer. An incident with several services counts
 * once per service (and once per contributing-factor category it has); missing values are the key `unknown`.
 */
export interface TrendSource {
  incidentCount(scope: KpiScope): Promise<number>;
  countsBy(dimension: TrendDimension, bucket: TrendBucket, scope: KpiScope): Promise<BucketCount[]>;
  /** Signatures with count > 1 among incidents of the scope. */
  repeatSignatures(scope: KpiScope, fields: readonly SignatureField[]): Promise<RepeatSignature[]>;
  /** Actions of the scope's teams overdue at `asOf` (ISO instant), whatever their due period. */
  overdueActions(scope: KpiScope, asOf: string): Promise<OverdueGroup[]>;
}
