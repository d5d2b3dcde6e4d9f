import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { invalid, type Problem } from '../shared/errors.js';
import { KPI_DEFINITIONS, KpiUnit, kpiDefinition, type KpiId } from './kpi.catalogue.js';
import type { Trend } from './stats.js';
import { metricNameToKpiId } from './kpi.metric-names.js';
import { DEFAULT_TARGETS_YAML } from './kpi.targets.defaults.js';

/** "> 90%", "< 5 business days", "> 8/10": compare the value with a number in the KPI's unit. */
export const ThresholdTarget = z.object({
  kind: z.literal('threshold'),
  op: z.enum(['>', '>=', '<', '<=']),
  value: z.number(),
  unit: KpiUnit,
  /** The text it was parsed from, for display. */
  text: z.string(),
});
export type ThresholdTarget = z.infer<typeof ThresholdTarget>;

/** "Decreasing trend", "Shift toward lower severity": met when the value moves that way vs the previous period. */
export const TrendTarget = z.object({
  kind: z.literal('trend'),
  want: z.enum(['decreasing', 'increasing']),
  text: z.string(),
});
export type TrendTarget = z.infer<typeof TrendTarget>;

export const KpiTarget = z.discriminatedUnion('kind', [ThresholdTarget, TrendTarget]);
export type KpiTarget = z.infer<typeof KpiTarget>;

/** A target for every KPI. */
export type KpiTargets = Record<KpiId, KpiTarget>;

export type KpiStatus = 'met' | 'not_met' | 'no_data';

const TREND_PHRASES: Record<string, TrendTarget['want']> = {
  'decreasing trend': 'decreasing',
  decreasing: 'decreasing',
  'increasing trend': 'increasing',
  increasing: 'increasing',
  'shift toward lower severity': 'decreasing',
  'shift towards lower severity': 'decreasing',
};

const THRESHOLD =
  /^(>=|<=|≥|≤|>|<)?\s*(\d+(?:\.\d+)?)\s*(%|\/\s*10|business\s+days?|minutes?|mins?|hours?)?$/i;

/**
 * Parses one target text for a KPI. A bare number ("100%") means "at least" for higher-is-better KPIs and
 * "at most" for lower-is-better ones. Hours are converted to minutes. Throws `kpi_target_unparseable` or
 * `kpi_target_unit_mismatch` naming the metric and the text.
 */
export function parseTarget(id: KpiId, text: string, metric: string = id): KpiTarget {
  const def = kpiDefinition(id);
  const clean = text.trim().replace(/\s+/g, ' ');
  const trend = TREND_PHRASES[clean.toLowerCase()];
  if (trend) return { kind: 'trend', want: trend, text: clean };
  const m = THRESHOLD.exec(clean);
  if (!m) {
    throw invalid(
      'kpi_target_unparseable',
      `Target "${text}" for metric "${metric}" is not understood; write e.g. "> 90%", "< 5 business days", ` +
        `"> 8/10", "< 30 minutes" or "Decreasing trend".`,
      [{ path: metric, problem: `unparseable target "${text}"` }],
    );
  }
  const [, rawOp, rawValue, rawUnit] = m;
  let value = Number(rawValue);
  const unit = unitOf(rawUnit, def.unit);
  if (rawUnit && /^hours?$/i.test(rawUnit)) value *= 60;
  if (unit !== def.unit) {
    throw invalid(
      'kpi_target_unit_mismatch',
      `Target "${text}" for metric "${metric}" is in ${unit} but the KPI ${id} is measured in ${def.unit}.`,
      [{ path: metric, problem: `unit ${unit} does not match ${def.unit}` }],
    );
  }
  const op = normaliseOp(rawOp, def.direction === 'higher_is_better');
  return { kind: 'threshold', op, value, unit, text: clean };
}

function unitOf(raw: string | undefined, fallback: KpiUnit): KpiUnit {
  if (!raw) return fallback;
  const u = raw.toLowerCase().replace(/\s+/g, ' ');
  if (u === '%') return 'percent';
  if (u.startsWith('/')) return 'score';
  if (u.startsWith('business')) return 'business_days';
  return 'minutes';
}

function normaliseOp(raw: string | undefined, higherIsBetter: boolean): ThresholdTarget['op'] {
  if (raw === undefined) return higherIsBetter ? '>=' : '<=';
  if (raw === '≥') return '>=';
  if (raw === '≤') return '<=';
  return raw as ThresholdTarget['op'];
}

const MetricEntry = z.object({
  metric: z.string().min(1),
  target: z.union([z.string(), z.number()]).transform(String),
  description: z.string().optional(),
});
const LearningMetricsFile = z.object({
  learning_metrics: z.record(z.string(), z.array(MetricEntry)),
});

/**
 * Parses a targets file in SEC10-BP08's `learning_metrics` shape (groups of `{ metric, target, description }`)
 * and merges it over the built-in defaults. Metric names are matched to KPI ids (see kpi.metric-names.ts).
 * Every problem (unknown metric, unparseable target, duplicate) is reported at once in one
 * `kpi_targets_invalid` error.
 */
export function parseTargetsYaml(text: string, base: KpiTargets = defaultTargets()): KpiTargets {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    throw invalid(
      'kpi_targets_yaml_invalid',
      `KPI targets file is not valid YAML: ${(error as Error).message}`,
    );
  }
  const parsed = LearningMetricsFile.safeParse(doc);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), problem: i.message }));
    throw invalid(
      'kpi_targets_invalid',
      `KPI targets file must have a learning_metrics map of metric lists: ${details.map((d) => `${d.path}: ${d.problem}`).join('; ')}`,
      details,
    );
  }
  const out: KpiTargets = { ...base };
  const seen = new Map<KpiId, string>();
  const problems: Problem[] = [];
  for (const [group, entries] of Object.entries(parsed.data.learning_metrics)) {
    entries.forEach((entry, index) => {
      const path = `learning_metrics.${group}[${index}]`;
      const id = metricNameToKpiId(entry.metric);
      if (!id) {
        problems.push({ path: `${path}.metric`, problem: `unknown metric "${entry.metric}"` });
        return;
      }
      const earlier = seen.get(id);
      if (earlier) {
        problems.push({
          path: `${path}.metric`,
          problem: `"${entry.metric}" repeats ${earlier} (both are ${id})`,
        });
        return;
      }
      seen.set(id, path);
      try {
        out[id] = parseTarget(id, entry.target, entry.metric);
      } catch (error) {
        problems.push({ path: `${path}.target`, problem: (error as Error).message });
      }
    });
  }
  if (problems.length > 0) {
    throw invalid(
      'kpi_targets_invalid',
      `KPI targets file has ${problems.length} problem(s): ${problems.map((p) => `${p.path}: ${p.problem}`).join('; ')}`,
      problems,
    );
  }
  return out;
}

let defaults: KpiTargets | undefined;

/** Built-in targets: the seed's Step 5 YAML, plus "Decreasing trend" for time to acknowledge and recover. */
export function defaultTargets(): KpiTargets {
  if (!defaults) {
    const start = Object.fromEntries(
      KPI_DEFINITIONS.map((d) => [
        d.id,
        parseTarget(d.id, d.direction === 'higher_is_better' ? 'Increasing trend' : 'Decreasing trend'),
      ]),
    ) as KpiTargets;
    defaults = parseTargetsYaml(DEFAULT_TARGETS_YAML, start);
  }
  return { ...defaults };
}

/**
 * Status of a value against its target. No value (or, for a trend target, no previous period) is `no_data`,
 * never `met`. A trend target is met only by a strict move in the wanted direction.
 */
export function evaluateTarget(target: KpiTarget, value: number | null, trend?: Trend): KpiStatus {
  if (value === null) return 'no_data';
  switch (target.kind) {
    case 'trend':
      if (!trend) return 'no_data';
      return (target.want === 'decreasing' ? trend.change < 0 : trend.change > 0) ? 'met' : 'not_met';
    case 'threshold':
      return compare(value, target.op, target.value) ? 'met' : 'not_met';
  }
}

function compare(value: number, op: ThresholdTarget['op'], bound: number): boolean {
  switch (op) {
    case '>':
      return value > bound;
    case '>=':
      return value >= bound;
    case '<':
      return value < bound;
    case '<=':
      return value <= bound;
  }
}
