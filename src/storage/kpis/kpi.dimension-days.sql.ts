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
 * Counts kpi_dimension_days again for the given UTC days from the incidents declared on them, then the weeks
 * and months holding those days from their days. Recomputing a day, rather than adding and subtracting an
 * incident's rows, needs no record of an incident's old services or factor categories; a day holds a few
 * thousand incidents even at 1M.
 */
export async function recountDimensionDays(db: Kysely<Database>, days: Iterable<number>): Promise<void> {
  const ranges = dayRanges(days);
  if (ranges.length === 0) return;
  const onDays = sql<boolean>`(${sql.join(
    ranges.map(([from, to]) => sql`(first_day >= ${from} and first_day < ${to})`),
    sql` or `,
  )})`;
  await sql`delete from kpi_dimension_days where span = 'day' and ${onDays}`.execute(db);
  const declared = sql`i.declared_ms`;
  const inRanges = sql<boolean>`(${sql.join(
    ranges.map(([from, to]) => sql`(${declared} >= ${from * DAY_MS} and ${declared} < ${to * DAY_MS})`),
    sql` or `,
  )})`;
  await sql`insert into kpi_dimension_days (dimension, span, first_day, key, n)
    select c.dimension, 'day', c.day, c.key, count(*) from (${dimensionRows(inRanges)}) c
    group by c.dimension, c.day, c.key`.execute(db);
  const periods = new Map<string, [span: PeriodSpan, from: number, to: number]>();
  for (const [from, to] of ranges) {
    for (let day = from; day < to; day += 1) {
      for (const span of ['week', 'month'] as const) {
        const period = periodOf(day, span);
        periods.set(`${span}:${period[0]}`, [span, ...period]);
      }
    }
  }
  for (const [span, from, to] of periods.values()) {
    await sql`delete from kpi_dimension_days where span = ${span} and first_day = ${from}`.execute(db);
    await sql`insert into kpi_dimension_days (dimension, span, first_day, key, n)
      select d.dimension, ${span}, ${from}, d.key, sum(d.n) from kpi_dimension_days d
      where d.span = 'day' and d.first_day >= ${from} and d.first_day < ${to}
      group by d.dimension, d.key`.execute(db);
  }
}

type PeriodSpan = 'week' | 'month';

/** The ISO week (from Monday) or calendar month holding UTC day `day`, as days [from, to). */
export function periodOf(day: number, span: PeriodSpan): [number, number] {
  if (span === 'week') {
    // Day 0 (1970-01-01) was a Thursday, three days after a Monday.
    const monday = day - ((((day + 3) % 7) + 7) % 7);
    return [monday, monday + 7];
  }
  const date = new Date(day * DAY_MS);
  const first = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / DAY_MS;
  const next = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / DAY_MS;
  return [first, next];
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

/**
 * Incidents per bucket (ISO week or month, UTC) and key of a dimension over whole days: the rows of the weeks
 * or months inside them, and single days for the rest.
 */
export async function dimensionDayCounts(
  db: Kysely<Database>,
  dimension: TrendDimension,
  bucket: TrendBucket,
  days: WholeDays,
): Promise<Map<string, number>> {
  let fullFrom = periodOf(days.firstDay, bucket)[0];
  if (fullFrom < days.firstDay) fullFrom = periodOf(days.firstDay, bucket)[1];
  let fullTo = fullFrom;
  while (periodOf(fullTo, bucket)[1] <= days.endDay) fullTo = periodOf(fullTo, bucket)[1];
  const parts =
    fullFrom < fullTo
      ? [
          sql`select first_day, key, n from kpi_dimension_days where dimension = ${dimension}
            and span = ${bucket} and first_day >= ${fullFrom} and first_day < ${fullTo}`,
          sql`select first_day, key, n from kpi_dimension_days where dimension = ${dimension}
            and span = 'day' and first_day >= ${days.firstDay} and first_day < ${fullFrom}`,
          sql`select first_day, key, n from kpi_dimension_days where dimension = ${dimension}
            and span = 'day' and first_day >= ${fullTo} and first_day < ${days.endDay}`,
        ]
      : [
          sql`select first_day, key, n from kpi_dimension_days where dimension = ${dimension}
            and span = 'day' and first_day >= ${days.firstDay} and first_day < ${days.endDay}`,
        ];
  const { rows } = await sql<{ first_day: number | string; key: string; n: number | string }>`
    ${sql.join(parts, sql` union all `)}`.execute(db);
  const counts = new Map<string, number>();
  for (const row of rows) {
    const at = `${firstDayOf(Number(row.first_day), bucket)}\u0000${row.key}`;
    counts.set(at, (counts.get(at) ?? 0) + Number(row.n));
  }
  return counts;
}

/** The first day (YYYY-MM-DD) of the ISO week (Monday) or calendar month holding UTC day `day`. */
export function firstDayOf(day: number, bucket: TrendBucket): string {
  return new Date(periodOf(day, bucket)[0] * DAY_MS).toISOString().slice(0, 10);
}
