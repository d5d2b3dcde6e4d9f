import { describe, expect, it } from 'vitest';
import { ManualClock } from '../shared/clock.js';
import type { KpiScope } from './kpi.source.js';
import { generateTrendReport } from './trend-report.js';
import { renderTrendReportJson, renderTrendReportMarkdown } from './trend-report.render.js';
import { TrendReport } from './trend-report.schema.js';
import type {
  BucketCount,
  OverdueGroup,
  RepeatSignature,
  TrendDimension,
  TrendSource,
} from './trend-report.source.js';

const CURRENT_FROM = '2024-01-02T00:00:00.000Z';
const PREVIOUS_FROM = '2023-10-04T00:00:00.000Z';
const NOW = '2024-04-01T00:00:00.000Z';

/** [key, current, previous]; current counts are split over two weeks to check that buckets are summed. */
const COUNTS: Record<TrendDimension, Array<[string, number, number]>> = {
  service: [
    ['checkout-api', 12, 4], // +8 from a small base: no percentage
    ['orders-db', 9, 6], // +3, +50%
    ['iam', 2, 1], // 1 → 2 is noise: below the minimum count
    ['cloudtrail', 5, 5],
  ],
  category: [
    ['error', 15, 10],
    ['hacking', 7, 8],
  ],
  severity: [
    ['High', 6, 2],
    ['Critical', 1, 1],
  ],
  factor_category: [
    ['technical', 10, 10],
    ['process', 6, 3],
  ],
  attack_vector: [
    ['unknown', 15, 10], // missing values are not a finding
    ['Use of stolen creds', 5, 5],
  ],
};

const REPEATS: RepeatSignature[] = [
  {
    signature: 'error-unknown-checkout_api',
    service: 'checkout-api',
    count: 4,
    incident_ids: ['I1', 'I4', 'I7', 'I9'],
  },
  {
    signature: 'error-capacity_shortage-checkout_api',
    service: 'checkout-api',
    count: 2,
    incident_ids: ['I2', 'I8'],
  },
  { signature: 'hacking-use_of_stolen_creds-iam', service: 'iam', count: 2, incident_ids: ['I3', 'I5'] },
];
const OVERDUE: OverdueGroup[] = [
  { team: 'core', owner: 'carol', count: 2, oldest_due: '2024-03-01T00:00:00.000Z' },
  { team: 'payments', owner: 'alice', count: 6, oldest_due: '2024-01-15T00:00:00.000Z' },
  { team: null, owner: 'bob', count: 3, oldest_due: '2024-02-01T00:00:00.000Z' },
];

class CraftedTrendSource implements TrendSource {
  readonly scopes: KpiScope[] = [];
  private isCurrent(scope: KpiScope): boolean {
    this.scopes.push(scope);
    if (scope.from === CURRENT_FROM && scope.to === NOW) return true;
    if (scope.from === PREVIOUS_FROM && scope.to === CURRENT_FROM) return false;
    throw new Error(`unexpected window ${scope.from}..${scope.to}`);
  }
  incidentCount(scope: KpiScope): Promise<number> {
    return Promise.resolve(this.isCurrent(scope) ? 22 : 18);
  }
  countsBy(dimension: TrendDimension, _bucket: 'week' | 'month', scope: KpiScope): Promise<BucketCount[]> {
    const current = this.isCurrent(scope);
    return Promise.resolve(
      COUNTS[dimension].flatMap(([key, now, before]): BucketCount[] =>
        current
          ? [
              { bucket: '2024-01-01', key, count: Math.floor(now / 2) },
              { bucket: '2024-02-05', key, count: now - Math.floor(now / 2) },
            ]
          : [{ bucket: '2023-11-06', key, count: before }],
      ),
    );
  }
  repeatSignatures(scope: KpiScope): Promise<RepeatSignature[]> {
    expect(this.isCurrent(scope)).toBe(true);
    return Promise.resolve(REPEATS);
  }
  overdueActions(scope: KpiScope, asOf: string): Promise<OverdueGroup[]> {
    expect(this.isCurrent(scope)).toBe(true);
    expect(asOf).toBe(NOW);
    return Promise.resolve(OVERDUE);
  }
}

describe('trend report', () => {
  const clock = new ManualClock(NOW);

  it('compares the 90-day window with the previous one per dimension', async () => {
    const report = await generateTrendReport(new CraftedTrendSource(), clock);
    expect(report.analysis_period).toBe('90 days (2024-01-02 to 2024-04-01, exclusive)');
    expect(report.metrics.total_incidents).toBe(22);
    expect(report.metrics.previous_total_incidents).toBe(18);
    expect(report.metrics.by.service).toEqual([
      { key: 'checkout-api', count: 12, previous: 4, change: 8, change_pct: null },
      { key: 'orders-db', count: 9, previous: 6, change: 3, change_pct: 50 },
      { key: 'cloudtrail', count: 5, previous: 5, change: 0, change_pct: 0 },
      { key: 'iam', count: 2, previous: 1, change: 1, change_pct: null },
    ]);
    expect(report.metrics.series.service).toHaveLength(8);
    expect(TrendReport.parse(report)).toEqual(report);
  });

  it('finds the largest increases without small-number noise, repeat services and overdue hot spots', async () => {
    const report = await generateTrendReport(new CraftedTrendSource(), clock);
    expect(report.key_findings.map((f) => [f.id, f.kind, f.dimension ?? null, f.key, f.count])).toEqual([
      ['F1', 'increase', 'service', 'checkout-api', 12],
      ['F2', 'increase', 'category', 'error', 15],
      ['F3', 'increase', 'severity', 'High', 6],
      ['F4', 'increase', 'service', 'orders-db', 9],
      ['F5', 'increase', 'factor_category', 'process', 6],
      ['F6', 'repeats', 'service', 'checkout-api', 4],
      ['F7', 'overdue', null, 'alice (team payments)', 6],
      ['F8', 'overdue', null, 'bob', 3],
    ]);
    expect(report.key_findings[0]?.summary).toBe(
      'Service checkout-api: 12 incidents, up 8 from 4 (from a small base).',
    );
    expect(report.key_findings[1]?.summary).toBe('Category error: 15 incidents, up 5 from 10 (+50%).');
    expect(report.key_findings[5]?.summary).toBe(
      'Service checkout-api: 4 repeat incidents across 2 signature(s).',
    );
    expect(report.key_findings[6]?.summary).toBe(
      'alice (team payments) has 6 overdue actions, the oldest due 2024-01-15.',
    );
  });

  it('ties each recommendation to a finding', async () => {
    const report = await generateTrendReport(new CraftedTrendSource(), clock);
    expect(report.recommendations.map((r) => [r.finding_id, r.priority])).toEqual([
      ['F1', 'High'],
      ['F2', 'High'],
      ['F3', 'Medium'],
      ['F4', 'Medium'],
      ['F5', 'Medium'],
      ['F6', 'High'],
      ['F7', 'High'],
      ['F8', 'Medium'],
    ]);
    expect(report.recommendations[5]?.text).toContain('checkout-api');
  });

  it('respects thresholds and other windows', async () => {
    const report = await generateTrendReport(new CraftedTrendSource(), clock, {
      min_count: 10,
      min_repeats: 5,
      min_overdue: 7,
    });
    // A 30-day window asks the store for other dates; the crafted source only knows the 90-day ones.
    await expect(generateTrendReport(new CraftedTrendSource(), clock, { days: 30 })).rejects.toThrow(
      'unexpected window',
    );
    expect(report.key_findings.map((f) => f.key)).toEqual(['checkout-api', 'error']);
    expect(report.metrics.by.category.find((r) => r.key === 'error')?.change_pct).toBe(50);
    expect(report.metrics.by.service.find((r) => r.key === 'orders-db')?.change_pct).toBeNull();
  });

  it('renders Markdown and JSON', async () => {
    const report = await generateTrendReport(new CraftedTrendSource(), clock);
    const md = renderTrendReportMarkdown(report);
    expect(md).toContain('# Incident trend report');
    expect(md).toContain('- **F1** Service checkout-api: 12 incidents, up 8 from 4 (from a small base).');
    expect(md).toContain('- **High** (F7) Re-plan alice (team payments)');
    expect(md).toContain('| checkout-api | 12 | 4 | +8 |');
    expect(md).toContain('| orders-db | 9 | 6 | +3 (+50%) |');
    expect(md).toContain('| error-unknown-checkout\\_api | 4 | I1, I4, I7, I9 |');
    expect(md).toContain('| bob | — | 3 | 2024-02-01 |');
    expect(JSON.parse(renderTrendReportJson(report))).toEqual(report);
  });
});
