import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.js';
import { metricNameToKpiId } from './kpi.metric-names.js';
import { defaultTargets, evaluateTarget, parseTarget, parseTargetsYaml } from './kpi.targets.js';
import { DEFAULT_TARGETS_YAML } from './kpi.targets.defaults.js';

// The seed's Step 5 block, copied verbatim into the repository's fixtures (test/fixtures/seed/README.md).
const SEED_YAML = readFileSync(
  new URL('../../../test/fixtures/seed/step5-learning-metrics.yaml', import.meta.url),
  'utf8',
);

function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('KPI targets', () => {
  it('built-in defaults are the seed text verbatim', () => {
    expect(DEFAULT_TARGETS_YAML).toBe(SEED_YAML);
  });

  it('parses the exact seed YAML into structured targets', () => {
    const t = parseTargetsYaml(SEED_YAML);
    expect(t.review_completion_rate).toEqual({
      kind: 'threshold',
      op: '>=',
      value: 100,
      unit: 'percent',
      text: '100%',
    });
    expect(t.time_to_review).toEqual({
      kind: 'threshold',
      op: '<',
      value: 5,
      unit: 'business_days',
      text: '< 5 business days',
    });
    expect(t.action_implementation_rate).toMatchObject({ op: '>', value: 90, unit: 'percent' });
    expect(t.root_cause_identification_rate).toMatchObject({ op: '>=', value: 100, unit: 'percent' });
    expect(t.repeat_incident_rate).toMatchObject({ op: '<', value: 5, unit: 'percent' });
    expect(t.improvement_effectiveness).toMatchObject({ op: '>', value: 8, unit: 'score', text: '> 8/10' });
    expect(t.mttd).toEqual({ kind: 'trend', want: 'decreasing', text: 'Decreasing trend' });
    expect(t.mttc).toEqual({ kind: 'trend', want: 'decreasing', text: 'Decreasing trend' });
    expect(t.severity_distribution).toEqual({
      kind: 'trend',
      want: 'decreasing',
      text: 'Shift toward lower severity',
    });
    // Not in the seed: issue 6 asks for a decreasing trend.
    expect(t.time_to_acknowledge).toMatchObject({ kind: 'trend', want: 'decreasing' });
    expect(t.time_to_recover).toMatchObject({ kind: 'trend', want: 'decreasing' });
    expect(defaultTargets()).toEqual(t);
  });

  it('merges a partial file over the defaults, with hours converted to minutes', () => {
    const t = parseTargetsYaml(
      'learning_metrics:\n  mine:\n    - metric: "Time to contain (MTTC)"\n      target: "< 2 hours"\n' +
        '    - metric: repeat_incident_rate\n      target: "<= 3%"\n',
    );
    expect(t.mttc).toMatchObject({ kind: 'threshold', op: '<', value: 120, unit: 'minutes' });
    expect(t.repeat_incident_rate).toMatchObject({ op: '<=', value: 3 });
    expect(t.time_to_review).toMatchObject({ value: 5, unit: 'business_days' });
  });

  it('lists every unknown metric and unparseable target, naming the metric and the text', () => {
    const e = thrown(() =>
      parseTargetsYaml(
        'learning_metrics:\n  g:\n    - metric: "Happiness index"\n      target: "> 3"\n' +
          '    - metric: "Repeat incident rate"\n      target: "fewer please"\n' +
          '    - metric: "Average time to post-incident review"\n      target: "< 20%"\n',
      ),
    );
    expect(e.code).toBe('kpi_targets_invalid');
    expect(e.details.map((p) => p.path)).toEqual([
      'learning_metrics.g[0].metric',
      'learning_metrics.g[1].target',
      'learning_metrics.g[2].target',
    ]);
    expect(e.details[0]?.problem).toContain('"Happiness index"');
    expect(e.details[1]?.problem).toContain('"fewer please"');
    expect(e.details[1]?.problem).toContain('"Repeat incident rate"');
    expect(e.details[2]?.problem).toContain('business_days');
  });

  it('rejects YAML that is broken or not in the learning_metrics shape', () => {
    expect(thrown(() => parseTargetsYaml('learning_metrics: [')).code).toBe('kpi_targets_yaml_invalid');
    expect(thrown(() => parseTargetsYaml('metrics: {}')).code).toBe('kpi_targets_invalid');
    const dup = thrown(() =>
      parseTargetsYaml(
        'learning_metrics:\n  a:\n    - metric: MTTD\n      target: Decreasing trend\n' +
          '    - metric: "Mean time to detection (MTTD)"\n      target: "< 10 minutes"\n',
      ),
    );
    expect(dup.details[0]?.problem).toContain('repeats');
  });

  it('maps metric names to KPI ids', () => {
    expect(metricNameToKpiId('Post-incident review completion rate')).toBe('review_completion_rate');
    expect(metricNameToKpiId('  lessons LEARNED implementation rate ')).toBe('action_implementation_rate');
    expect(metricNameToKpiId('mttd')).toBe('mttd');
    expect(metricNameToKpiId('Time to recover')).toBe('time_to_recover');
    expect(metricNameToKpiId('Velocity')).toBeUndefined();
  });

  it('evaluates thresholds and trends, with no_data for missing values or periods', () => {
    const gt90 = parseTarget('action_implementation_rate', '> 90%');
    expect(evaluateTarget(gt90, 90.5)).toBe('met');
    expect(evaluateTarget(gt90, 90)).toBe('not_met');
    expect(evaluateTarget(gt90, null)).toBe('no_data');
    const full = parseTarget('review_completion_rate', '100%');
    expect(evaluateTarget(full, 100)).toBe('met');
    expect(evaluateTarget(full, 99.99)).toBe('not_met');
    const down = parseTarget('mttd', 'Decreasing trend');
    expect(evaluateTarget(down, 10, { previous: 12, change: -2, direction_good: true })).toBe('met');
    expect(evaluateTarget(down, 12, { previous: 12, change: 0, direction_good: false })).toBe('not_met');
    expect(evaluateTarget(down, 12)).toBe('no_data');
    expect(parseTarget('mttd', '≤ 15 min')).toMatchObject({ op: '<=', value: 15, unit: 'minutes' });
    expect(thrown(() => parseTarget('improvement_effectiveness', '> 80%')).code).toBe(
      'kpi_target_unit_mismatch',
    );
  });
});
