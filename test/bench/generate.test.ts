import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataSet } from '../../bench/generate/generate.load.js';
import { GENERATED_END_MS, IncidentRows } from '../../bench/generate/generate.rows.js';
import { mulberry32 } from '../../bench/lib/rng.js';
import { Action } from '../../src/core/actions/action.schema.js';
import { computeKpis } from '../../src/core/kpis/kpi.compute.js';
import type { StoreKind } from '../../src/storage/database.js';
import { SqlKpiSource } from '../../src/storage/kpis/index.js';
import { ActionRepository } from '../../src/storage/repositories/action.repository.js';
import { SqlActionAggregates } from '../../src/storage/repositories/action.kpi-aggregates.js';
import { buildActor } from '../support/actors.js';
import { freshStore } from '../support/stores.js';

const SEED = 7;
const INCIDENTS = 400;
const DAY = 86_400_000;
const YEAR = {
  from: new Date(GENERATED_END_MS - 365 * DAY).toISOString(),
  to: new Date(GENERATED_END_MS).toISOString(),
};

/** The generated rows themselves, for the expected figures (the same seed gives the same rows). */
function generated() {
  const rows = new IncidentRows(mulberry32(SEED), INCIDENTS, 5);
  const bundles = Array.from({ length: INCIDENTS }, () => rows.next());
  return {
    actions: bundles.flatMap((b) => b.actions.actions),
    verifications: bundles.flatMap((b) => b.actions.verifications),
    feedback: bundles.flatMap((b) => b.actions.feedback),
    reviews: bundles.flatMap((b) => (b.review ? [b.review] : [])),
  };
}

/** Action implementation over the year, counted from the generated rows by the KPI's definition. */
function expectedImplementation(data: ReturnType<typeof generated>) {
  const verifiedDay = new Map(
    data.verifications.map((v) => [
      v.action_id,
      new Date(v.verified_at_ms as number).toISOString().slice(0, 10),
    ]),
  );
  const due = data.actions.filter(
    (a) => (a.due_date as string) >= YEAR.from.slice(0, 10) && (a.due_date as string) < YEAR.to.slice(0, 10),
  );
  const counted = due.filter((a) => a.status !== 'wont_do');
  const onTime = counted.filter((a) => {
    const day = verifiedDay.get(a.id);
    return a.status === 'verified' && day !== undefined && day <= (a.due_date as string);
  });
  return { numerator: onTime.length, denominator: counted.length, excluded: due.length - counted.length };
}

describe.each<StoreKind>(['sqlite', 'postgres'])(
  'the generated data set, loaded into %s, reads back through the product',
  (kind) => {
    let store: Awaited<ReturnType<typeof freshStore>>;
    const data = generated();

    beforeAll(async () => {
      store = await freshStore(kind);
      const report = await loadDataSet(store.db, store.kind, {
        incidents: INCIDENTS,
        seed: SEED,
        batch: 150,
      });
      expect(report).toMatchObject({
        incidents: INCIDENTS,
        actions: data.actions.length,
        verifications: data.verifications.length,
        feedback: data.feedback.length,
      });
    }, 120_000);

    afterAll(async () => {
      await store?.dispose();
    });

    it('generates a realistic mix of action states and feedback', () => {
      const statuses = new Set(data.actions.map((a) => a.status));
      expect([...statuses].sort()).toEqual(
        ['blocked', 'completed', 'in_progress', 'open', 'verified', 'wont_do'].sort(),
      );
      // Roughly five per reviewed incident, and every verified action has exactly one verification.
      expect(data.actions.length / data.reviews.length).toBeGreaterThan(3);
      expect(data.actions.length / data.reviews.length).toBeLessThan(7);
      expect(data.verifications.length).toBe(data.actions.filter((a) => a.status === 'verified').length);
      const late = data.verifications.filter((v) => {
        const action = data.actions.find((a) => a.id === v.action_id);
        return new Date(v.verified_at_ms as number).toISOString().slice(0, 10) > (action?.due_date as string);
      });
      expect(late.length).toBeGreaterThan(0);
      expect(late.length).toBeLessThan(data.verifications.length);
      expect(data.feedback.some((f) => f.participant === null)).toBe(true);
    });

    it('stores every action as a valid product action, with its incident, history and verification', async () => {
      const actions = new ActionRepository(store.db);
      const admin = buildActor({ role: 'admin' });
      for (const row of [...data.actions.slice(0, 40), ...data.actions.slice(-40)]) {
        const action = await actions.findById(row.id as string, admin);
        expect(action, row.id as string).not.toBeNull();
        const parsed = Action.parse(action);
        expect(parsed.status).toBe(row.status);
        expect(parsed.incident_ids).toHaveLength(1);
        expect(parsed.history[0]?.note).toBe('created');
        expect(parsed.verification !== undefined).toBe(row.status === 'verified');
        if (parsed.status === 'verified' || parsed.status === 'completed') expect(parsed.progress).toBe(100);
      }
      // The id counter is past the generated ids: the next action the API creates gets a new one.
      const next = await actions.nextId();
      expect(Number(next.slice(4))).toBe(data.actions.length + 1);
    });

    it('computes the action and feedback KPIs over the generated rows as their definitions say', async () => {
      const source = new SqlKpiSource(store.db, store.kind, new SqlActionAggregates(store.db, store.kind));
      const kpis = await computeKpis(source, YEAR);
      const implementation = kpis.find((k) => k.id === 'action_implementation_rate');
      const expected = expectedImplementation(data);
      expect(expected.denominator).toBeGreaterThan(50);
      expect(implementation).toMatchObject({
        n: expected.denominator,
        excluded: expected.excluded,
        value: Math.round((10_000 * expected.numerator) / expected.denominator) / 100,
      });
      const published = new Set(
        data.reviews
          .filter((r) => (r.published_at_ms as number) >= Date.parse(YEAR.from))
          .map((r) => r.incident_id),
      );
      const ratings = data.feedback
        .filter((f) => published.has(f.incident_id))
        .map((f) => f.improvement_rating as number);
      const effectiveness = kpis.find((k) => k.id === 'improvement_effectiveness');
      expect(ratings.length).toBeGreaterThan(20);
      expect(effectiveness?.n).toBe(ratings.length);
      expect(effectiveness?.value).toBeCloseTo(ratings.reduce((s, r) => s + r, 0) / ratings.length, 1);
    });
  },
);
