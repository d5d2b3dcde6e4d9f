import { describe, expect, it } from 'vitest';
import type { Severity } from '../shared/vocabulary.js';
import { businessDaysBetween, DEFAULT_WORKING_CALENDAR } from '../calendar/index.js';
import { computeKpis, KpiResult } from './kpi.compute.js';
import {
  KpiScopeInput,
  previousPeriodOf,
  type DurationAggregate,
  type DurationKpi,
  type KpiScope,
  type KpiSource,
  type RatioInput,
} from './kpi.source.js';
import { median, percentile } from './stats.js';

interface Row {
  id: string;
  kind: 'incident' | 'drill' | 'test';
  attack_vector?: string;
  severity: Severity;
  declared: string;
  impact_started?: string;
  first_indicator?: string;
  detected?: string;
  acknowledged?: string;
  contained?: string;
  recovered?: string;
  resolved?: string;
  review_published?: string;
  factors?: number;
  ratings?: number[];
  repeat?: boolean;
}
interface ActionRow {
  due: string;
  verified?: string;
  wont_do?: boolean;
}

const NO_REVIEW_KINDS = new Set(['drill', 'test']);
const MIN = 60_000;

/** The KpiSource contract, spelled out over rows: what the SQL stores must reproduce. */
class MemoryKpiSource implements KpiSource {
  constructor(
    private readonly rows: Row[],
    private readonly actions: ActionRow[] = [],
  ) {}

  private within(at: string | undefined, scope: KpiScope): boolean {
    return at !== undefined && at >= scope.from && at < scope.to;
  }
  private declared(scope: KpiScope): Row[] {
    return this.rows.filter((r) => this.within(r.declared, scope));
  }
  private resolvedCohort(scope: KpiScope): Row[] {
    return this.rows.filter((r) => this.within(r.resolved, scope));
  }
  private published(scope: KpiScope): Row[] {
    return this.rows.filter((r) => this.within(r.review_published, scope));
  }

  reviewCompletion(scope: KpiScope): Promise<RatioInput> {
    const cohort = this.resolvedCohort(scope);
    const needing = cohort.filter((r) => !NO_REVIEW_KINDS.has(r.kind));
    return Promise.resolve({
      numerator: needing.filter((r) => r.review_published).length,
      denominator: needing.length,
      excluded: cohort.length - needing.length,
    });
  }
  actionImplementation(scope: KpiScope): Promise<RatioInput> {
    const due = this.actions.filter((a) => this.within(a.due, scope));
    const counted = due.filter((a) => !a.wont_do);
    return Promise.resolve({
      numerator: counted.filter((a) => a.verified !== undefined && a.verified <= a.due).length,
      denominator: counted.length,
      excluded: due.length - counted.length,
    });
  }
  rootCauseIdentification(scope: KpiScope): Promise<RatioInput> {
    const reviews = this.published(scope);
    return Promise.resolve({
      numerator: reviews.filter((r) => (r.factors ?? 0) > 0).length,
      denominator: reviews.length,
      excluded: 0,
    });
  }
  repeatIncidents(scope: KpiScope): Promise<RatioInput> {
    const rows = this.declared(scope);
    return Promise.resolve({
      numerator: rows.filter((r) => r.repeat).length,
      denominator: rows.length,
      excluded: 0,
    });
  }
  improvementRatings(scope: KpiScope): Promise<{ n: number; mean: number | null }> {
    const ratings = this.published(scope).flatMap((r) => r.ratings ?? []);
    const sum = ratings.reduce((a, b) => a + b, 0);
    return Promise.resolve({ n: ratings.length, mean: ratings.length ? sum / ratings.length : null });
  }
  duration(kpi: DurationKpi, scope: KpiScope): Promise<DurationAggregate> {
    const pairs: Array<[string | undefined, string | undefined]> =
      kpi === 'time_to_review'
        ? this.resolvedCohort(scope)
            .filter((r) => !NO_REVIEW_KINDS.has(r.kind))
            .map((r) => [r.resolved, r.review_published])
        : this.declared(scope).map((r) => endpoints(kpi, r));
    const values: number[] = [];
    let missing = 0;
    for (const [from, to] of pairs) {
      if (!from || !to) missing++;
      else if (kpi === 'time_to_review')
        values.push(businessDaysBetween(new Date(from), new Date(to), DEFAULT_WORKING_CALENDAR));
      else values.push((Date.parse(to) - Date.parse(from)) / MIN);
    }
    return Promise.resolve({
      n: values.length,
      median: median(values),
      p90: percentile(values, 0.9),
      missing,
    });
  }
  severityCounts(scope: KpiScope): Promise<Partial<Record<Severity, number>>> {
    const out: Partial<Record<Severity, number>> = {};
    for (const r of this.declared(scope)) out[r.severity] = (out[r.severity] ?? 0) + 1;
    return Promise.resolve(out);
  }
}

function endpoints(
  kpi: Exclude<DurationKpi, 'time_to_review'>,
  r: Row,
): [string | undefined, string | undefined] {
  switch (kpi) {
    case 'mttd':
      return [r.attack_vector ? r.first_indicator : r.impact_started, r.detected];
    case 'mttc':
      return [r.detected, r.contained];
    case 'time_to_acknowledge':
      return [r.detected, r.acknowledged];
    case 'time_to_recover':
      return [r.impact_started, r.recovered];
  }
}

const d = (s: string): string => `2024-${s}:00.000Z`;

// March 2024 (current) and February 2024 (previous). Hand-computed expectations in the tests below.
const ROWS: Row[] = [
  // I1: resolved Mon 03-04 noon, review Wed 03-06 noon → ½ + 1 + ½ = 2 business days.
  {
    id: 'I1',
    kind: 'incident',
    severity: 'High',
    declared: d('03-04T10:00'),
    impact_started: d('03-04T09:00'),
    detected: d('03-04T09:30'),
    acknowledged: d('03-04T09:40'),
    contained: d('03-04T10:30'),
    recovered: d('03-04T12:00'),
    resolved: d('03-04T12:00'),
    review_published: d('03-06T12:00'),
    factors: 2,
    ratings: [8, 9],
  },
  // I2: security (attack vector) → MTTD from first_indicator (120), not impact_started; Fri noon → Mon noon = 1.
  {
    id: 'I2',
    kind: 'incident',
    attack_vector: 'Use of stolen creds',
    severity: 'Critical',
    declared: d('03-07T02:30'),
    impact_started: d('03-06T00:00'),
    first_indicator: d('03-07T00:00'),
    detected: d('03-07T02:00'),
    acknowledged: d('03-07T02:10'),
    contained: d('03-07T04:00'),
    recovered: d('03-07T08:00'),
    resolved: d('03-08T12:00'),
    review_published: d('03-11T12:00'),
    factors: 1,
    ratings: [7],
    repeat: true,
  },
  // I3: no acknowledged/recovered; Fri 03-15 10:00 → Fri 03-22 10:00 = 14/24 + 4 + 10/24 = 5; no factors.
  {
    id: 'I3',
    kind: 'incident',
    severity: 'Medium',
    declared: d('03-12T08:30'),
    impact_started: d('03-12T08:00'),
    detected: d('03-12T08:20'),
    contained: d('03-12T09:00'),
    resolved: d('03-15T10:00'),
    review_published: d('03-22T10:00'),
    factors: 0,
    ratings: [10, 6],
  },
  // I4: a drill: no review needed (excluded), but its timings count.
  {
    id: 'I4',
    kind: 'drill',
    severity: 'Low',
    declared: d('03-18T10:00'),
    impact_started: d('03-18T10:00'),
    detected: d('03-18T10:05'),
    acknowledged: d('03-18T10:06'),
    contained: d('03-18T10:10'),
    recovered: d('03-18T10:20'),
    resolved: d('03-18T11:00'),
  },
  // I5: no impact_started, no contained/recovered, review not yet published.
  {
    id: 'I5',
    kind: 'incident',
    severity: 'Low',
    declared: d('03-25T10:00'),
    detected: d('03-25T10:00'),
    acknowledged: d('03-25T10:30'),
    resolved: d('03-27T10:00'),
    repeat: true,
  },
  // February
  {
    id: 'P1',
    kind: 'incident',
    severity: 'High',
    declared: d('02-05T11:00'),
    impact_started: d('02-05T10:00'),
    detected: d('02-05T11:00'),
    acknowledged: d('02-05T11:30'),
    contained: d('02-05T12:00'),
    recovered: d('02-05T14:00'),
    resolved: d('02-05T12:00'),
    review_published: d('02-12T12:00'),
    factors: 1,
    ratings: [9],
  },
  {
    id: 'P2',
    kind: 'incident',
    severity: 'Critical',
    declared: d('02-20T10:40'),
    impact_started: d('02-20T10:00'),
    detected: d('02-20T10:40'),
    acknowledged: d('02-20T10:45'),
    contained: d('02-20T11:00'),
    recovered: d('02-20T11:30'),
    resolved: d('02-20T12:00'),
    review_published: d('02-21T12:00'),
    factors: 1,
    repeat: true,
  },
];
const ACTIONS: ActionRow[] = [
  { due: d('03-10T00:00'), verified: d('03-09T12:00') }, // on time
  { due: d('03-15T00:00'), verified: d('03-20T12:00') }, // late
  { due: d('03-20T00:00'), wont_do: true }, // excluded
  { due: d('03-28T00:00') }, // never verified
  { due: d('03-31T00:00'), verified: d('03-31T00:00') }, // on the due instant counts
  { due: d('04-05T00:00'), verified: d('04-01T00:00') }, // outside the period
];

const MARCH: KpiScope = { from: d('03-01T00:00'), to: d('04-01T00:00') };
const FEBRUARY: KpiScope = { from: d('02-01T00:00'), to: d('03-01T00:00') };
const JANUARY: KpiScope = { from: d('01-01T00:00'), to: d('02-01T00:00') };

function byId(results: KpiResult[]): Record<string, KpiResult> {
  return Object.fromEntries(results.map((r) => [r.id, r]));
}

describe('computeKpis', () => {
  const source = new MemoryKpiSource(ROWS, ACTIONS);

  it('computes ratio KPIs with denominators and exclusions', async () => {
    const results = await computeKpis(source, MARCH, undefined, FEBRUARY);
    expect(KpiResult.array().parse(results)).toEqual(results); // the API schema accepts what is computed
    const k = byId(results);
    expect(k.review_completion_rate).toMatchObject({ value: 75, n: 4, excluded: 1, status: 'not_met' });
    expect(k.review_completion_rate?.trend).toEqual({ previous: 100, change: -25, direction_good: false });
    expect(k.action_implementation_rate).toMatchObject({ value: 50, n: 4, excluded: 1, status: 'not_met' });
    expect(k.action_implementation_rate?.trend).toBeUndefined(); // nothing was due in February
    expect(k.root_cause_identification_rate).toMatchObject({ value: 66.67, n: 3, status: 'not_met' });
    expect(k.repeat_incident_rate).toMatchObject({ value: 40, n: 5, status: 'not_met' });
    expect(k.repeat_incident_rate?.trend).toEqual({ previous: 50, change: -10, direction_good: true });
  });

  it('reports the mean rating and does not round 8.0 up to "> 8"', async () => {
    const k = byId(await computeKpis(source, MARCH, undefined, FEBRUARY));
    expect(k.improvement_effectiveness).toMatchObject({ value: 8, n: 5, unit: 'score', status: 'not_met' });
    expect(k.improvement_effectiveness?.trend).toEqual({ previous: 9, change: -1, direction_good: false });
  });

  it('computes durations as median, p90 and n, counting missing timestamps', async () => {
    const k = byId(await computeKpis(source, MARCH, undefined, FEBRUARY));
    expect(k.time_to_review).toMatchObject({
      value: 2,
      median: 2,
      p90: 4.4,
      n: 3,
      missing: 1,
      status: 'met',
    });
    expect(k.time_to_review?.trend).toEqual({ previous: 3, change: -1, direction_good: true });
    expect(k.mttd).toMatchObject({ value: 25, median: 25, p90: 93, n: 4, missing: 1, status: 'met' });
    expect(k.mttd?.trend).toEqual({ previous: 50, change: -25, direction_good: true });
    expect(k.mttc).toMatchObject({ value: 50, p90: 102, n: 4, missing: 1, status: 'not_met' });
    expect(k.time_to_acknowledge).toMatchObject({ value: 10, p90: 24, n: 4, missing: 1, status: 'met' });
    expect(k.time_to_recover).toMatchObject({ value: 180, p90: 1572, n: 3, missing: 2, status: 'not_met' });
    expect(k.time_to_recover?.trend).toEqual({ previous: 165, change: 15, direction_good: false });
  });

  it('reports the severity distribution and its shift toward lower severity', async () => {
    const k = byId(await computeKpis(source, MARCH, undefined, FEBRUARY));
    expect(k.severity_distribution).toMatchObject({
      value: 40,
      n: 5,
      breakdown: { Critical: 1, High: 1, Medium: 1, Low: 2 },
      previous_breakdown: { Critical: 1, High: 1, Medium: 0, Low: 0 },
      trend: { previous: 100, change: -60, direction_good: true },
      status: 'met',
    });
  });

  it('returns every KPI with its definition, target text and no_data for an empty period', async () => {
    const results = await computeKpis(source, JANUARY);
    expect(results.map((r) => r.id)).toHaveLength(11);
    for (const r of results) {
      expect(r.value).toBeNull();
      expect(r.n).toBe(0);
      expect(r.status).toBe('no_data');
      expect(r.definition.length).toBeGreaterThan(40);
    }
    expect(byId(results).time_to_review?.target).toMatchObject({ op: '<', value: 5, unit: 'business_days' });
  });

  it('gives no_data, not 0% or 100%, when every incident is excluded', async () => {
    const drills = new MemoryKpiSource([ROWS[3] as Row]);
    const k = byId(await computeKpis(drills, MARCH));
    expect(k.review_completion_rate).toMatchObject({ value: null, n: 0, excluded: 1, status: 'no_data' });
    expect(k.time_to_review).toMatchObject({ value: null, n: 0, missing: 0, status: 'no_data' });
    // Without a previous period a trend target has nothing to compare with.
    expect(k.mttd).toMatchObject({ value: 5, n: 1, status: 'no_data' });
    expect(k.mttd?.trend).toBeUndefined();
  });

  it('reports all-missing durations as missing with no value', async () => {
    const bare: Row = { id: 'X', kind: 'incident', severity: 'Low', declared: d('03-02T00:00') };
    const k = byId(await computeKpis(new MemoryKpiSource([bare]), MARCH));
    expect(k.mttd).toMatchObject({ value: null, n: 0, missing: 1, status: 'no_data' });
    expect(k.severity_distribution).toMatchObject({ value: 0, n: 1 });
  });

  it('rejects an empty or inverted period', async () => {
    await expect(computeKpis(source, { from: MARCH.to, to: MARCH.from })).rejects.toMatchObject({
      code: 'kpi_scope_invalid',
    });
    expect(KpiScopeInput.safeParse({ from: MARCH.to, to: MARCH.from }).success).toBe(false);
  });
});

describe('previousPeriodOf', () => {
  it('returns the period of equal length just before, keeping the filters', () => {
    expect(previousPeriodOf({ ...MARCH, services: ['checkout'] })).toEqual({
      from: '2024-01-30T00:00:00.000Z', // 31 days before 1 March
      to: '2024-03-01T00:00:00.000Z',
      services: ['checkout'],
    });
  });
});
