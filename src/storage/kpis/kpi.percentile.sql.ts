import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DurationAggregate } from '../../core/kpis/kpi.source.js';
import type { StoreKind } from '../database.js';
import type { Database } from '../schema.js';

interface Row {
  n: number | string | null;
  missing: number | string | null;
  median: number | string | null;
  p90: number | string | null;
}

/**
 * n, median, p90 and missing of a cohort's values, computed in the database. `cohort` is a SELECT with one
 * column `v` (null when a timestamp is missing). Percentiles are linear interpolation between closest ranks
 * (core/kpis/stats.ts): PostgreSQL's percentile_cont; on SQLite the same formula from ROW_NUMBER and COUNT
 * windows over the ordered values, h = (n − 1)·p, x[⌊h⌋] + (h − ⌊h⌋)·(x[⌈h⌉] − x[⌊h⌋]).
 * On PostgreSQL `offset 0` keeps the cohort a separate subquery: flattened, a correlated column (time to review)
 * was evaluated once per aggregate that reads it and the doubled cost estimate switched JIT on (17× slower).
 * On SQLite the cohort CTE is MATERIALIZED for the same reason: it is read twice (ranks and missing), and
 * inlined it ran its correlated lookups twice (time to review at 100k incidents: 190 → 80 ms, same figures).
 */
export async function durationAggregate(
  db: Kysely<Database>,
  kind: StoreKind,
  cohort: RawBuilder<unknown>,
): Promise<DurationAggregate> {
  const query =
    kind === 'postgres'
      ? sql<Row>`select count(v) as n, count(*) - count(v) as missing,
          percentile_cont(0.5) within group (order by v) as median,
          percentile_cont(0.9) within group (order by v) as p90
          from (${cohort} offset 0) as c`
      : sql<Row>`with c as materialized (${cohort}),
          ranked as (
            select v, row_number() over (order by v) - 1 as rn, count(*) over () as n
            from c where v is not null
          ),
          marks as (
            select v, rn, n,
              (n - 1) * 0.5 as h50, cast((n - 1) * 0.5 as integer) as lo50,
              (n - 1) * 0.9 as h90, cast((n - 1) * 0.9 as integer) as lo90
            from ranked
          ),
          picked as (
            select max(n) as n,
              max(case when rn = lo50 then v end) as a50,
              max(case when rn = lo50 + (h50 > lo50) then v end) as b50,
              max(h50 - lo50) as f50,
              max(case when rn = lo90 then v end) as a90,
              max(case when rn = lo90 + (h90 > lo90) then v end) as b90,
              max(h90 - lo90) as f90
            from marks
          )
          select coalesce(p.n, 0) as n,
            (select count(*) from c where v is null) as missing,
            p.a50 + p.f50 * (p.b50 - p.a50) as median,
            p.a90 + p.f90 * (p.b90 - p.a90) as p90
          from picked p`;
  const row = (await query.execute(db)).rows[0];
  const n = Number(row?.n ?? 0);
  return {
    n,
    missing: Number(row?.missing ?? 0),
    median: n > 0 && row?.median !== null && row?.median !== undefined ? Number(row.median) : null,
    p90: n > 0 && row?.p90 !== null && row?.p90 !== undefined ? Number(row.p90) : null,
  };
}
