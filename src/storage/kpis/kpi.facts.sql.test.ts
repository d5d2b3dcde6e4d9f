import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_KINDS, freshStore } from '../../../test/support/stores.js';
import type { StoreKind } from '../database.js';
import type { Database } from '../schema.js';
import { forgetKpiFacts, refreshKpiFacts, type KpiFactsTable } from './kpi.facts.sql.js';
import { NO_ACTION_TABLES } from './kpi.actions.sql.js';
import { insertIncidentRow, insertReviewRow, recurrenceLink } from './kpi.rows.test-support.js';
import { SqlKpiSource } from './kpi.source.sql.js';
import { RefreshQueue } from './refresh-queue.js';

/*
 * kpi_incident_facts kept current from the change log must equal the facts derived from scratch, after every
 * kind of write the facts depend on: the incident's own columns, its review (published, measured), a review
 * covering it from another incident, the review's contributing factors, and participant feedback.
 */
const MARCH = { from: '2024-03-01T00:00:00Z', to: '2024-04-01T00:00:00Z' };

async function factRows(db: Kysely<Database>): Promise<KpiFactsTable[]> {
  const { rows } = await sql<KpiFactsTable>`select * from kpi_incident_facts order by incident_id`.execute(
    db,
  );
  return rows.map((r) => numbersOf(r) as unknown as KpiFactsTable);
}

// PostgreSQL returns bigints as strings; compare values, not driver types.
const numbersOf = (row: object) =>
  Object.fromEntries(
    Object.entries(row).map(([k, v]) => [
      k,
      typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v,
    ]),
  );

/** The day rollups' rows that hold something (rows left at zero by a subtraction add nothing). */
async function rollupRows(db: Kysely<Database>): Promise<unknown[]> {
  const days = await sql<
    Record<string, unknown>
  >`select * from kpi_fact_days where declared_n <> 0 or resolved_n <> 0 or published_n <> 0
    order by day, severity`.execute(db);
  const durations = await sql<Record<string, unknown>>`select * from kpi_duration_days where n <> 0
    order by duration, span, first_day, bucket`.execute(db);
  return [...days.rows, ...durations.rows].map(numbersOf);
}

async function derivedFromScratch(db: Kysely<Database>, kind: StoreKind) {
  await forgetKpiFacts(db);
  await refreshKpiFacts(db, kind);
  return { facts: await factRows(db), rollups: await rollupRows(db) };
}

const feedback = (id: string, incident_id: string, improvement_rating: number) => ({
  id,
  incident_id,
  participant: null,
  response_rating: 7,
  improvement_rating,
  went_well: '',
  to_improve: '',
  submitted_on: '2024-03-20',
});

describe.each(STORE_KINDS)('kpi_incident_facts on %s', (kind) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let db: Kysely<Database>;

  beforeAll(async () => {
    store = await freshStore(kind);
    db = store.db;
    for (const [n, day] of [
      [1, '03'],
      [2, '05'],
      [3, '09'],
    ] as const) {
      await insertIncidentRow(db, {
        id: `INC-2024-000${n}`,
        team: 'platform',
        services: [n === 2 ? 'search' : 'checkout'],
        severity: 'High',
        at: {
          impact_started: `2024-03-${day}T09:00:00Z`,
          detected: `2024-03-${day}T09:30:00Z`,
          declared: `2024-03-${day}T09:40:00Z`,
          contained: `2024-03-${day}T11:30:00Z`,
          resolved: `2024-03-${day}T15:00:00Z`,
        },
      });
    }
    await insertReviewRow(db, { incident_id: 'INC-2024-0001' });
  });
  afterAll(() => store.dispose());

  it('derives every incident on first use, then follows each kind of write on its own', async () => {
    expect(await refreshKpiFacts(db, kind)).toBe(3);
    expect(await refreshKpiFacts(db, kind)).toBe(0);
    const fact = async (id: string) => (await factRows(db)).find((f) => f.incident_id === id);
    // Each write alone, then an incremental refresh that must equal a derivation from scratch.
    const writes: Array<[string, () => Promise<unknown>, string, Partial<KpiFactsTable>]> = [
      [
        'the incident itself',
        () =>
          db
            .updateTable('incidents')
            .set({
              team: 'secops',
              severity: 'Critical',
              acknowledged_ms: Date.parse('2024-03-05T09:35:00Z'),
            })
            .where('id', '=', 'INC-2024-0002')
            .execute(),
        'INC-2024-0002',
        { team: 'secops', severity: 'Critical', time_to_acknowledge: 5 },
      ],
      [
        'a review starts covering another incident',
        () =>
          db
            .insertInto('review_incidents')
            .values({ review_id: 'REV-INC-2024-0001', incident_id: 'INC-2024-0003' })
            .execute(),
        'INC-2024-0003',
        { review_published: 0, time_to_review: null },
      ],
      [
        'the covering review is published (logged under its own incident only)',
        () =>
          db
            .updateTable('reviews')
            .set({ published_at_ms: Date.parse('2024-03-12T10:00:00Z'), time_to_review_business_days: 6 })
            .where('incident_id', '=', 'INC-2024-0001')
            .execute(),
        'INC-2024-0003',
        { review_published: 1, time_to_review: 6, published_ms: null },
      ],
      [
        'a contributing factor is named',
        () =>
          db
            .insertInto('contributing_factors')
            .values({
              review_id: 'REV-INC-2024-0001',
              position: 0,
              category: 'process',
              description: 'no runbook',
              is_primary: 1,
            })
            .execute(),
        'INC-2024-0001',
        { has_factor: 1 },
      ],
      [
        'participants rate the improvements',
        () =>
          db
            .insertInto('feedback')
            .values([feedback('FB-1', 'INC-2024-0001', 8), feedback('FB-2', 'INC-2024-0001', 5)])
            .execute(),
        'INC-2024-0001',
        { rating_n: 2, rating_sum: 13 },
      ],
      [
        'a rating is corrected',
        () => db.updateTable('feedback').set({ improvement_rating: 6 }).where('id', '=', 'FB-2').execute(),
        'INC-2024-0001',
        { rating_n: 2, rating_sum: 14 },
      ],
      [
        'a rating is withdrawn',
        () => db.deleteFrom('feedback').where('id', '=', 'FB-2').execute(),
        'INC-2024-0001',
        { rating_n: 1, rating_sum: 8 },
      ],
      [
        'the factor is removed',
        () => db.deleteFrom('contributing_factors').where('review_id', '=', 'REV-INC-2024-0001').execute(),
        'INC-2024-0001',
        { has_factor: 0 },
      ],
      [
        'the review stops covering the incident',
        () => db.deleteFrom('review_incidents').where('incident_id', '=', 'INC-2024-0003').execute(),
        'INC-2024-0003',
        { review_published: 0, time_to_review: null },
      ],
      [
        'an earlier incident with the same signature is recorded',
        () =>
          insertIncidentRow(db, {
            id: 'INC-2024-0000',
            services: ['checkout'],
            at: { impact_started: '2024-02-20T08:00:00Z', declared: '2024-02-20T08:30:00Z' },
          }),
        'INC-2024-0001',
        { is_repeat: 1 },
      ],
      [
        'the earlier incident is re-categorised (its signature changes)',
        () =>
          db
            .updateTable('incidents')
            .set((eb) => ({ category: 'Data', version: eb('version', '+', 1) }))
            .where('id', '=', 'INC-2024-0000')
            .execute(),
        'INC-2024-0001',
        { is_repeat: 0 },
      ],
      [
        'a reviewer rejects the only earlier incident with its signature',
        () =>
          db
            .insertInto('recurrence_links')
            .values(recurrenceLink('INC-2024-0003', 'INC-2024-0001', 'rejected'))
            .execute(),
        'INC-2024-0003',
        { is_repeat: 0 },
      ],
      [
        'a reviewer confirms a link',
        () =>
          db
            .insertInto('recurrence_links')
            .values(recurrenceLink('INC-2024-0002', 'INC-2024-0001', 'confirmed'))
            .execute(),
        'INC-2024-0002',
        { is_repeat: 1 },
      ],
      [
        'the rejection is withdrawn',
        () => db.deleteFrom('recurrence_links').where('incident_id', '=', 'INC-2024-0003').execute(),
        'INC-2024-0003',
        { is_repeat: 1 },
      ],
    ];
    for (const [what, write, incident, expected] of writes) {
      await write();
      expect(await refreshKpiFacts(db, kind), what).toBeGreaterThanOrEqual(1);
      expect(await fact(incident), what).toMatchObject(expected);
      const incremental = { facts: await factRows(db), rollups: await rollupRows(db) };
      expect(incremental.rollups.length, what).toBeGreaterThan(0);
      expect(incremental, what).toEqual(await derivedFromScratch(db, kind));
    }
  });

  it('every KPI read sees the writes made before it was asked, also while a refresh runs', async () => {
    const kpis = new SqlKpiSource(db, kind, NO_ACTION_TABLES);
    const before = await kpis.reviewCompletion(MARCH);
    await insertReviewRow(db, {
      incident_id: 'INC-2024-0002',
      published_at: '2024-03-20T10:00:00Z',
      time_to_review_business_days: 2,
    });
    const [completion, ratings] = await Promise.all([
      kpis.reviewCompletion(MARCH),
      kpis.improvementRatings(MARCH),
    ]);
    expect(completion.numerator).toBe(before.numerator + 1);
    expect(ratings).toEqual({ n: 1, mean: 8 });
  });

  it('queues one more refresh for callers arriving while one runs', async () => {
    const refresher = new RefreshQueue(() => refreshKpiFacts(db, kind));
    const first = refresher.refresh();
    await db
      .insertInto('feedback')
      .values(feedback('FB-3', 'INC-2024-0002', 9))
      .execute();
    await Promise.all([first, refresher.refresh(), refresher.refresh()]);
    const row = (await factRows(db)).find((f) => f.incident_id === 'INC-2024-0002');
    expect(row).toMatchObject({ rating_n: 1, rating_sum: 9 });
  });
});
