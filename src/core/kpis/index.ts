export { KpiId, KPI_IDS, KpiUnit, KPI_DEFINITIONS, kpiDefinition } from './kpi.catalogue.js';
export type { KpiDefinition, KpiShape } from './kpi.catalogue.js';
export { KpiScopeInput, assertScope, previousPeriodOf } from './kpi.source.js';
export type {
  KpiScope,
  KpiSource,
  RatioInput,
  DurationAggregate,
  RatingAggregate,
  DurationKpi,
} from './kpi.source.js';
export { KpiResult, computeKpis } from './kpi.compute.js';
export {
  KpiTarget,
  ThresholdTarget,
  TrendTarget,
  parseTarget,
  parseTargetsYaml,
  defaultTargets,
  evaluateTarget,
} from './kpi.targets.js';
export type { KpiTargets, KpiStatus } from './kpi.targets.js';
export { DEFAULT_TARGETS_YAML } from './kpi.targets.defaults.js';
export { metricNameToKpiId, normaliseMetricName } from './kpi.metric-names.js';
export { median, percentile, mean, trendOf, round } from './stats.js';
export type { Direction, Trend } from './stats.js';
export {
  TrendDimension,
  TREND_DIMENSIONS,
  TrendBucket,
  BucketCount,
  RepeatSignature,
  OverdueGroup,
} from './trend-report.source.js';
export type { TrendSource } from './trend-report.source.js';
export {
  TrendReport,
  TrendFinding,
  TrendRecommendation,
  DimensionRow,
  TrendOptions,
} from './trend-report.schema.js';
export { buildTrendReport, generateTrendReport } from './trend-report.js';
export type { TrendInput, GenerateTrendOptions } from './trend-report.js';
export { renderTrendReportMarkdown, renderTrendReportJson } from './trend-report.render.js';
export { actionEffectiveness } from './action-effectiveness.js';
export type { ActionEffectiveness, VerifiedAction, ConfirmedRecurrence } from './action-effectiveness.js';
