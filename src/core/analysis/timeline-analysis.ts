import { parseInput } from '../shared/validation.js';
import type { TimelineFinding } from './timeline-analysis.findings.js';
import { missingFindings, orderFindings, parseMilestones } from './timeline-analysis.milestones.js';
import { phaseDurations, type Phase, type PhaseDuration } from './timeline-analysis.phases.js';
import { TimelineAnalysisInput, type TimelineEventInput } from './timeline-analysis.schema.js';
import { minutesBetween, parseInstant } from './timeline-analysis.time.js';

/** A timeline event as the analysis refers to it: its position in the input, its time and text. */
export interface TimelineEventRef {
  index: number;
  time: string;
  event: string;
}

/** A stretch with no timeline events longer than the threshold: often where the response stalled. */
export interface TimelineGap {
  minutes: number;
  after: TimelineEventRef;
  before: TimelineEventRef;
}

export interface SourceCount {
  /** The event source; events without one count as "unknown". */
  source: string;
  count: number;
}

export interface TimelineAnalysis {
  phases: Record<Phase, PhaseDuration>;
  gap_threshold_minutes: number;
  gaps: TimelineGap[];
  /** Most events first, then by name. */
  events_per_source: SourceCount[];
  /** Errors first, then warnings, each group in the order milestones and events appear. */
  findings: TimelineFinding[];
}

interface TimedEvent extends TimelineEventRef {
  ms: number;
}

/**
 * Analyses an incident's timeline: phase durations, silent gaps longer than `gap_threshold_minutes`
 * (default 60), events per source, and the findings a reviewer should fix (out-of-order or missing
 * milestones, events outside the incident window, times that do not parse). Throws `validation_failed`
 * only when the input's shape is wrong; bad times are findings.
 */
export function analyseTimeline(input: TimelineAnalysisInput): TimelineAnalysis {
  const parsed = parseInput(TimelineAnalysisInput, input, 'The timeline analysis input');
  const { times, findings: unparseable } = parseMilestones(parsed.milestones);
  const events: TimedEvent[] = [];
  const eventFindings: TimelineFinding[] = [];
  parsed.timeline.forEach((entry, index) => {
    const ms = parseInstant(entry.time);
    if (ms === null) eventFindings.push(unparseableEvent(entry, index));
    else events.push({ index, time: new Date(ms).toISOString(), event: entry.event, ms });
  });
  for (const event of events) {
    if (times.impact_started !== undefined && event.ms < times.impact_started) {
      eventFindings.push(outside(event, 'event_before_impact', 'before impact_started'));
    }
    if (times.resolved !== undefined && event.ms > times.resolved) {
      eventFindings.push(outside(event, 'event_after_resolution', 'after resolved'));
    }
  }
  const findings = [
    ...unparseable,
    ...orderFindings(times),
    ...missingFindings(times, new Set(unparseable.map((f) => f.path))),
    ...eventFindings.sort((a, b) => eventIndex(a) - eventIndex(b)),
  ];
  return {
    phases: phaseDurations(times),
    gap_threshold_minutes: parsed.gap_threshold_minutes,
    gaps: gapsBetween(events, parsed.gap_threshold_minutes),
    events_per_source: countSources(parsed.timeline),
    findings: [
      ...findings.filter((f) => f.severity === 'error'),
      ...findings.filter((f) => f.severity === 'warning'),
    ],
  };
}

/** Gaps between consecutive events in time order (ties keep input order) strictly longer than the threshold. */
function gapsBetween(events: readonly TimedEvent[], thresholdMinutes: number): TimelineGap[] {
  const ordered = [...events].sort((a, b) => a.ms - b.ms || a.index - b.index);
  const gaps: TimelineGap[] = [];
  for (let i = 1; i < ordered.length; i += 1) {
    const after = ordered[i - 1] as TimedEvent;
    const before = ordered[i] as TimedEvent;
    const minutes = minutesBetween(after.ms, before.ms);
    if (minutes > thresholdMinutes) gaps.push({ minutes, after: ref(after), before: ref(before) });
  }
  return gaps;
}

function countSources(timeline: readonly TimelineEventInput[]): SourceCount[] {
  const counts = new Map<string, number>();
  for (const entry of timeline) {
    const source = entry.source?.trim() || 'unknown';
    counts.set(source, (counts.get(source) ?? 0) + 1);
  }
  return [...counts]
    .map(([source, count]) => ({ source, count }))
    .sort((a, b) => b.count - a.count || (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
}

function unparseableEvent(entry: TimelineEventInput, index: number): TimelineFinding {
  return {
    code: 'unparseable_time',
    severity: 'error',
    path: `timeline[${index}].time`,
    problem: `timeline event "${entry.event}" has time "${entry.time}", which is not an ISO-8601 date-time with a time zone`,
  };
}

function outside(event: TimedEvent, code: TimelineFinding['code'], where: string): TimelineFinding {
  return {
    code,
    severity: 'warning',
    path: `timeline[${event.index}].time`,
    problem: `timeline event "${event.event}" at ${event.time} is ${where}; correct the time or the milestone, or confirm it is a precursor or follow-up`,
  };
}

function ref(event: TimedEvent): TimelineEventRef {
  return { index: event.index, time: event.time, event: event.event };
}

function eventIndex(finding: TimelineFinding): number {
  return Number(/^timeline\[(\d+)\]/.exec(finding.path)?.[1] ?? 0);
}
