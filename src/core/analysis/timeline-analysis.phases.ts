import type { Milestone } from './timeline-analysis.schema.js';
import type { MilestoneTimes } from './timeline-analysis.milestones.js';
import { minutesBetween } from './timeline-analysis.time.js';

export const PHASES = [
  'time_to_detect',
  'time_to_acknowledge',
  'time_to_first_action',
  'time_to_contain',
  'time_to_recover',
  'total_duration',
] as const;
export type Phase = (typeof PHASES)[number];

export interface PhaseDuration {
  /** Null when a milestone is missing, or when the two are out of order (see the findings). */
  minutes: number | null;
  /** The milestone measured from, as used (time to detect falls back to first_indicator). */
  from: Milestone;
  to: Milestone;
  /** What the number means, e.g. "detected − impact_started". */
  definition: string;
  /** Why the duration is missing or how it was measured, when that is not the usual way. */
  note?: string;
}

interface PhaseRule {
  to: Milestone;
  /** Start milestones in order of preference. */
  from: readonly Milestone[];
}

const RULES: Readonly<Record<Phase, PhaseRule>> = {
  time_to_detect: { to: 'detected', from: ['impact_started', 'first_indicator'] },
  time_to_acknowledge: { to: 'acknowledged', from: ['detected'] },
  time_to_first_action: { to: 'first_action', from: ['detected'] },
  time_to_contain: { to: 'contained', from: ['detected'] },
  time_to_recover: { to: 'recovered', from: ['detected'] },
  total_duration: { to: 'resolved', from: ['impact_started', 'detected'] },
};

/** Phase durations in minutes, each with its definition and the milestone it was measured from. */
export function phaseDurations(times: MilestoneTimes): Record<Phase, PhaseDuration> {
  const out = {} as Record<Phase, PhaseDuration>;
  for (const phase of PHASES) out[phase] = duration(RULES[phase], times);
  return out;
}

function duration(rule: PhaseRule, times: MilestoneTimes): PhaseDuration {
  const preferred = rule.from[0] as Milestone;
  const from = rule.from.find((name) => times[name] !== undefined) ?? preferred;
  const base = { from, to: rule.to, definition: `${rule.to} − ${from}` };
  const start = times[from];
  const end = times[rule.to];
  if (start === undefined || end === undefined) {
    const missing = [rule.from.join(' or '), rule.to].filter((_, i) => (i === 0 ? start : end) === undefined);
    return { ...base, minutes: null, note: `not computed: ${missing.join(' and ')} not set` };
  }
  if (end < start) {
    return { ...base, minutes: null, note: `not computed: ${rule.to} is before ${from}` };
  }
  const note = from === preferred ? {} : { note: `measured from ${from} because ${preferred} is not set` };
  return { ...base, minutes: minutesBetween(start, end), ...note };
}
