import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SIGNATURE_FIELDS, type SignatureField } from '../core/similarity/signature.js';
import { STORE_KINDS, freshStore } from '../../test/support/stores.js';
import { refreshDerivedData } from './derived-data.js';
import { kpiFactsKind } from './kpis/kpi.facts.sql.js';
import { insertIncidentRow, insertReviewRow } from './kpis/kpi.rows.test-support.js';
import { insertActionRow } from './repositories/action.rows.test-support.js';
import {
  refreshDerivedIndex,
  SIMILARITY_KIND,
  signatureKind,
} from './repositories/similarity.derived-index.js';
import type { Database } from './schema.js';

/*
 * refreshDerivedData is what the daily worker job and `hindsight db refresh` run: after it, every change log is
 * empty, and a mark nothing refreshes any more (other signature fields) no longer holds the log back.
 */
const LOGS = ['derived_index_changes', 'kpi_action_day_changes', 'kpi_overdue_group_changes'] as const;
const NOW = new Date('2024-04-01T03:00:00Z');
const OTHER_FIELDS: readonly SignatureField[] = ['category', 'severity'];

async function count(db: Kysely<Database>, table: string): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(
    db,
  );
  return Number(rows[0]?.n ?? 0);
}

async function logSizes(db: Kysely<Database>): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const log of LOGS) out[log] = await count(db, log);
  return out;
}

async function marks(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ kind: string }>`select kind from derived_index_marks order by kind`.execute(
    db,
  );
  return rows.map((r) => r.kind);
}

const EMPTY = { derived_index_changes: 0, kpi_action_day_changes: 0, kpi_overdue_group_changes: 0 };

describe.each(STORE_KINDS)('refreshing every derived table on %s', (kind) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let db: Kysely<Database>;
  let incidents = 0;

  const addIncident = async (services = ['billing-api']) => {
    incidents += 1;
    const id = `INC-D-${incidents}`;
    await insertIncidentRow(db, {
      id,
      category: 'Access Control',
      services,
      at: { declared: `2024-03-${String(incidents).padStart(2, '0')}T09:00:00Z` },
    });
    return id;
  };

  beforeAll(async () => {
    store = await freshStore(kind);
    db = store.db;
    for (let n = 0; n < 4; n += 1) await addIncident();
    await insertReviewRow(db, {
      incident_id: 'INC-D-1',
      published_at: '2024-03-05T00:00:00Z',
      factors: [{ category: 'technical', description: 'key rotation was manual' }],
    });
    for (let n = 1; n <= 3; n += 1) {
      await insertActionRow(db, { id: `ACT-${n}`, due_date: `2024-03-1${n}`, status: 'open' });
    }
  });
  afterAll(() => store.dispose());

  it('builds every table from scratch, then re-derives what changed and empties every change log', async () => {
    const built = await refreshDerivedData(db, kind, undefined, NOW);
    expect(Object.fromEntries(built.map((r) => [r.name, r.derived]))).toMatchObject({
      similarity: 4,
      signatures: 4,
      kpi_facts: 4,
      action_days: -1,
      overdue_groups: -1,
    });
    expect(await logSizes(db)).toEqual(EMPTY);

    await addIncident();
    await db
      .updateTable('incidents')
      .set({ version: 2, title: 'Renamed' })
      .where('id', '=', 'INC-D-2')
      .execute();
    await db.updateTable('actions').set({ status: 'done' }).where('id', '=', 'ACT-1').execute();
    await insertActionRow(db, { id: 'ACT-4', due_date: '2024-03-20', status: 'open' });
    const pending = await logSizes(db);
    for (const log of LOGS) expect(pending[log], log).toBeGreaterThan(0);

    const report = await refreshDerivedData(db, kind, undefined, NOW);
    const derived = Object.fromEntries(report.map((r) => [r.name, r.derived]));
    expect(derived).toMatchObject({ similarity: 2, signatures: 2, action_days: 2, overdue_groups: 1 });
    expect(derived.kpi_facts).toBeGreaterThanOrEqual(2);
    expect(await logSizes(db)).toEqual(EMPTY);
    expect(await count(db, 'kpi_incident_facts')).toBe(incidents);
    expect(await count(db, 'similarity_vectors')).toBe(incidents);
  });

  it('does nothing, harmlessly, when nothing changed', async () => {
    const facts = await count(db, 'kpi_incident_facts');
    const days = await count(db, 'kpi_action_days');
    const report = await refreshDerivedData(db, kind, undefined, NOW);
    expect(report.map((r) => [r.name, r.derived])).toEqual([
      ['similarity', 0],
      ['signatures', 0],
      ['kpi_facts', 0],
      ['action_days', 0],
      ['overdue_groups', 0],
    ]);
    expect(await logSizes(db)).toEqual(EMPTY);
    expect(await count(db, 'kpi_incident_facts')).toBe(facts);
    expect(await count(db, 'kpi_action_days')).toBe(days);
  });

  it('forgets the marks of signature fields no longer configured, which held the log back', async () => {
    // Once built with other fields, then back to the default ones: those kinds' marks stop where they were.
    await refreshDerivedData(db, kind, OTHER_FIELDS, NOW);
    expect(await marks(db)).toContain(kpiFactsKind(OTHER_FIELDS));
    await addIncident(['payments']);
    await refreshDerivedIndex(db, SIMILARITY_KIND);
    expect(await count(db, 'derived_index_changes')).toBeGreaterThan(0);

    await refreshDerivedData(db, kind, undefined, NOW);
    const kinds = await marks(db);
    expect(kinds).not.toContain(signatureKind(OTHER_FIELDS));
    expect(kinds).not.toContain(kpiFactsKind(OTHER_FIELDS));
    expect(kinds).toContain(kpiFactsKind(DEFAULT_SIGNATURE_FIELDS));
    expect(await logSizes(db)).toEqual(EMPTY);
  });

  it('keeps the log while a reader of it is being built from scratch', async () => {
    // No KPI facts mark: a build from scratch reads up to where it started and needs what is written meanwhile.
    await sql`delete from derived_index_marks where kind like 'kpi_facts:%'`.execute(db);
    await addIncident();
    await refreshDerivedIndex(db, SIMILARITY_KIND);
    await refreshDerivedIndex(db, signatureKind(DEFAULT_SIGNATURE_FIELDS), DEFAULT_SIGNATURE_FIELDS);
    expect(await count(db, 'derived_index_changes')).toBeGreaterThan(0);
    await refreshDerivedData(db, kind, undefined, NOW);
    expect(await logSizes(db)).toEqual(EMPTY);
    expect(await count(db, 'kpi_incident_facts')).toBe(incidents);
  });
});
