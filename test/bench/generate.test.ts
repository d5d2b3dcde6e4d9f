import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataSet, type LoadReport } from '../../bench/generate/generate.load.js';
import { GENERATED_END_MS, IncidentRows } from '../../bench/generate/generate.rows.js';
import { mulberry32 } from '../../bench/lib/rng.js';
import { ACTION_STATUSES } from '../../src/core/actions/action.schema.js';
import { ManualClock } from '../../src/core/shared/clock.js';
import type { StoreKind } from '../../src/storage/database.js';
import { buildServices, type Services } from '../../src/services.js';
import { buildActor } from '../support/actors.js';
import { freshStore, STORE_KINDS } from '../support/stores.js';

const SEED = 7;
const INCIDENTS = 300;
const DAY = 86_400_000;
const END = new Date(GENERATED_END_MS).toISOString();
const TODAY = END.slice(0, 10);
const YEAR = { from: new Date(GENERATED_END_MS - 365 * DAY).toISOString(), to: END };
const admin = buildActor({ role: 'admin' });

type Row = Record<string, unknown>;

/** The generated rows themselves, for the expected figures (the same seed gives the same rows). */
function generated() {
  const rows = new IncidentRows(mulberry32(SEED), INCIDENTS, 5);
  const bundles = Array.from({ length: INCIDENTS }, () => rows.next());
  const all = (pick: (b: (typeof bundles)[number]) => Row[]) => bundles.flatMap(pick);
  return {
    actions: all((b) => b.actions.actions),
    history: all((b) => b.actions.history),
    verifications: all((b) => b.actions.verifications),
    requests: all((b) => b.actions.feedbackRequests),
    feedback: all((b) => b.actions.feedback),
    reviews: all((b) => (b.review ? [b.review] : [])),
  };
}
const data = generated();
const day = (ms: unknown) => new Date(ms as number).toISOString().slice(0, 10);
const countBy = (rows: Row[], key: string) =>
  rows.reduce<Record<string, number>>(
    (out, r) => ({ ...out, [r[key] as string]: (out[r[key] as string] ?? 0) + 1 }),
    {},
  );

/** Action implementation over the year, counted from the generated rows by the KPI's definition. */
function expectedImplementation() {
  const verifiedDay = new Map(data.verifications.map((v) => [v.action_id, day(v.verified_at_ms)]));
  const due = data.actions.filter(
    (a) => (a.due_date as string) >= YEAR.from.slice(0, 10) && (a.due_date as string) < TODAY,
  );
  const counted = due.filter((a) => a.status !== 'wont_do');
  const onTime = counted.filter((a) => {
    const verified = verifiedDay.get(a.id);
    return a.status === 'verified' && verified !== undefined && verified <= (a.due_date as string);
  });
  return { numerator: onTime.length, denominator: counted.length, excluded: due.length - counted.length };
}

describe('the generator', () => {
  it('makes a realistic, lifecycle-consistent mix of actions and feedback', () => {
    expect(Object.keys(countBy(data.actions, 'status')).sort()).toEqual([...ACTION_STATUSES].sort());
    expect(Object.keys(countBy(data.actions, 'type')).sort()).toEqual([
      'corrective',
      'detective',
      'preventive',
    ]);
    // Roughly five per reviewed incident, and every verified action has exactly one verification.
    expect(data.actions.length / data.reviews.length).toBeGreaterThan(3);
    expect(data.actions.length / data.reviews.length).toBeLessThan(7);
    expect(data.verifications.length).toBe(countBy(data.actions, 'status').verified);
    const dueOf = new Map(data.actions.map((a) => [a.id, a.due_date as string]));
    const late = data.verifications.filter((v) => day(v.verified_at_ms) > (dueOf.get(v.action_id) as string));
    expect(late.length).toBeGreaterThan(0);
    expect(late.length).toBeLessThan(data.verifications.length / 2);
    // Each action's history ends in its status, and its version counts the history entries.
    const entries = new Map<unknown, Row[]>();
    for (const h of data.history) entries.set(h.action_id, [...(entries.get(h.action_id) ?? []), h]);
    for (const a of data.actions) {
      const own = entries.get(a.id) ?? [];
      expect(own.at(-1)?.to_status, a.id as string).toBe(a.status);
      expect(a.version).toBe(own.length);
    }
    // Feedback: one request per distinct participant, most answer, some anonymously, ratings 1–10 near 7–8.
    expect(data.requests.filter((r) => r.responded === 1)).toHaveLength(data.feedback.length);
    const anonymous = data.feedback.filter((f) => f.participant === null).length;
    expect(anonymous).toBeGreaterThan(0);
    expect(anonymous).toBeLessThan(data.feedback.length / 2);
    const ratings = data.feedback.map((f) => f.improvement_rating as number);
    expect(Math.min(...ratings)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...ratings)).toBeLessThanOrEqual(10);
    expect(ratings.reduce((s, r) => s + r, 0) / ratings.length).toBeGreaterThan(6.5);
  });
});

describe('the generated data set, loaded into both stores, reads back through the product', () => {
  interface Loaded {
    services: Services;
    report: LoadReport;
    nextActionId(): Promise<string>;
    dispose(): Promise<void>;
  }
  const stores = new Map<StoreKind, Loaded>();

  beforeAll(async () => {
    for (const kind of STORE_KINDS) {
      const store = await freshStore(kind);
      const report = await loadDataSet(store.db, store.kind, {
        incidents: INCIDENTS,
        seed: SEED,
        batch: 120,
      });
      stores.set(kind, {
        services: buildServices(store, new ManualClock(END)),
        report,
        nextActionId: () => store.stores.actions.nextId(),
        dispose: () => store.dispose(),
      });
    }
  }, 180_000);

  afterAll(async () => {
    for (const store of stores.values()) await store.dispose();
  });

  const on = (kind: StoreKind) => stores.get(kind) as NonNullable<ReturnType<typeof stores.get>>;

  it.each(STORE_KINDS)('%s: the load report counts the rows written', (kind) => {
    expect(on(kind).report).toMatchObject({
      incidents: INCIDENTS,
      actions: data.actions.length,
      verifications: data.verifications.length,
      feedbackRequests: data.requests.length,
      feedback: data.feedback.length,
    });
  });

  it.each(STORE_KINDS)('%s: the action report and the actions match the generated rows', async (kind) => {
    const { services } = on(kind);
    const report = await services.actions.report(admin, {});
    expect(report.total).toBe(data.actions.length);
    expect(report.by_status).toEqual({
      ...Object.fromEntries(ACTION_STATUSES.map((s) => [s, 0])),
      ...countBy(data.actions, 'status'),
    });
    const active = ['open', 'in_progress', 'blocked'];
    const overdue = data.actions.filter(
      (a) => active.includes(a.status as string) && (a.due_date as string) < TODAY,
    );
    expect(report.overdue).toBe(overdue.length);
    expect(report.overdue).toBeGreaterThan(0);
    for (const row of [...data.actions.slice(0, 30), ...data.actions.slice(-30)]) {
      const action = await services.actions.get(admin, row.id as string);
      expect(action.status).toBe(row.status);
      expect(action.incident_ids).toHaveLength(1);
      expect(action.history.at(-1)?.to_status).toBe(action.status);
      if (action.status === 'verified') expect(action.verification?.verified_by).not.toBe(action.owner.id);
    }
    // The id counter is past the generated ids: the next action the API creates gets a new one.
    const next = await on(kind).nextActionId();
    expect(Number(next.slice(4))).toBe(data.actions.length + 1);
  });

  it.each(STORE_KINDS)(
    '%s: the feedback status of each published review matches the generated answers',
    async (kind) => {
      const { services } = on(kind);
      const published = data.reviews.filter((r) => r.status === 'published').slice(0, 25);
      expect(published.length).toBeGreaterThan(10);
      for (const review of published) {
        const incident = review.incident_id as string;
        const answers = data.feedback.filter((f) => f.incident_id === incident);
        const status = await services.feedback.status(admin, incident);
        expect(status.summary).toMatchObject({
          requested: data.requests.filter((r) => r.incident_id === incident).length,
          responses: answers.length,
          anonymous: answers.filter((f) => f.participant === null).length,
        });
        const named = new Set(answers.map((f) => f.participant).filter((p) => p !== null));
        expect(
          status.participants
            .filter((p) => p.responded)
            .map((p) => p.participant)
            .sort(),
        ).toEqual([...named].sort());
      }
    },
  );

  it('computes the action KPIs as their definitions say, identically on both stores', async () => {
    const reports = await Promise.all(STORE_KINDS.map((kind) => on(kind).services.kpis.kpis(admin, YEAR)));
    const expected = expectedImplementation();
    expect(expected.denominator).toBeGreaterThan(50);
    const published = new Set(
      data.reviews
        .filter((r) => (r.published_at_ms as number) >= Date.parse(YEAR.from))
        .map((r) => r.incident_id),
    );
    const ratings = data.feedback
      .filter((f) => published.has(f.incident_id))
      .map((f) => f.improvement_rating as number);
    expect(ratings.length).toBeGreaterThan(20);
    const kpi = (report: (typeof reports)[number], id: string) => report.kpis.find((k) => k.id === id);
    for (const report of reports) {
      const implementation = kpi(report, 'action_implementation_rate');
      expect(implementation).toMatchObject({
        n: expected.denominator,
        excluded: expected.excluded,
        value: Math.round((10_000 * expected.numerator) / expected.denominator) / 100,
      });
      expect(implementation?.value).toBeGreaterThan(0);
      expect(implementation?.value).toBeLessThan(100);
      const effectiveness = kpi(report, 'improvement_effectiveness');
      expect(effectiveness?.n).toBe(ratings.length);
      expect(effectiveness?.value).toBeCloseTo(ratings.reduce((s, r) => s + r, 0) / ratings.length, 1);
    }
    const [sqlite, postgres] = reports;
    for (const id of ['action_implementation_rate', 'improvement_effectiveness'])
      expect(kpi(sqlite!, id), id).toEqual(kpi(postgres!, id));
  });
});
