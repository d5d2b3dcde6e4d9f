import { sql, type Kysely } from 'kysely';
import type { StoreKind } from '../database.js';
import type { Database } from '../schema.js';
import { declaredDayRange, recountDimensionDays } from './kpi.dimension-days.sql.js';
import { BLOCK_DAYS, DAY_MS } from './kpi.rollups.sql.js';
import { dropSignatureDaysOutside, recountSignatureDays } from './kpi.signature-days.sql.js';
import { underRefreshLock } from './refresh-lock.js';

/** Incident ids per IN list. */
const BATCH = 2000;

/**
 * Counts the trend rollups of the given UTC days again: kpi_dimension_days and kpi_signature_days (signatures
 * of `key`). Only an incident's own writes change its rows there, so a refresh passes the days its changed
 * incidents were (as the facts recorded) and are declared on.
 */
export async function recountDays(db: Kysely<Database>, key: string, days: Iterable<number>): Promise<void> {
  const list = [...days];
  await recountDimensionDays(db, list);
  await recountSignatureDays(db, key, list);
}

/** The UTC days the incidents `ids` are declared on, as `table` records them. */
export async function declaredDays(
  db: Kysely<Database>,
  table: 'incidents' | 'kpi_incident_facts',
  idColumn: string,
  ids: readonly string[],
): Promise<Set<number>> {
  const days = new Set<number>();
  for (let i = 0; i < ids.length; i += BATCH) {
    const { rows } = await sql<{
      day: number | string;
    }>`select distinct declared_ms / ${sql.lit(DAY_MS)} as day
      from ${sql.table(table)} where declared_ms is not null
        and ${sql.ref(idColumn)} in (${sql.join(ids.slice(i, i + BATCH))})`.execute(db);
    for (const row of rows) days.add(Number(row.day));
  }
  return days;
}

/**
 * Counts every day of kpi_dimension_days and kpi_signature_days again, one 32-day block per lock, after the
 * facts were derived from scratch; rows outside the declared days (left by incidents since re-dated) or of
 * other signature fields are dropped.
 */
export async function recountEveryDay(
  db: Kysely<Database>,
  kind: StoreKind,
  locks: string | readonly string[],
  key: string,
): Promise<void> {
  const range = await declaredDayRange(db);
  await underRefreshLock(db, kind, locks, async (trx) => {
    if (!range) await sql`delete from kpi_dimension_days`.execute(trx);
    else {
      // The week and month of the first declared day may start before it: they are counted again below.
      await sql`delete from kpi_dimension_days
        where first_day < ${range.first} or first_day > ${range.last}`.execute(trx);
    }
    await dropSignatureDaysOutside(trx, key, range);
  });
  if (!range) return;
  const first = Math.floor(range.first / BLOCK_DAYS) * BLOCK_DAYS;
  for (let block = first; block <= range.last; block += BLOCK_DAYS) {
    const days = Array.from({ length: BLOCK_DAYS }, (_, k) => block + k);
    await underRefreshLock(db, kind, locks, (trx) => recountDays(trx, key, days));
  }
}
