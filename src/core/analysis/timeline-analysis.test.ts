import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.js';
import { analyseTimeline } from './timeline-analysis.js';

const at = (hhmm: string): string => `2024-03-01T${hhmm}:00Z`;

describe('analyseTimeline', () => {
  const full = analyseTimeline({
    milestones: {
      impact_started: at('10:00'),
      first_indicator: at('10:05'),
      detected: at('10:20'),
      declared: at('10:25'),
      acknowledged: at('10:30'),
      first_action: at('10:40'),
      contained: at('11:30'),
      mitigated: at('12:00'),
      recovered: at('13:00'),
      resolved: at('14:15'),
    },
    timeline: [
      { time: at('09:50'), event: 'Deploy v2.3', source: 'ci' },
      { time: at('10:05'), event: 'Error-rate alarm', source: 'cloudwatch' },
      { time: at('10:20'), event: 'Page sent', source: 'pagerduty' },
      { time: at('12:00'), event: 'Rollback done', source: null },
      { time: at('12:30'), event: 'Verified', source: '  ' },
      { time: at('14:30'), event: 'Review scheduled', source: 'slack' },
      { time: 'yesterday', event: 'Customer email', source: 'slack' },
    ],
  });

  it('computes the phase durations from the milestones', () => {
    // 10:00 → 10:20 = 20; 10:20 → 10:30 = 10; → 10:40 = 20; → 11:30 = 70; → 13:00 = 160; 10:00 → 14:15 = 255
    const minutes = Object.fromEntries(Object.entries(full.phases).map(([k, v]) => [k, v.minutes]));
    expect(minutes).toEqual({
      time_to_detect: 20,
      time_to_acknowledge: 10,
      time_to_first_action: 20,
      time_to_contain: 70,
      time_to_recover: 160,
      total_duration: 255,
    });
    expect(full.phases.time_to_detect).toEqual({
      minutes: 20,
      from: 'impact_started',
      to: 'detected',
      definition: 'detected − impact_started',
    });
  });

  it('finds gaps longer than the default 60 minutes, in time order', () => {
    // 10:20 → 12:00 = 100 and 12:30 → 14:30 = 120; the others are 15, 15 and 30.
    expect(full.gap_threshold_minutes).toBe(60);
    expect(full.gaps).toEqual([
      {
        minutes: 100,
        after: { index: 2, time: '2024-03-01T10:20:00.000Z', event: 'Page sent' },
        before: { index: 3, time: '2024-03-01T12:00:00.000Z', event: 'Rollback done' },
      },
      {
        minutes: 120,
        after: { index: 4, time: '2024-03-01T12:30:00.000Z', event: 'Verified' },
        before: { index: 5, time: '2024-03-01T14:30:00.000Z', event: 'Review scheduled' },
      },
    ]);
  });

  it('counts events per source, blank or null as unknown', () => {
    expect(full.events_per_source).toEqual([
      { source: 'slack', count: 2 },
      { source: 'unknown', count: 2 },
      { source: 'ci', count: 1 },
      { source: 'cloudwatch', count: 1 },
      { source: 'pagerduty', count: 1 },
    ]);
  });

  it('reports unparseable times and events outside the incident window', () => {
    expect(full.findings.map((f) => [f.severity, f.code, f.path])).toEqual([
      ['error', 'unparseable_time', 'timeline[6].time'],
      ['warning', 'event_before_impact', 'timeline[0].time'],
      ['warning', 'event_after_resolution', 'timeline[5].time'],
    ]);
  });

  it('falls back to first_indicator, flags out-of-order and missing milestones', () => {
    const result = analyseTimeline({
      milestones: {
        first_indicator: at('08:00'),
        detected: at('08:45'),
        acknowledged: at('08:40'),
        resolved: at('10:00'),
      },
    });
    expect(result.phases.time_to_detect).toEqual({
      minutes: 45,
      from: 'first_indicator',
      to: 'detected',
      definition: 'detected − first_indicator',
      note: 'measured from first_indicator because impact_started is not set',
    });
    expect(result.phases.time_to_acknowledge).toMatchObject({
      minutes: null,
      note: 'not computed: acknowledged is before detected',
    });
    expect(result.phases.time_to_contain).toMatchObject({
      minutes: null,
      note: 'not computed: contained not set',
    });
    // resolved 10:00 − detected 08:45 = 75, because impact_started is missing
    expect(result.phases.total_duration).toMatchObject({
      minutes: 75,
      from: 'detected',
      definition: 'resolved − detected',
    });
    expect(result.findings).toEqual([
      {
        code: 'milestones_out_of_order',
        severity: 'error',
        path: 'milestones.acknowledged',
        problem:
          'acknowledged (2024-03-01T08:40:00.000Z) is before detected (2024-03-01T08:45:00.000Z); detected must not be later than acknowledged',
      },
      ...['impact_started', 'first_action', 'contained', 'recovered'].map((name) => ({
        code: 'milestone_missing',
        severity: 'warning',
        path: `milestones.${name}`,
        problem: `${name} is not set although resolved is; record when it happened`,
      })),
    ]);
  });

  it('accepts equal impact_started and first_indicator, and offsets other than Z', () => {
    const result = analyseTimeline({
      milestones: {
        impact_started: at('10:00'),
        first_indicator: '2024-03-01T12:00:00+02:00',
        detected: at('10:07'),
      },
    });
    expect(result.findings).toEqual([]);
    expect(result.phases.time_to_detect.minutes).toBe(7);
  });

  it('treats an unparseable milestone as an error, not as missing', () => {
    const result = analyseTimeline({ milestones: { detected: '10:20', resolved: at('11:00') } });
    expect(result.findings.map((f) => f.path)).toEqual([
      'milestones.detected',
      ...['impact_started', 'acknowledged', 'first_action', 'contained', 'recovered'].map(
        (m) => `milestones.${m}`,
      ),
    ]);
    expect(result.findings[0]).toMatchObject({ code: 'unparseable_time', severity: 'error' });
    expect(result.phases.total_duration).toMatchObject({
      minutes: null,
      note: 'not computed: impact_started or detected not set',
    });
  });

  it('uses a custom gap threshold and only counts gaps strictly longer than it', () => {
    const result = analyseTimeline({
      gap_threshold_minutes: 30,
      timeline: [
        { time: at('10:45'), event: 'c', source: 'x' },
        { time: at('10:00'), event: 'a', source: 'x' },
        { time: at('10:30'), event: 'b', source: 'x' },
      ],
    });
    // sorted: 10:00, 10:30 (30, not a gap), 10:45 (15)
    expect(result.gaps).toEqual([]);
    expect(
      analyseTimeline({
        gap_threshold_minutes: 29.5,
        timeline: [
          { time: at('10:00'), event: 'a' },
          { time: at('10:30'), event: 'b' },
        ],
      }).gaps,
    ).toHaveLength(1);
  });

  it('returns empty results for an empty record', () => {
    const result = analyseTimeline({});
    expect(result.findings).toEqual([]);
    expect(result.gaps).toEqual([]);
    expect(result.events_per_source).toEqual([]);
    expect(Object.values(result.phases).every((p) => p.minutes === null)).toBe(true);
  });

  it('rejects input of the wrong shape', () => {
    expect(() => analyseTimeline({ gap_threshold_minutes: -5 })).toThrow(DomainError);
  });
});
