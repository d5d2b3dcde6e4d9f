import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeKpis } from '../../core/kpis/kpi.compute.js';
import type { KpiScope } from '../../core/kpis/kpi.source.js';
import type { Actor } from '../../core/shared/actor.js';
import { STORE_KINDS, freshStore } from '../../../test/support/stores.js';
import { NO_ACTION_TABLES } from './kpi.actions.sql.js';
import { insertIncidentRow, insertReviewRow, recurrenceLink } from './kpi.rows.test-support.js';
import { SqlKpiSource } from './kpi.source.sql.js';
import { SqlTrendSource } from './trend.source.sql.js';

/*
 * Hand-computed data set (period: March 2024). Minutes per incident:
 *         mttd        mttc   ack   recover   resolved   review (business days)   factors
 *   A     60 (sec)    60     5     150       03-02      published 03-04, 2      technical
 *   B     20          40     10    120       03-05      published 03-10, 4      none
 *   C     missing     miss   15    missing   03-12      draft                    -
 *   D     90 (sec)    60     20    240       03-21      published 03-25, 3      technical, process   (restricted)
 *   E     missing     miss   30    missing   03-15      drill: no review
 *   F     February incident, its review (1 process factor) published 03-02.
 * Signatures: A and D share access_control-credential_theft-billing_api; F, B, C share
 * availability-unknown-checkout; a reviewer rejected C→B and C→F and confirmed E recurs A.
 */
const MARCH: KpiScope = { from: '2024-03-01T00:00:00Z', to: '2024-04-01T00:00:00Z' };
const outsider: Actor = { id: 'u-out', name: 'Out', role: 'viewer', teamIds: ['other'], via: 'token' };

describe.each(STORE_KINDS)('SQL KPI and trend aggregates on %s', (kind) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let kpis: SqlKpiSource;
  let trends: SqlTrendSource;

  beforeAll(async () => {
    store = await freshStore(kind);
    const db = store.db;
    const sec = { category: 'Access Control', attack_vector: 'Credential theft', services: ['billing-api'] };
    const ops = { category: 'Availability', services: ['checkout'], team: 'platform' };
    await insertIncidentRow(db, {
      id: 'INC-2024-0001',
      severity: 'High',
      team: 'secops',
      ...sec,
      at: {
        first_indicator: '2024-03-01T09:00:00Z',
        impact_started: '2024-03-01T09:30:00Z',
        detected: '2024-03-01T10:00:00Z',
        acknowledged: '2024-03-01T10:05:00Z',
        declared: '2024-03-01T10:10:00Z',
        contained: '2024-03-01T11:00:00Z',
        recovered: '2024-03-01T12:00:00Z',
        resolved: '2024-03-02T10:00:00Z',
      },
    });
    await insertIncidentRow(db, {
      id: 'INC-2024-0002',
      severity: 'Medium',
      ...ops,
      at: {
        impact_started: '2024-03-05T08:00:00Z',
        detected: '2024-03-05T08:20:00Z',
        acknowledged: '2024-03-05T08:30:00Z',
        declared: '2024-03-05T08:30:00Z',
        contained: '2024-03-05T09:00:00Z',
        recovered: '2024-03-05T10:00:00Z',
        resolved: '2024-03-05T12:00:00Z',
      },
    });
    await insertIncidentRow(db, {
      id: 'INC-2024-0003',
      severity: 'Low',
      ...ops,
      at: {
        detected: '2024-03-10T10:00:00Z',
        declared: '2024-03-10T10:00:00Z',
        acknowledged: '2024-03-10T10:15:00Z',
        resolved: '2024-03-12T10:00:00Z',
      },
    });
    await insertIncidentRow(db, {
      id: 'INC-2024-0004',
      severity: 'Critical',
      team: 'secops',
      restricted: true,
      ...sec,
      at: {
        first_indicator: '2024-03-20T00:00:00Z',
        impact_started: '2024-03-20T00:30:00Z',
        detected: '2024-03-20T01:30:00Z',
        declared: '2024-03-20T01:40:00Z',
        acknowledged: '2024-03-20T01:50:00Z',
        contained: '2024-03-20T02:30:00Z',
        recovered: '2024-03-20T04:30:00Z',
        resolved: '2024-03-21T00:00:00Z',
      },
    });
    await insertIncidentRow(db, {
      id: 'INC-2024-0005',
      severity: 'Low',
      kind: 'drill',
      category: 'drill',
      services: ['checkout'],
      team: 'platform',
      at: {
        detected: '2024-03-15T10:00:00Z',
        declared: '2024-03-15T10:00:00Z',
        acknowledged: '2024-03-15T10:30:00Z',
        resolved: '2024-03-15T11:00:00Z',
      },
    });
    await insertIncidentRow(db, {
      id: 'INC-2024-0006',
      severity: 'High',
      ...ops,
      at: {
        impact_started: '2024-02-20T10:00:00Z',
        detected: '2024-02-20T10:30:00Z',
        declared: '2024-02-20T10:30:00Z',
        resolved: '2024-02-21T10:00:00Z',
      },
    });
    const technical = { category: 'technical', description: 'no guard rail' };
    const process = { category: 'process', description: 'alarm routed to email' };
    await insertReviewRow(db, {
      incident_id: 'INC-2024-0001',
      published_at: '2024-03-04T10:00:00Z',
      time_to_review_business_days: 2,
      factors: [technical],
    });
    await insertReviewRow(db, {
      incident_id: 'INC-2024-0002',
      published_at: '2024-03-10T10:00:00Z',
      time_to_review_business_days: 4,
    });
    await insertReviewRow(db, { incident_id: 'INC-2024-0003' });
    await insertReviewRow(db, {
      incident_id: 'INC-2024-0004',
      published_at: '2024-03-25T10:00:00Z',
      time_to_review_business_days: 3,
      factors: [technical, process],
    });
    await insertReviewRow(db, {
      incident_id: 'INC-2024-0006',
      published_at: '2024-03-02T10:00:00Z',
      time_to_review_business_days: 1,
      factors: [process],
    });
    await db
      .insertInto('recurrence_links')
      .values([
        recurrenceLink('INC-2024-0003', 'INC-2024-0002', 'rejected'),
        recurrenceLink('INC-2024-0003', 'INC-2024-0006', 'rejected'),
        recurrenceLink('INC-2024-0005', 'INC-2024-0001', 'confirmed'),
      ])
      .execute();
    kpis = new SqlKpiSource(db, kind, NO_ACTION_TABLES);
    trends = new SqlTrendSource(db, kind, NO_ACTION_TABLES);
  });
  afterAll(() => store.dispose());

  it('review completion: resolved-date cohort, drills excluded and reported', async () => {
    expect(await kpis.reviewCompletion(MARCH)).toEqual({ numerator: 3, denominator: 4, excluded: 1 });
    const dayOfTheDrill = { from: '2024-03-15T00:00:00Z', to: '2024-03-16T00:00:00Z' };
    expect(await kpis.reviewCompletion(dayOfTheDrill)).toEqual({ numerator: 0, denominator: 0, excluded: 1 });
  });

  it('root-cause identification over reviews published in the period, with team filter', async () => {
    expect(await kpis.rootCauseIdentification(MARCH)).toEqual({ numerator: 3, denominator: 4, excluded: 0 });
    expect(await kpis.rootCauseIdentification({ ...MARCH, team_ids: ['platform'] })).toEqual({
      numerator: 1,
      denominator: 2,
      excluded: 0,
    });
  });

  it('repeat incidents by signature and confirmed links; rejected links override a signature', async () => {
    expect(await kpis.repeatIncidents(MARCH)).toEqual({ numerator: 3, denominator: 5, excluded: 0 });
    expect(await kpis.repeatIncidents({ ...MARCH, services: ['billing-api'] })).toEqual({
      numerator: 1,
      denominator: 2,
      excluded: 0,
    });
  });

  it('durations: median and p90 by linear interpolation, missing timestamps counted', async () => {
    expect(await kpis.duration('mttd', MARCH)).toEqual({ n: 3, median: 60, p90: 84, missing: 2 });
    expect(await kpis.duration('mttc', MARCH)).toEqual({ n: 3, median: 60, p90: 60, missing: 2 });
    const ack = await kpis.duration('time_to_acknowledge', MARCH);
    expect({ ...ack, p90: Number(ack.p90?.toFixed(6)) }).toEqual({ n: 5, median: 15, p90: 26, missing: 0 });
    expect(await kpis.duration('time_to_recover', MARCH)).toEqual({
      n: 3,
      median: 150,
      p90: 222,
      missing: 2,
    });
    const ttr = await kpis.duration('time_to_review', MARCH);
    expect({ ...ttr, p90: Number(ttr.p90?.toFixed(6)) }).toEqual({ n: 3, median: 3, p90: 3.8, missing: 1 });
  });

  it('durations asked together (one shared read per scope) equal durations asked one by one', async () => {
    const kinds = ['mttd', 'mttc', 'time_to_acknowledge', 'time_to_recover'] as const;
    const APRIL = { from: '2024-04-01T00:00:00Z', to: '2024-05-01T00:00:00Z' };
    const alone = [];
    for (const scope of [MARCH, APRIL]) for (const k of kinds) alone.push(await kpis.duration(k, scope));
    const together = await Promise.all(
      [MARCH, APRIL].flatMap((scope) => kinds.map((k) => kpis.duration(k, scope))),
    );
    expect(together).toEqual(alone);
    expect(together[0]).toEqual({ n: 3, median: 60, p90: 84, missing: 2 });
  });

  it('severity counts include the restricted incident', async () => {
    expect(await kpis.severityCounts(MARCH)).toEqual({ Critical: 1, High: 1, Medium: 1, Low: 2 });
    expect(await kpis.severityCounts({ ...MARCH, severities: ['Low'] })).toEqual({ Low: 2 });
  });

  it('no incidents in the period gives no data, not zeros dressed as values', async () => {
    const empty = { from: '2023-01-01T00:00:00Z', to: '2023-02-01T00:00:00Z' };
    expect(await kpis.reviewCompletion(empty)).toEqual({ numerator: 0, denominator: 0, excluded: 0 });
    expect(await kpis.duration('mttd', empty)).toEqual({ n: 0, median: null, p90: null, missing: 0 });
    expect(await kpis.severityCounts(empty)).toEqual({});
    const results = await computeKpis(kpis, empty);
    for (const r of results) {
      expect(r.value, r.id).toBeNull();
      expect(r.status, r.id).toBe('no_data');
    }
  });

  it('computes every KPI of the period with statuses and the trend vs February', async () => {
    const previous = { from: '2024-02-01T00:00:00Z', to: '2024-03-01T00:00:00Z' };
    const results = await computeKpis(kpis, MARCH, undefined, previous);
    const byId = Object.fromEntries(results.map((r) => [r.id, r]));
    expect(byId.review_completion_rate).toMatchObject({ value: 75, n: 4, excluded: 1, status: 'not_met' });
    expect(byId.repeat_incident_rate).toMatchObject({ value: 60, n: 5, status: 'not_met' });
    expect(byId.mttd).toMatchObject({ value: 60, median: 60, p90: 84, n: 3, missing: 2 });
    expect(byId.mttd?.trend).toEqual({ previous: 30, change: 30, direction_good: false });
    expect(byId.severity_distribution).toMatchObject({
      value: 40,
      n: 5,
      breakdown: { Critical: 1, High: 1, Medium: 1, Low: 2 },
      previous_breakdown: { Critical: 0, High: 1, Medium: 0, Low: 0 },
    });
    expect(byId.action_implementation_rate).toMatchObject({ value: null, n: 0, status: 'no_data' });
  });

  it('trend counts per bucket and dimension, restricted incidents counted', async () => {
    expect(await trends.incidentCount(MARCH)).toBe(5);
    expect(await trends.countsBy('severity', 'week', MARCH)).toEqual([
      { bucket: '2024-02-26', key: 'High', count: 1 },
      { bucket: '2024-03-04', key: 'Low', count: 1 },
      { bucket: '2024-03-04', key: 'Medium', count: 1 },
      { bucket: '2024-03-11', key: 'Low', count: 1 },
      { bucket: '2024-03-18', key: 'Critical', count: 1 },
    ]);
    expect(await trends.countsBy('service', 'month', MARCH)).toEqual([
      { bucket: '2024-03-01', key: 'billing-api', count: 2 },
      { bucket: '2024-03-01', key: 'checkout', count: 3 },
    ]);
    expect(await trends.countsBy('factor_category', 'month', MARCH)).toEqual([
      { bucket: '2024-03-01', key: 'process', count: 1 },
      { bucket: '2024-03-01', key: 'technical', count: 2 },
      { bucket: '2024-03-01', key: 'unknown', count: 3 },
    ]);
    expect(await trends.countsBy('attack_vector', 'month', MARCH)).toEqual([
      { bucket: '2024-03-01', key: 'Credential theft', count: 2 },
      { bucket: '2024-03-01', key: 'unknown', count: 3 },
    ]);
  });

  it('repeat signatures count every incident but list only ids the viewer may see', async () => {
    const repeats = await trends.repeatSignatures({ ...MARCH, viewer: outsider }, [
      'category',
      'attack_vector',
      'affected_service',
    ]);
    expect(repeats).toEqual([
      {
        signature: 'access_control-credential_theft-billing_api',
        service: 'billing_api',
        count: 2,
        incident_ids: ['INC-2024-0001'],
      },
      {
        signature: 'availability-unknown-checkout',
        service: 'checkout',
        count: 2,
        incident_ids: ['INC-2024-0002', 'INC-2024-0003'],
      },
    ]);
  });
});
