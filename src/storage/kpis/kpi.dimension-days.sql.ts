import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { TrendBucket, TrendDimension } from '../../core/kpis/trend-report.source.js';
import type { Database } from '../schema.js';
import type { WholeDays } from './kpi.rollup-reads.sql.js';
import { DAY_MS } from './kpi.rollups.sql.js';

/**
 * The rows one incident adds to a dimension, as the trend report counts them: one per incident for severity,
 * category and attack vector; one per service and per distinct contributing-factor category of its review
 * ('unknown' when there is none).
 */
function dimensionRows(which: RawBuilder<boolean>): RawBuilder<unknown> {
  const day = sql`i.declared_ms / ${sql.lit(DAY_MS)}`;
  return sql`
    select 'severity' as dimension, ${day} as day, i.severity as key from incidents i where ${which}
    union all
    select 'category', ${day}, coalesce(nullif(i.category, ''), 'unknown') from incidents i where ${which}
    union all
    select 'attack_vector', ${day}, coalesce(nullif(i.attack_vector, ''), 'unknown') from incidents i
    where ${which}
    union all
    select 'service', ${day}, coalesce(d.service, 'unknown')
    from incidents i left join incident_services d on d.incident_id = i.id where ${which}
    union all
    select 'factor_category', c.day, c.key from (
      select distinct i.id, ${day} as day, f.category as key
      from incidents i
        inner join reviews r on r.incident_id = i.id
        inner join contributing_factors f on f.review_id = r.id
      where ${which}
    ) c
    union all
    select 'factor_category', ${day}, 'unknown' from incidents i
    where ${which} and not exists (select 1 from reviews r
      inner join contributing_factors f on f.review_id = r.id where r.incident_id = i.id)`;
}

/**
 * Counts kpi_dimension_days again for the given UTC days from the incidents declared on them. Recomputing a
 * day, rather than adding and subtracting an incident's rows, needs no record of an incident's old services
 * or factor categories; a day holds a few thousand incidents even at 1M.
 */
export async function recountDimensionDays(db: Kysely<Database>, days: Iterable<number>): Promise<void> {
  const ranges = dayRanges(days);
  if (ranges.length === 0) return;
  const onDays = (column: RawBuilder<unknown>) =>
    sql<boolean>`(${sql.join(
      ranges.map(([from, to]) => sql`(${column} >= ${from} and ${column} < ${to})`),
      sql` or `,
    )})`;
  await sql`delete from kpi_dimension_days where ${onDays(sql`day`)}`.execute(db);
  const declared = sql`i.declared_ms`;
  const inRanges = sql<boolean>`(${sql.join(
    ranges.map(([from, to]) => sql`(${declared} >= ${from * DAY_MS} and ${declared} < ${to * DAY_MS})`),
    sql` or `,
  )})`;
  await sql`insert into kpi_dimension_days (dimension, day, key, n)
    select c.dimension, c.day, c.key, count(*) from (${dimensionRows(inRanges)}) c
    group by c.dimension, c.day, c.key`.execute(db);
}

/** The first and last day anything was declared on, or null when nothing was. */
export async function declaredDayRange(
  db: Kysely<Database>,
): Promise<{ first: number; last: number } | null> {
  const { rows } = await sql<{ first: number | string | null; last: number | string | null }>`
    select min(declared_ms) as first, max(declared_ms) as last from incidents`.execute(db);
  const row = rows[0];
  if (!row || row.first === null || row.last === null) return null;
  return { first: Math.floor(Number(row.first) / DAY_MS), last: Math.floor(Number(row.last) / DAY_MS) };
}

/** Sorted days merged into [from, to) runs, so a recount is a few index ranges. */
export function dayRanges(days: Iterable<number>): Array<[number, number]> {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const ranges: Array<[number, number]> = [];
  for (const day of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && last[1] === day) last[1] = day + 1;
    else ranges.push([day, day + 1]);
  }
  return ranges;
}

/** Incidents per bucket (ISO week or month, UTC) and key of a dimension over whole days. */
export async function dimensionDayCounts(
  db: Kysely<Database>,
  dimension: TrendDimension,
  bucket: TrendBucket,
  days: WholeDays,
): Promise<Map<string, number>> {
  const { rows } = await sql<{ day: number | string; key: string; n: number | string }>`
    select day, key, n from kpi_dimension_days
    where dimension = ${dimension} and day >= ${days.firstDay} and day < ${days.endDay}`.execute(db);
  const counts = new Map<string, number>();
  for (const row of rows) {
    const at = `${firstDayOf(Number(row.day), bucket)}\u0000${row.key}`;
    counts.set(at, (counts.get(at) ?? 0) + Number(row.n));
  }
  return counts;
}

/** The first day (YYYY-MM-DD) of the ISO week (Monday) or calendar month holding UTC day `day`. */
export function firstDayOf(day: number, bucket: TrendBucket): string {
  if (bucket === 'month') return `${new Date(day * DAY_MS).toISOString().slice(0, 7)}-01`;
  // Day 0 (1970-01-01) was a Thursday, three days after a Monday.
  const monday = day - ((((day + 3) % 7) + 7) % 7);
  return new Date(monday * DAY_MS).toISOString().slice(0, 10);
}
