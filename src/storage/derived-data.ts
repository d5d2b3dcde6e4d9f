import type { Kysely } from 'kysely';
import { DEFAULT_SIGNATURE_FIELDS, type SignatureField } from '../core/similarity/signature.js';
import type { StoreKind } from './database.js';
import { refreshKpiFacts } from './kpis/kpi.facts.sql.js';
import { DAY_MS } from './kpis/kpi.rollups.sql.js';
import { refreshActionDays } from './repositories/action.kpi-days.js';
import { refreshOverdueGroups } from './repositories/action.overdue-groups.js';
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
 */
export async function refreshDerivedData(
  db: Kysely<Database>,
  kind: StoreKind,
  fields: readonly SignatureField[] = DEFAULT_SIGNATURE_FIELDS,
  now: Date = new Date(),
): Promise<DerivedRefresh[]> {
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
