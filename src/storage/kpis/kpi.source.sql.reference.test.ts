import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KpiScope } from '../../core/kpis/kpi.source.js';
import { percentile } from '../../core/kpis/stats.js';
import { DEFAULT_SIGNATURE_FIELDS } from '../../core/similarity/signature.js';
import { mulberry32 } from '../../../test/support/seeded-random.js';
import { STORE_KINDS, freshStore } from '../../../test/support/stores.js';
import { signatureKind } from '../repositories/similarity.derived-index.js';
import type { Database } from '../schema.js';
import { NO_ACTION_TABLES } from './kpi.actions.sql.js';
import { insertIncidentRow, insertReviewRow } from './kpi.rows.test-support.js';
import { NO_REVIEW_CATEGORIES, NO_REVIEW_KINDS } from './kpi.scope.sql.js';
import { SqlKpiSource } from './kpi.source.sql.js';
import type { Kysely } from 'kysely';

/*
 * The set-based KPI queries (time to review, repeat incidents) against a straightforward computation over the
 * same rows in TypeScript, on a seeded data set with the awkward cases the queries must keep: reviews that
 * cover several incidents, a review whose covered-incident row is missing (filed under only), unpublished
 * and unmeasured reviews, signatures shared by incidents declared at the same instant, and confirmed and
 * rejected recurrence links.
 */
const DAY = 86_400_000;
const START = Date.parse('2024-01-01T00:00:00Z');
const INCIDENTS = 160;
const SERVICES = [
  'checkout',
  'billing-api',
  'search',
  'auth',
  'ledger',
  'mail',
  'cdn',
  'queue',
  'dns',
  'vpn',
];

const id = (n: number) => `INC-2024-${String(n).padStart(4, '0')}`;
const iso = (ms: number) => new Date(ms).toISOString();

async function seed(db: Kysely<Database>): Promise<void> {
  const rnd = mulberry32(7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
  for (let n = 1; n <= INCIDENTS; n += 1) {
    // Whole days only, so several incidents share a declared instant (ties are not "earlier").
    const declared = START + Math.floor(rnd() * 120) * DAY;
    await insertIncidentRow(db, {
      id: id(n),
      severity: pick(['Critical', 'High', 'Medium', 'Low']),
      category: pick(['Availability', 'Access Control', 'drill', 'Data']),
      kind: rnd() < 0.1 ? 'test' : 'incident',
      attack_vector: pick([null, 'Credential theft']),
      services: rnd() < 0.2 ? ['checkout', 'billing-api'] : [pick(SERVICES)],
      team: pick(['platform', 'secops']),
      at: {
        declared: iso(declared),
        ...(rnd() < 0.85 ? { resolved: iso(declared + Math.floor(rnd() * 20) * DAY) } : {}),
      },
    });
    if (rnd() < 0.75) {
      const published = rnd() < 0.8;
      await insertReviewRow(db, {
        incident_id: id(n),
        ...(published ? { published_at: iso(declared + 30 * DAY) } : {}),
        ...(rnd() < 0.9 ? { time_to_review_business_days: Math.floor(rnd() * 30) / 2 } : {}),
      });
      // Some reviews also cover earlier incidents; a few lost their own covered-incident row.
      if (n > 5 && rnd() < 0.25) {
        const other = id(1 + Math.floor(rnd() * (n - 1)));
        await db
          .insertInto('review_incidents')
          .values({ review_id: `REV-${id(n)}`, incident_id: other })
          .execute();
      }
      if (rnd() < 0.1) {
        await db
          .deleteFrom('review_incidents')
          .where('review_id', '=', `REV-${id(n)}`)
          .where('incident_id', '=', id(n))
          .execute();
      }
    }
  }
  const links: Array<{ incident_id: string; recurs_incident_id: string; decision: string }> = [];
  for (let k = 0; k < 60; k += 1) {
    const a = 1 + Math.floor(rnd() * INCIDENTS);
    const b = 1 + Math.floor(rnd() * INCIDENTS);
    if (a === b || links.some((l) => l.incident_id === id(a) && l.recurs_incident_id === id(b))) continue;
    links.push({
      incident_id: id(a),
      recurs_incident_id: id(b),
      decision: rnd() < 0.8 ? 'rejected' : 'confirmed',
    });
  }
  await db
    .insertInto('recurrence_links')
    .values(links.map((l) => ({ ...l, decided_by: 'rita', decided_at_ms: START })))
    .execute();
}

/** Reads the rows and computes both KPIs the plain way: loops, no SQL beyond SELECT *. */
async function reference(db: Kysely<Database>, scope: KpiScope) {
  const [incidents, reviews, covered, links, signatures] = await Promise.all([
    db.selectFrom('incidents').selectAll().execute(),
    db.selectFrom('reviews').selectAll().execute(),
    db.selectFrom('review_incidents').selectAll().execute(),
    db.selectFrom('recurrence_links').selectAll().execute(),
    db
      .selectFrom('incident_signatures')
      .selectAll()
      .where('fields_key', '=', signatureKind(DEFAULT_SIGNATURE_FIELDS))
      .execute(),
  ]);
  const from = Date.parse(scope.from);
  const to = Date.parse(scope.to);
  const inPeriod = (v: number | string | null) => v !== null && Number(v) >= from && Number(v) < to;
  const needsReview = (i: (typeof incidents)[number]) =>
    !NO_REVIEW_KINDS.includes(i.kind) && !NO_REVIEW_CATEGORIES.includes(i.category.toLowerCase());

  const ttrValues: Array<number | null> = incidents
    .filter((i) => inPeriod(i.resolved_ms) && needsReview(i))
    .map((i) => {
      const values = reviews
        .filter((r) => r.published_at_ms !== null)
        .filter(
          (r) =>
            r.incident_id === i.id || covered.some((c) => c.review_id === r.id && c.incident_id === i.id),
        )
        .map((r) => r.time_to_review_business_days)
        .filter((v): v is number => v !== null && v !== undefined)
        .map(Number);
      return values.length > 0 ? Math.min(...values) : null;
    });
  const measured = ttrValues.filter((v): v is number => v !== null);

  const declared = incidents.filter((i) => inPeriod(i.declared_ms));
  const rejected = (a: string, b: string) =>
    links.some((l) => l.incident_id === a && l.recurs_incident_id === b && l.decision === 'rejected');
  const repeats = declared.filter(
    (i) =>
      links.some((l) => l.incident_id === i.id && l.decision === 'confirmed') ||
      signatures
        .filter((a) => a.incident_id === i.id)
        .some((a) =>
          signatures.some(
            (b) =>
              b.signature === a.signature &&
              Number(b.occurred_ms) < Number(a.occurred_ms) &&
              !rejected(a.incident_id, b.incident_id),
          ),
        ),
  );
  return {
    timeToReview: {
      n: measured.length,
      missing: ttrValues.length - measured.length,
      median: percentile(measured, 0.5),
      p90: percentile(measured, 0.9),
    },
    repeats: { numerator: repeats.length, denominator: declared.length, excluded: 0 },
  };
}

const SCOPES: KpiScope[] = [
  { from: '2024-01-01T00:00:00Z', to: '2024-06-01T00:00:00Z' },
  { from: '2024-02-01T00:00:00Z', to: '2024-03-01T00:00:00Z' },
  { from: '2024-03-10T00:00:00Z', to: '2024-04-20T00:00:00Z' },
];

describe.each(STORE_KINDS)('KPI queries equal a plain computation over the rows on %s', (kind) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let kpis: SqlKpiSource;

  beforeAll(async () => {
    store = await freshStore(kind);
    await seed(store.db);
    kpis = new SqlKpiSource(store.db, kind, NO_ACTION_TABLES);
    await kpis.repeatIncidents(SCOPES[0] as KpiScope); // derives the signature rows the reference reads
  });
  afterAll(() => store.dispose());

  it.each(SCOPES)('repeat incidents and time to review, $from – $to', async (scope) => {
    const expected = await reference(store.db, scope);
    expect(expected.repeats.numerator).toBeGreaterThan(0);
    expect(expected.repeats.numerator).toBeLessThan(expected.repeats.denominator);
    expect(expected.timeToReview.n).toBeGreaterThan(0);
    expect(expected.timeToReview.missing).toBeGreaterThan(0);
    expect(await kpis.repeatIncidents(scope)).toEqual(expected.repeats);
    const ttr = await kpis.duration('time_to_review', scope);
    expect(ttr.n).toBe(expected.timeToReview.n);
    expect(ttr.missing).toBe(expected.timeToReview.missing);
    expect(ttr.median).toBeCloseTo(expected.timeToReview.median ?? NaN, 9);
    expect(ttr.p90).toBeCloseTo(expected.timeToReview.p90 ?? NaN, 9);
  });

  it('the data set exercises covered incidents and rejected pairs', async () => {
    const rows = await store.db.selectFrom('review_incidents').selectAll().execute();
    expect(rows.some((r) => r.review_id !== `REV-${r.incident_id}`)).toBe(true);
    const rejected = await store.db
      .selectFrom('recurrence_links')
      .select('incident_id')
      .where('decision', '=', 'rejected')
      .execute();
    expect(rejected.length).toBeGreaterThan(10);
  });
});
