import type { TimelineFinding } from './timeline-analysis.findings.js';
import { MILESTONES, type Milestone, type Milestones } from './timeline-analysis.schema.js';
import { parseInstant } from './timeline-analysis.time.js';

/** Parsed milestone instants (ms); absent or unparseable ones are missing. */
export type MilestoneTimes = Partial<Record<Milestone, number>>;

/** Milestones the phase durations are measured from; missing one of them loses a duration. */
const NEEDED: readonly Milestone[] = [
  'impact_started',
  'detected',
  'acknowledged',
  'first_action',
  'contained',
  'recovered',
];

/** Parses the milestones; each set but unparseable one becomes an `unparseable_time` finding. */
export function parseMilestones(milestones: Milestones): {
  times: MilestoneTimes;
  findings: TimelineFinding[];
} {
  const times: MilestoneTimes = {};
  const findings: TimelineFinding[] = [];
  for (const name of MILESTONES) {
    const raw = milestones[name];
    if (raw === null || raw === undefined || raw.trim() === '') continue;
    const ms = parseInstant(raw);
    if (ms === null) {
      findings.push({
        code: 'unparseable_time',
        severity: 'error',
        path: `milestones.${name}`,
        problem: `${name} "${raw}" is not an ISO-8601 date-time with a time zone, e.g. 2024-01-15T09:00:00Z`,
      });
    } else times[name] = ms;
  }
  return { times, findings };
}

/**
 * Milestones that contradict the causal order. Each set milestone is compared with the next set one in
 * `MILESTONES` (impact_started ≤ first_indicator ≤ detected ≤ declared ≤ acknowledged ≤ first_action ≤
 * contained ≤ mitigated ≤ recovered ≤ resolved, equal allowed). Comparing neighbours is enough: if every
 * neighbour pair is in order the whole chain is, and one wrong time yields at most two findings.
 */
export function orderFindings(times: MilestoneTimes): TimelineFinding[] {
  const present = MILESTONES.filter((name) => times[name] !== undefined);
  const findings: TimelineFinding[] = [];
  for (let i = 1; i < present.length; i += 1) {
    const earlier = present[i - 1] as Milestone;
    const later = present[i] as Milestone;
    const a = times[earlier] ?? 0;
    const b = times[later] ?? 0;
    if (a <= b) continue;
    findings.push({
      code: 'milestones_out_of_order',
      severity: 'error',
      path: `milestones.${later}`,
      problem: `${later} (${iso(b)}) is before ${earlier} (${iso(a)}); ${earlier} must not be later than ${later}`,
    });
  }
  return findings;
}

/**
 * Needed milestones that are missing although a later one is set (e.g. contained missing while resolved
 * is set): the incident clearly went past them, so the time is known to someone and a duration is lost.
 */
export function missingFindings(times: MilestoneTimes, unparseable: ReadonlySet<string>): TimelineFinding[] {
  const findings: TimelineFinding[] = [];
  for (const name of NEEDED) {
    if (times[name] !== undefined || unparseable.has(`milestones.${name}`)) continue;
    const after = MILESTONES.slice(MILESTONES.indexOf(name) + 1);
    const latest = [...after].reverse().find((later) => times[later] !== undefined);
    if (latest === undefined) continue;
    findings.push({
      code: 'milestone_missing',
      severity: 'warning',
      path: `milestones.${name}`,
      problem: `${name} is not set although ${latest} is; record when it happened`,
    });
  }
  return findings;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
