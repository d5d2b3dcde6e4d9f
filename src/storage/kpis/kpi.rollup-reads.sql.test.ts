import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../test/support/seeded-random.js';
import { STORE_KINDS, freshStore } from '../../../test/support/stores.js';
import type { KpiScope } from '../../core/kpis/kpi.source.js';
import { percentile } from '../../core/kpis/stats.js';
import { TREND_DIMENSIONS } from '../../core/kpis/trend-report.source.js';
import type { Actor } from '../../core/shared/actor.js';
import { DEFAULT_SIGNATURE_FIELDS } from '../../core/similarity/signature.js';
import { signatureKind } from '../repositories/similarity.derived-index.js';
import type { Database } from '../schema.js';
import { NO_ACTION_TABLES } from './kpi.actions.sql.js';
import { insertIncidentRow, insertReviewRow } from './kpi.rows.test-support.js';
import { BLOCK_DAYS, DAY_MS } from './kpi.rollups.sql.js';
import { wholeDaysOf } from './kpi.rollup-reads.sql.js';
import { SqlKpiSource } from './kpi.source.sql.js';
import { SqlTrendSource } from './trend.source.sql.js';

/*
 * The day rollups must answer exactly what the facts answer. Every KPI of an unfiltered period (rollups for the
 * whole days, facts for the partial ones) is compared with the same period filtered to every team, which reads
 * the facts alone, and the durations also with percentiles computed here from the facts' values. The incidents
 * are declared at arbitrary instants over 200 days, so periods start and end mid-day, span 32-day blocks or
 * sit inside one; durations range from negative to weeks with ties, and some are missing.
 */
const START = Date.parse('2024-01-03T00:00:00Z');
const TEAMS = ['platform', 'secops', 'data'];
const SERVICES = ['checkout', 'billing-api', 'search', 'auth'];
const FACTORS = ['technical', 'process', 'human', 'organizational'];
const DURATIONS = ['time_to_review', 'mttd', 'mttc', 'time_to_acknowledge', 'time_to_recover'] as const;

const iso = (ms: number) => new Date(ms).toISOString();

async function seed(db: Kysely<Database>): Promise<void> {
  const rnd = mulberry32(11);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
  // Minutes: a few repeated values (ties), a long tail, now and then a negative or zero one.
  const minutes = () =>
    rnd() < 0.2
      ? pick([5, 30, 60])
      : rnd() < 0.05
        ? pick([-3, 0])
        : Math.round(rnd() ** 3 * 20_000 * 100) / 100;
  const maybe = (ms: number) => (rnd() < 0.15 ? undefined : iso(ms));
  for (let n = 1; n <= 400; n += 1) {
    const id = `INC-2024-${String(n).padStart(4, '0')}`;
    const started = START + Math.floor(rnd() * 200 * DAY_MS);
    const detected = started + minutes() * 60_000;
    const declared = detected + Math.floor(rnd() * 90) * 60_000;
    const resolved = declared + Math.floor(rnd() * 6 * DAY_MS);
    await insertIncidentRow(db, {
      id,
      team: pick(TEAMS),
      severity: pick(['Critical', 'High', 'Medium', 'Low']),
      // Every fifth incident repeats one pattern, so a signature has more incidents than a report lists.
      ...(n % 5 === 0
        ? { category: 'Availability', attack_vector: null, services: ['checkout'] }
        : {
            category: pick(['Availability', 'Access Control', 'drill']),
            attack_vector: pick([null, 'Credential theft', 'Phishing']),
            services: [...new Set([pick(SERVICES), pick(SERVICES)])].slice(0, Math.floor(rnd() * 3)),
          }),
      at: {
        impact_started: iso(started),
        first_indicator: maybe(started - minutes() * 60_000),
        detected: maybe(detected),
        declared: iso(declared),
        acknowledged: maybe(detected + minutes() * 60_000),
        contained: maybe(detected + minutes() * 60_000),
        recovered: maybe(started + minutes() * 60_000),
        resolved: rnd() < 0.9 ? iso(resolved) : undefined,
      },
    });
    if (rnd() < 0.7) {
      await insertReviewRow(db, {
        incident_id: id,
        published_at: rnd() < 0.8 ? iso(resolved + Math.floor(rnd() * 20 * DAY_MS)) : undefined,
        time_to_review_business_days: rnd() < 0.9 ? Math.floor(rnd() * 30) / 2 : undefined,
        factors: [pick(FACTORS), pick(FACTORS)]
          .slice(0, Math.floor(rnd() * 3))
          .map((category) => ({ category, description: `${category} gap` })),
      });
    }
  }
}

const at = (days: number) => iso(START + days * DAY_MS);
const ADMIN: Actor = { id: 'ada', name: 'Ada', role: 'admin', teamIds: [], via: 'token' };
const SCOPES: KpiScope[] = [
  { from: at(0), to: at(200) },
  { from: at(13.37), to: at(103.9) },
  { from: at(40.5), to: at(41.25) },
  { from: at(40.5), to: at(42.25) },
  { from: at(61), to: at(61 + BLOCK_DAYS * 2) },
  { from: at(70.01), to: at(150.99), severities: ['High', 'Critical'] },
  { from: at(-30.5), to: at(10.5) },
];

describe.each(STORE_KINDS)('KPIs from the day rollups equal KPIs from the facts on %s', (kind) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let kpis: SqlKpiSource;
  let trends: SqlTrendSource;

  beforeAll(async () => {
    store = await freshStore(kind);
    await seed(store.db);
    kpis = new SqlKpiSource(store.db, kind, NO_ACTION_TABLES);
    trends = new SqlTrendSource(store.db, kind, NO_ACTION_TABLES);
  });
  afterAll(() => store.dispose());

  it('the periods exercise whole days, partial days, blocks and periods without a whole day', () => {
    const split = SCOPES.map((s) => wholeDaysOf(s, { severities: true }));
    expect(split.filter((d) => d === null)).toHaveLength(1);
    expect(split.some((d) => d !== null && d.endDay - d.firstDay > 2 * BLOCK_DAYS)).toBe(true);
    expect(split.some((d) => d !== null && d.edges.length === 2)).toBe(true);
    expect(split.some((d) => d !== null && d.edges.length === 0)).toBe(true);
  });

  it.each(SCOPES)('every KPI, $from – $to $severities', async (scope) => {
    const viaFacts = { ...scope, team_ids: TEAMS };
    const pairs = [
      [await kpis.reviewCompletion(scope), await kpis.reviewCompletion(viaFacts)],
      [await kpis.rootCauseIdentification(scope), await kpis.rootCauseIdentification(viaFacts)],
      [await kpis.repeatIncidents(scope), await kpis.repeatIncidents(viaFacts)],
      [await kpis.improvementRatings(scope), await kpis.improvementRatings(viaFacts)],
      [await kpis.severityCounts(scope), await kpis.severityCounts(viaFacts)],
    ];
    for (const [rolled, facts] of pairs) expect(rolled).toEqual(facts);
    if (scope.severities) return; // the duration rollups have no severity; such a period reads the facts
    for (const duration of DURATIONS) {
      const rolled = await kpis.duration(duration, scope);
      expect(rolled, duration).toEqual(await kpis.duration(duration, viaFacts));
      expect(rolled, duration).toEqual(await plainDuration(store.db, duration, scope));
    }
  });

  it.each(SCOPES)(
    'trend counts per week and month, the incident count and repeat signatures, $from – $to',
    async (scope) => {
      await expectTrendsFromRollupsEqualCounts(scope);
    },
  );

  it('trend counts and repeat signatures follow writes: re-dated, re-categorised, services and factors changed', async () => {
    const db = store.db;
    const touch = (id: string, set: Record<string, unknown>) =>
      db
        .updateTable('incidents')
        .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .execute();
    await touch('INC-2024-0001', { declared_ms: START + 150.5 * DAY_MS, category: 'Data loss' });
    await touch('INC-2024-0002', { attack_vector: 'Supply chain', severity: 'Low' });
    await db.deleteFrom('incident_services').where('incident_id', '=', 'INC-2024-0003').execute();
    await db
      .insertInto('incident_services')
      .values({ incident_id: 'INC-2024-0003', service: 'ledger' })
      .execute();
    await touch('INC-2024-0003', {});
    const reviewed = await db.selectFrom('reviews').select('id').orderBy('id').limit(2).execute();
    for (const { id } of reviewed) {
      await db.deleteFrom('contributing_factors').where('review_id', '=', id).execute();
    }
    await db
      .insertInto('contributing_factors')
      .values({
        review_id: reviewed[0]?.id ?? '',
        position: 0,
        category: 'vendor',
        description: 'x',
        is_primary: 1,
      })
      .execute();
    for (const scope of SCOPES) await expectTrendsFromRollupsEqualCounts(scope);
  });

  it("lists each repeat signature's first 20 incidents of the period by declared instant", async () => {
    const scope = { ...(SCOPES[0] as KpiScope), viewer: ADMIN };
    const repeats = await trends.repeatSignatures(scope, DEFAULT_SIGNATURE_FIELDS);
    const rows = await store.db
      .selectFrom('incident_signatures as s')
      .innerJoin('incidents as i', 'i.id', 's.incident_id')
      .select(['s.signature', 's.incident_id', 'i.declared_ms'])
      .where('s.fields_key', '=', signatureKind(DEFAULT_SIGNATURE_FIELDS))
      .execute();
    const from = Date.parse(scope.from);
    const to = Date.parse(scope.to);
    expect(repeats.some((r) => r.count > 20)).toBe(true);
    for (const repeat of repeats) {
      const expected = rows
        .filter(
          (r) =>
            r.signature === repeat.signature && Number(r.declared_ms) >= from && Number(r.declared_ms) < to,
        )
        .sort(
          (a, b) => Number(a.declared_ms) - Number(b.declared_ms) || (a.incident_id < b.incident_id ? -1 : 1),
        )
        .map((r) => r.incident_id);
      expect(expected).toHaveLength(repeat.count);
      expect(repeat.incident_ids).toEqual(expected.slice(0, 20));
    }
  });

  async function expectTrendsFromRollupsEqualCounts(scope: KpiScope): Promise<void> {
    const viaIncidents = { ...scope, team_ids: TEAMS };
    expect(await trends.incidentCount(scope)).toBe(await trends.incidentCount(viaIncidents));
    const repeats = await trends.repeatSignatures(scope, DEFAULT_SIGNATURE_FIELDS);
    expect(repeats).toEqual(await trends.repeatSignatures(viaIncidents, DEFAULT_SIGNATURE_FIELDS));
    if (scope === SCOPES[0]) expect(repeats.length).toBeGreaterThan(10);
    for (const bucket of ['week', 'month'] as const) {
      for (const dimension of TREND_DIMENSIONS) {
        const rolled = await trends.countsBy(dimension, bucket, scope);
        expect(rolled, `${dimension} by ${bucket}`).toEqual(
          await trends.countsBy(dimension, bucket, viaIncidents),
        );
      }
    }
  }

  it('the data set has what the comparison needs: ties, negatives, missing values, many buckets', async () => {
    const { rows } = await sql<{
      buckets: number | string;
      missing: number | string;
      negative: number | string;
    }>`
      select count(distinct mttd_bucket) as buckets, sum(case when mttd is null then 1 else 0 end) as missing,
        sum(case when mttc < 0 or time_to_acknowledge < 0 or time_to_recover < 0 then 1 else 0 end) as negative from kpi_incident_facts`.execute(
      store.db,
    );
    expect(Number(rows[0]?.buckets)).toBeGreaterThan(100);
    expect(Number(rows[0]?.missing)).toBeGreaterThan(10);
    expect(Number(rows[0]?.negative)).toBeGreaterThan(0);
    const whole = await kpis.duration('mttd', SCOPES[0] as KpiScope);
    expect(whole.n).toBeGreaterThan(250);
  });
});

/** n, missing, median and p90 of a duration computed here from the facts' values. */
async function plainDuration(db: Kysely<Database>, duration: (typeof DURATIONS)[number], scope: KpiScope) {
  const cohort = duration === 'time_to_review' ? 'resolved_ms' : 'declared_ms';
  const { rows } = await sql<{ v: number | null; at: number | string | null; needs_review: number }>`
    select ${sql.ref(duration)} as v, ${sql.ref(cohort)} as at, needs_review from kpi_incident_facts`.execute(
    db,
  );
  const from = Date.parse(scope.from);
  const to = Date.parse(scope.to);
  const inCohort = rows.filter(
    (r) =>
      r.at !== null &&
      Number(r.at) >= from &&
      Number(r.at) < to &&
      (duration !== 'time_to_review' || Number(r.needs_review) === 1),
  );
  const values = inCohort.filter((r) => r.v !== null).map((r) => Number(r.v));
  return {
    n: values.length,
    missing: inCohort.length - values.length,
    median: percentile(values, 0.5),
    p90: percentile(values, 0.9),
  };
}
