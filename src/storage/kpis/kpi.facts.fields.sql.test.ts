import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KpiScope } from '../../core/kpis/kpi.source.js';
import { DEFAULT_SIGNATURE_FIELDS, type SignatureField } from '../../core/similarity/signature.js';
import { STORE_KINDS, freshStore } from '../../../test/support/stores.js';
import { signatureKind } from '../repositories/similarity.derived-index.js';
import type { Database } from '../schema.js';
import { NO_ACTION_TABLES } from './kpi.actions.sql.js';
import { forgetKpiFacts, kpiFactsKind, refreshKpiFacts } from './kpi.facts.sql.js';
import { insertIncidentRow } from './kpi.rows.test-support.js';
import { SqlKpiSource } from './kpi.source.sql.js';

/*
 * kpi_incident_facts holds the repeat status of one signature field list at a time. Fields A (the default:
 * category, attack vector, service) and B (category, severity) disagree on which March incidents recur:
 *   INC-1  Availability  High  checkout  03-03   first of both groups
 *   INC-2  Availability  High  search    03-05   repeat under B only
 *   INC-3  Availability  High  search    03-07   repeat under both
 *   INC-4  Availability  Low   checkout  03-10   repeat under A only (recorded while B's facts are kept)
 * Switching A → B → A (or two instances with different fields refreshing at once) must end with A's facts.
 * The tests run in order over one store (INC-4 is recorded by the first).
 */
const A = DEFAULT_SIGNATURE_FIELDS;
const B: readonly SignatureField[] = ['category', 'severity'];
const MARCH: KpiScope = { from: '2024-03-01T00:00:00Z', to: '2024-04-01T00:00:00Z' };
// A team filter reads the facts themselves; the unfiltered period reads the day rollups.
const MARCH_PLATFORM: KpiScope = { ...MARCH, team_ids: ['platform'] };

const REPEATS_A = { 'INC-1': 0, 'INC-2': 0, 'INC-3': 1, 'INC-4': 1 };
const REPEATS_B = { 'INC-1': 0, 'INC-2': 1, 'INC-3': 1, 'INC-4': 0 };

async function repeatStatus(db: Kysely<Database>): Promise<Record<string, number>> {
  type Row = { incident_id: string; is_repeat: number | string };
  const { rows } = await sql<Row>`select incident_id, is_repeat from kpi_incident_facts
    order by incident_id`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.incident_id, Number(r.is_repeat)]));
}

async function factsMarks(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ kind: string }>`select kind from derived_index_marks
    where kind like 'kpi_facts:%' order by kind`.execute(db);
  return rows.map((r) => r.kind);
}

/** The facts and every rollup read with `fields` (other fields' signature days may stay: nothing reads them). */
async function derivedRows(db: Kysely<Database>, fields: readonly SignatureField[]): Promise<unknown[][]> {
  const queries = [
    sql`select * from kpi_incident_facts order by incident_id`,
    sql`select * from kpi_fact_days where declared_n <> 0 or resolved_n <> 0 or published_n <> 0
      order by day, severity`,
    sql`select * from kpi_duration_days where n <> 0 order by duration, span, first_day, bucket`,
    sql`select * from kpi_signature_days where fields_key = ${signatureKind(fields)} and n <> 0
      order by span, first_day, signature, service`,
  ];
  const out: unknown[][] = [];
  for (const query of queries) out.push((await query.execute(db)).rows);
  return out;
}

describe.each(STORE_KINDS)('KPI facts across signature field lists on %s', (kind) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let db: Kysely<Database>;
  let kpisA: SqlKpiSource;
  let kpisB: SqlKpiSource;

  const addIncident = (n: number, severity: string, service: string, day: string) =>
    insertIncidentRow(db, {
      id: `INC-${n}`,
      severity,
      category: 'Availability',
      services: [service],
      team: 'platform',
      at: { impact_started: `2024-03-${day}T09:00:00Z`, declared: `2024-03-${day}T09:30:00Z` },
    });

  beforeAll(async () => {
    store = await freshStore(kind);
    db = store.db;
    kpisA = new SqlKpiSource(db, kind, NO_ACTION_TABLES, A);
    kpisB = new SqlKpiSource(db, kind, NO_ACTION_TABLES, B);
    await addIncident(1, 'High', 'checkout', '03');
    await addIncident(2, 'High', 'search', '05');
    await addIncident(3, 'High', 'search', '07');
  });
  afterAll(() => store.dispose());

  it('after fields A → B → A, the facts and the repeat KPI are A’s again', async () => {
    expect(await kpisA.repeatIncidents(MARCH)).toEqual({ numerator: 1, denominator: 3, excluded: 0 });
    expect(await repeatStatus(db)).toEqual({ 'INC-1': 0, 'INC-2': 0, 'INC-3': 1 });

    expect(await kpisB.repeatIncidents(MARCH)).toEqual({ numerator: 2, denominator: 3, excluded: 0 });
    expect(await repeatStatus(db)).toEqual({ 'INC-1': 0, 'INC-2': 1, 'INC-3': 1 });
    // B's build from scratch dropped A's mark: it no longer describes the table.
    expect(await factsMarks(db)).toEqual([kpiFactsKind(B)]);

    // A write while B's facts are in the table: back on A, only this incident changed since A's old mark.
    await addIncident(4, 'Low', 'checkout', '10');
    for (const scope of [MARCH, MARCH_PLATFORM]) {
      expect(await kpisA.repeatIncidents(scope)).toEqual({ numerator: 2, denominator: 4, excluded: 0 });
    }
    expect(await repeatStatus(db)).toEqual(REPEATS_A);
    expect(await factsMarks(db)).toEqual([kpiFactsKind(A)]);
    const refreshed = await derivedRows(db, A);
    await forgetKpiFacts(db);
    await refreshKpiFacts(db, kind, A);
    expect(refreshed).toEqual(await derivedRows(db, A));
  });

  it('does not trust a mark without the record of which fields the facts hold (left by an older version)', async () => {
    // The table holds A's facts; a stale mark of B's, as the older version could leave it, and no owner row.
    const { rows } = await sql<{ seq: number | string }>`select seq from derived_index_marks
      where kind = ${kpiFactsKind(A)}`.execute(db);
    await sql`delete from derived_index_marks where kind like 'kpi_facts%'`.execute(db);
    await sql`insert into derived_index_marks (kind, seq) values (${kpiFactsKind(B)}, ${rows[0]?.seq ?? 0})`.execute(
      db,
    );
    expect(await refreshKpiFacts(db, kind, B)).toBe(4);
    expect(await repeatStatus(db)).toEqual(REPEATS_B);
    expect(await factsMarks(db)).toEqual([kpiFactsKind(B)]);
  });

  it('two instances with different fields refreshing at once leave no mark over the other’s facts', async () => {
    // Each round's builds claim the facts in turn: a build claimed away stops without its mark.
    for (let round = 0; round < 6; round += 1) {
      if (round === 3)
        await db.updateTable('incidents').set({ title: 'Renamed' }).where('id', '=', 'INC-2').execute();
      await Promise.all([
        refreshKpiFacts(db, kind, A),
        refreshKpiFacts(db, kind, B),
        refreshKpiFacts(db, kind, A),
      ]);
      const marks = await factsMarks(db);
      expect(marks.length, `round ${round}`).toBeLessThanOrEqual(1);
      if (marks[0] === kpiFactsKind(A)) expect(await repeatStatus(db), `round ${round}`).toEqual(REPEATS_A);
      if (marks[0] === kpiFactsKind(B)) expect(await repeatStatus(db), `round ${round}`).toEqual(REPEATS_B);
    }
    // Once one field list is left, its next read ends with its facts.
    for (const scope of [MARCH, MARCH_PLATFORM]) {
      expect(await kpisA.repeatIncidents(scope)).toEqual({ numerator: 2, denominator: 4, excluded: 0 });
    }
    expect(await repeatStatus(db)).toEqual(REPEATS_A);
    const refreshed = await derivedRows(db, A);
    await forgetKpiFacts(db);
    await refreshKpiFacts(db, kind, A);
    expect(refreshed).toEqual(await derivedRows(db, A));
  });
});
