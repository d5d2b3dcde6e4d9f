import { z } from 'zod';
import type { Direction } from './stats.js';

/** Every KPI Hindsight computes. */
export const KpiId = z.enum([
  'review_completion_rate',
  'time_to_review',
  'action_implementation_rate',
  'root_cause_identification_rate',
  'repeat_incident_rate',
  'improvement_effectiveness',
  'mttd',
  'mttc',
  'time_to_acknowledge',
  'time_to_recover',
  'severity_distribution',
]);
export type KpiId = z.infer<typeof KpiId>;
export const KPI_IDS = KpiId.options;

/** Unit of a KPI value. `percent` values are 0–100; `score` is a 1–10 rating. */
export const KpiUnit = z.enum(['percent', 'business_days', 'minutes', 'score']);
export type KpiUnit = z.infer<typeof KpiUnit>;

/** How a KPI is computed; `ratio` and `duration` KPIs share assembly code. */
export type KpiShape = 'ratio' | 'duration' | 'mean_rating' | 'distribution';

export interface KpiDefinition {
  id: KpiId;
  name: string;
  /** Shown next to the value in the API, CLI and UI: what is counted, over which cohort, and edge cases. */
  definition: string;
  unit: KpiUnit;
  direction: Direction;
  shape: KpiShape;
}

const DURATION_NOTE =
  'Value is the median; p90 and n are reported alongside. Incidents missing either timestamp are counted as ' +
  '"missing" and reported, not silently dropped. Cohort: incidents declared in the period, drills and tests ' +
  'included (their timings are real).';

/** The catalogue, in display order. */
export const KPI_DEFINITIONS: readonly KpiDefinition[] = [
  {
    id: 'review_completion_rate',
    name: 'Post-incident review completion rate',
    definition:
      'Published reviews ÷ incidents needing a review, for incidents resolved in the period (resolved-date ' +
      'cohort). Incidents whose kind the template marks as no-review (tests, drills) are excluded and reported ' +
      'as "excluded". No incidents needing review gives no data, not 0% or 100%.',
    unit: 'percent',
    direction: 'higher_is_better',
    shape: 'ratio',
  },
  {
    id: 'time_to_review',
    name: 'Time to post-incident review',
    definition:
      'Business days from an incident being resolved to its review being published, on the working calendar ' +
      '(default Monday–Friday, UTC, no holidays; a partial working day counts as its elapsed share), for incidents resolved in the period that need a review. Value is the median; p90 and n are ' +
      'reported. Incidents whose review is not yet published are reported as "missing" (they would lengthen ' +
      'the figure once published).',
    unit: 'business_days',
    direction: 'lower_is_better',
    shape: 'duration',
  },
  {
    id: 'action_implementation_rate',
    name: 'Action implementation rate',
    definition:
      "Actions verified on or before their due date ÷ actions due in the period. Actions closed as won't-do " +
      'are left out of both sides and reported separately as "excluded".',
    unit: 'percent',
    direction: 'higher_is_better',
    shape: 'ratio',
  },
  {
    id: 'root_cause_identification_rate',
    name: 'Root cause identification rate',
    definition:
      'Reviews published in the period with at least one contributing factor ÷ reviews published in the period.',
    unit: 'percent',
    direction: 'higher_is_better',
    shape: 'ratio',
  },
  {
    id: 'repeat_incident_rate',
    name: 'Repeat incident rate',
    definition:
      'Incidents declared in the period that recur an earlier incident (same signature as an earlier incident, ' +
      'or a recurrence link a reviewer confirmed) ÷ incidents declared in the period.',
    unit: 'percent',
    direction: 'lower_is_better',
    shape: 'ratio',
  },
  {
    id: 'improvement_effectiveness',
    name: 'Improvement effectiveness score',
    definition:
      'Mean of participant feedback ratings (1–10) of how effective the improvements were, on reviews ' +
      'published in the period; n is the number of ratings. A mean is used because the target is stated as one.',
    unit: 'score',
    direction: 'higher_is_better',
    shape: 'mean_rating',
  },
  {
    id: 'mttd',
    name: 'Time to detect (MTTD)',
    definition:
      'Minutes from impact_started to detected; for security incidents (those with an attack vector) from ' +
      'first_indicator to detected. ' +
      DURATION_NOTE,
    unit: 'minutes',
    direction: 'lower_is_better',
    shape: 'duration',
  },
  {
    id: 'mttc',
    name: 'Time to contain (MTTC)',
    definition: 'Minutes from detected to contained. ' + DURATION_NOTE,
    unit: 'minutes',
    direction: 'lower_is_better',
    shape: 'duration',
  },
  {
    id: 'time_to_acknowledge',
    name: 'Time to acknowledge',
    definition: 'Minutes from detected to acknowledged. ' + DURATION_NOTE,
    unit: 'minutes',
    direction: 'lower_is_better',
    shape: 'duration',
  },
  {
    id: 'time_to_recover',
    name: 'Time to recover',
    definition: 'Minutes from impact_started to recovered. ' + DURATION_NOTE,
    unit: 'minutes',
    direction: 'lower_is_better',
    shape: 'duration',
  },
  {
    id: 'severity_distribution',
    name: 'Incident severity distribution',
    definition:
      'Count of incidents declared in the period per severity (in "breakdown"). The value is the share of ' +
      'Critical and High incidents in percent; a fall versus the previous period is a shift toward lower ' +
      'severity.',
    unit: 'percent',
    direction: 'lower_is_better',
    shape: 'distribution',
  },
];

/** The definition of one KPI. */
export function kpiDefinition(id: KpiId): KpiDefinition {
  const found = KPI_DEFINITIONS.find((d) => d.id === id);
  // The catalogue covers the enum; a miss is a programming error.
  if (!found) throw new Error(`KPI ${id} has no definition`);
  return found;
}
