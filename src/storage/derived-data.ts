import type { Kysely } from 'kysely';
import { DEFAULT_SIGNATURE_FIELDS, type SignatureField } from '../core/similarity/signature.js';
import type { DerivedDataStore } from '../core/workflow/derived-refresh.service.js';
import type { StoreKind } from './database.js';
import { kpiFactsKind, refreshKpiFacts } from './kpis/kpi.facts.sql.js';
import { DAY_MS } from './kpis/kpi.rollups.sql.js';
import { refreshActionDays } from './repositories/action.kpi-days.js';
import { refreshOverdueGroups } from './repositories/action.overdue-groups.js';
import { pruneReadChanges } from './repositories/similarity.changes.js';
import {
  refreshDerivedIndex,
  SIMILARITY_KIND,
  signatureKind,
} from './repositories/similarity.derived-index.js';
import type { Database } from './schema.js';

/** One derived table brought up to date: how many rows it re-derived (-1: from scratch) and how long it took. */
export interface DerivedRefresh {
  name: 'similarity' | 'signatures' | 'kpi_facts' | 'action_days' | 'overdue_groups';
  derived: number;
  ms: number;
}

/**
 * Brings every derived table up to date: the similarity index, repeat signatures, the KPI facts (with their day
 * rollups), the action days and the overdue groups (as of today, `now`; kept as they are when already kept for a
 * later day, reported as 0). Reads do this on their own, incrementally; after an upgrade of a large store (or a change of signature
 * fields) the first build can take minutes at a million incidents, so an operator can run it before users read.
 * The worker runs it daily (src/jobs/derived-refresh.job.ts), so the change logs stay bounded between reads;
 * first it forgets the marks of signature fields no longer configured, which would hold the log back.
 */
export async function refreshDerivedData(
  db: Kysely<Database>,
  kind: StoreKind,
  fields: readonly SignatureField[] = DEFAULT_SIGNATURE_FIELDS,
  now: Date = new Date(),
): Promise<DerivedRefresh[]> {
  await forgetUnusedMarks(db, fields);
  const today = Math.floor(now.getTime() / DAY_MS);
  const steps: Array<[DerivedRefresh['name'], () => Promise<number>]> = [
    ['similarity', () => refreshDerivedIndex(db, SIMILARITY_KIND)],
    ['signatures', () => refreshDerivedIndex(db, signatureKind(fields), fields)],
    ['kpi_facts', () => refreshKpiFacts(db, kind, fields)],
    ['action_days', () => refreshActionDays(db, kind)],
    ['overdue_groups', async () => (await refreshOverdueGroups(db, kind, today)) ?? 0],
  ];
  const report: DerivedRefresh[] = [];
  for (const [name, step] of steps) {
    const start = Date.now();
    const derived = await step();
    report.push({ name, derived, ms: Date.now() - start });
  }
  return report;
}

/**
 * Forgets the marks of signature kinds other than `fields`' (left by an earlier HINDSIGHT_SIGNATURE_FIELDS), then
 * drops the log entries the remaining readers have read. Nothing refreshes such a kind any more, yet the log is
 * pruned only up to the lowest mark, so one left behind would keep it growing for good. Their derived rows stay:
 * should those fields come back, the missing mark has that kind built again, checking every incident (the KPI
 * facts from scratch, as they hold one field list's repeat status at a time). Returns how many were forgotten.
 */
export async function forgetUnusedMarks(
  db: Kysely<Database>,
  fields: readonly SignatureField[],
): Promise<number> {
  const result = await db
    .withTables<{ derived_index_marks: { kind: string; seq: number } }>()
    .deleteFrom('derived_index_marks')
    .where((eb) => eb.or([eb('kind', 'like', 'signature:%'), eb('kind', 'like', 'kpi_facts:%')]))
    .where('kind', 'not in', [signatureKind(fields), kpiFactsKind(fields)])
    .executeTakeFirst();
  await pruneReadChanges(db);
  return Number(result.numDeletedRows);
}

/** The DerivedDataStore port: every derived table brought up to date with the configured signature fields. */
export class SqlDerivedData implements DerivedDataStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: StoreKind,
    private readonly fields: readonly SignatureField[] = DEFAULT_SIGNATURE_FIELDS,
  ) {}

  refresh(now: Date): Promise<DerivedRefresh[]> {
    return refreshDerivedData(this.db, this.kind, this.fields, now);
  }
}
