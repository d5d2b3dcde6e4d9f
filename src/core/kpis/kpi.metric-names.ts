import { KPI_DEFINITIONS, KpiId } from './kpi.catalogue.js';

/**
 * Metric names as people write them in a targets file (SEC10-BP08's Step 5 wording first), mapped to KPI ids.
 * Keys are normalised with `normaliseMetricName`. The KPI ids and catalogue names are accepted too.
 */
const ALIASES: Record<string, KpiId> = {
  'post-incident review completion rate': 'review_completion_rate',
  'review completion rate': 'review_completion_rate',
  'average time to post-incident review': 'time_to_review',
  'time to post-incident review': 'time_to_review',
  'time to review': 'time_to_review',
  'lessons learned implementation rate': 'action_implementation_rate',
  'improvement implementation rate': 'action_implementation_rate',
  'action implementation rate': 'action_implementation_rate',
  'root cause identification rate': 'root_cause_identification_rate',
  'repeat incident rate': 'repeat_incident_rate',
  'improvement effectiveness score': 'improvement_effectiveness',
  'improvement effectiveness': 'improvement_effectiveness',
  'mean time to detection (mttd)': 'mttd',
  'mean time to detection': 'mttd',
  'time to detect (mttd)': 'mttd',
  'mean time to containment (mttc)': 'mttc',
  'mean time to containment': 'mttc',
  'time to contain (mttc)': 'mttc',
  'mean time to acknowledge (mtta)': 'time_to_acknowledge',
  'mean time to acknowledge': 'time_to_acknowledge',
  'time to acknowledge': 'time_to_acknowledge',
  'mean time to recover (mttr)': 'time_to_recover',
  'mean time to recovery': 'time_to_recover',
  'time to recover': 'time_to_recover',
  'incident severity distribution': 'severity_distribution',
  'severity distribution': 'severity_distribution',
};

/** Lower-case, single spaces, trimmed: "  Repeat  Incident rate " → "repeat incident rate". */
export function normaliseMetricName(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** The KPI a metric name refers to, or undefined when unknown. */
export function metricNameToKpiId(name: string): KpiId | undefined {
  const key = normaliseMetricName(name);
  const alias = ALIASES[key];
  if (alias) return alias;
  const asId = KpiId.safeParse(key.replace(/[ -]/g, '_'));
  if (asId.success) return asId.data;
  return KPI_DEFINITIONS.find((d) => normaliseMetricName(d.name) === key)?.id;
}
