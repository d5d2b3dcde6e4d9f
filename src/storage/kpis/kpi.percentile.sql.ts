import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DurationAggregate } from '../../core/kpis/kpi.source.js';
import { percentileOfSorted } from '../../core/kpis/stats.js';
import type { StoreKind } from '../database.js';
import type { Database } from '../schema.js';

interface Row {
  n: number | string | null;
  missing: number | string | null;
  median: number | string | null;
  p90: number | string | null;
}

/**
 * n, median, p90 and missing of a cohort's values. `cohort` is a SELECT with one column `v` (null when a
 * timestamp is missing). Percentiles are linear interpolation between closest ranks (core/kpis/stats.ts):
 * PostgreSQL's percentile_cont; on SQLite the cohort's values are read (an in-process read, no network) and
 * sorted as a Float64Array, so one read of the declared cohort can serve all four of its durations
 * (declaredDurationAggregates), where ROW_NUMBER and COUNT windows would rank each column in a query of its own.
 * On PostgreSQL `offset 0` keeps the cohort a separate subquery: flattened, a correlated column was evaluated
 * once per aggregate that reads it and the doubled cost estimate switched JIT on (17× slower).
 */
export async function durationAggregate(
  db: Kysely<Database>,
  kind: StoreKind,
  cohort: RawBuilder<unknown>,
): Promise<DurationAggregate> {
  if (kind === 'sqlite') return sortedInProcess(db, cohort);
  const query = sql<Row>`select count(v) as n, count(*) - count(v) as missing,
      percentile_cont(0.5) within group (order by v) as median,
      percentile_cont(0.9) within group (order by v) as p90
      from (${cohort} offset 0) as c`;
  const row = (await query.execute(db)).rows[0];
  const n = Number(row?.n ?? 0);
  return {
    n,
    missing: Number(row?.missing ?? 0),
    median: n > 0 && row?.median !== null && row?.median !== undefined ? Number(row.median) : null,
    p90: n > 0 && row?.p90 !== null && row?.p90 !== undefined ? Number(row.p90) : null,
  };
}

async function sortedInProcess(
  db: Kysely<Database>,
  cohort: RawBuilder<unknown>,
): Promise<DurationAggregate> {
  const { rows } = await sql<{ v: number | null }>`${cohort}`.execute(db);
  return aggregateOf(rows.map((r) => r.v));
}

/** The durations of incidents declared in a period: one cohort, one read for all four. */
export const DECLARED_DURATIONS = ['mttd', 'mttc', 'time_to_acknowledge', 'time_to_recover'] as const;
export type DeclaredDuration = (typeof DECLARED_DURATIONS)[number];

/**
 * The four declared-cohort durations of kpi_incident_facts `f` rows matching `where`, in one pass over the
 * cohort instead of one per KPI (same definitions as {@link durationAggregate}).
 */
export async function declaredDurationAggregates(
  db: Kysely<Database>,
  kind: StoreKind,
  where: RawBuilder<boolean>,
): Promise<Record<DeclaredDuration, DurationAggregate>> {
  if (kind === 'postgres') {
    const columns = DECLARED_DURATIONS.map((c) => {
      const v = sql.ref(`f.${c}`);
      return sql`count(${v}) as ${sql.ref(`n_${c}`)},
        percentile_cont(0.5) within group (order by ${v}) as ${sql.ref(`median_${c}`)},
        percentile_cont(0.9) within group (order by ${v}) as ${sql.ref(`p90_${c}`)}`;
    });
    const { rows } = await sql<Record<string, number | string | null>>`select count(*) as total,
        ${sql.join(columns)} from kpi_incident_facts f where ${where}`.execute(db);
    const row = rows[0] ?? {};
    const total = Number(row.total ?? 0);
    const num = (v: number | string | null | undefined) => (v === null || v === undefined ? null : Number(v));
    return Object.fromEntries(
      DECLARED_DURATIONS.map((c) => {
        const n = Number(row[`n_${c}`] ?? 0);
        const aggregate: DurationAggregate = {
          n,
          missing: total - n,
          median: n > 0 ? num(row[`median_${c}`]) : null,
          p90: n > 0 ? num(row[`p90_${c}`]) : null,
        };
        return [c, aggregate];
      }),
    ) as Record<DeclaredDuration, DurationAggregate>;
  }
  const { rows } = await sql<Record<DeclaredDuration, number | null>>`select
      f.mttd, f.mttc, f.time_to_acknowledge, f.time_to_recover
    from kpi_incident_facts f where ${where}`.execute(db);
  return Object.fromEntries(DECLARED_DURATIONS.map((c) => [c, aggregateOf(rows.map((r) => r[c]))])) as Record<
    DeclaredDuration,
    DurationAggregate
  >;
}

/** n, missing, median and p90 of values read from the store, sorted in process. */
function aggregateOf(column: readonly (number | null)[]): DurationAggregate {
  const values = new Float64Array(column.length);
  let n = 0;
  for (const v of column) if (v !== null) values[n++] = v;
  const sorted = values.subarray(0, n).sort();
  return {
    n,
    missing: column.length - n,
    median: percentileOfSorted(sorted, 0.5),
    p90: percentileOfSorted(sorted, 0.9),
  };
}
