import { sql, type Kysely } from 'kysely';
import type { DurationAggregate, KpiScope } from '../../core/kpis/kpi.source.js';
import { interpolate, percentileRanks } from '../../core/kpis/stats.js';
import type { StoreKind } from '../database.js';
import type { Database } from '../schema.js';
import {
  BLOCK_DAYS,
  cohortFilter,
  DAY_MS,
  DURATION_COHORTS,
  type RolledDuration,
} from './kpi.rollups.sql.js';

/** A period as the whole UTC days [firstDay, endDay) the rollups answer, and the partial days at its ends. */
export interface WholeDays {
  firstDay: number;
  endDay: number;
  /** The parts of the period before the first and after the last whole day (same filters as the period). */
  edges: KpiScope[];
}

/**
 * The whole days of a scope the day rollups can answer, or null when they cannot: a team or service filter
 * (the rollups are per day and severity only; a severity filter too unless `severities` says it is kept) or
 * a period without one whole UTC day.
 */
export function wholeDaysOf(scope: KpiScope, opts: { severities: boolean }): WholeDays | null {
  if ((scope.team_ids?.length ?? 0) > 0 || (scope.services?.length ?? 0) > 0) return null;
  if (!opts.severities && (scope.severities?.length ?? 0) > 0) return null;
  const from = Date.parse(scope.from);
  const to = Date.parse(scope.to);
  const firstDay = Math.ceil(from / DAY_MS);
  const endDay = Math.floor(to / DAY_MS);
  if (firstDay >= endDay) return null;
  const edges: KpiScope[] = [];
  const iso = (ms: number) => new Date(ms).toISOString();
  if (from < firstDay * DAY_MS) edges.push({ ...scope, from: scope.from, to: iso(firstDay * DAY_MS) });
  if (endDay * DAY_MS < to) edges.push({ ...scope, from: iso(endDay * DAY_MS), to: scope.to });
  return { firstDay, endDay, edges };
}

/**
 * Whole days as rollup rows to read: [span, first day from, first day to) runs of 32-day blocks where they fit
 * and single days elsewhere, none empty.
 */
export function spanRanges(days: WholeDays): Array<[span: number, from: number, to: number]> {
  const blockStart = Math.ceil(days.firstDay / BLOCK_DAYS) * BLOCK_DAYS;
  const blockEnd = Math.floor(days.endDay / BLOCK_DAYS) * BLOCK_DAYS;
  const ranges: Array<[number, number, number]> =
    blockStart < blockEnd
      ? [
          [BLOCK_DAYS, blockStart, blockEnd],
          [1, days.firstDay, blockStart],
          [1, blockEnd, days.endDay],
        ]
      : [[1, days.firstDay, days.endDay]];
  return ranges.filter(([, from, to]) => from < to);
}

/** Sums of kpi_fact_days columns over whole days, optionally for some severities only. */
export async function factDaySums<C extends string>(
  db: Kysely<Database>,
  days: WholeDays,
  columns: readonly C[],
  severities: readonly string[] | undefined,
): Promise<Record<C, number>> {
  const severity =
    severities && severities.length > 0 ? sql`and severity in (${sql.join(severities)})` : sql``;
  const { rows } = await sql<Record<C, number | string | null>>`select ${sql.join(
    columns.map((c) => sql`sum(${sql.ref(c)}) as ${sql.ref(c)}`),
  )} from kpi_fact_days where day >= ${days.firstDay} and day < ${days.endDay} ${severity}`.execute(db);
  const row = rows[0];
  return Object.fromEntries(columns.map((c) => [c, Number(row?.[c] ?? 0)])) as Record<C, number>;
}

/** Incidents declared per severity over whole days. */
export async function severityDayCounts(db: Kysely<Database>, days: WholeDays): Promise<Map<string, number>> {
  const { rows } = await sql<{ severity: string; n: number | string }>`select severity, sum(declared_n) as n
    from kpi_fact_days where day >= ${days.firstDay} and day < ${days.endDay}
    group by severity`.execute(db);
  return new Map(rows.map((r) => [r.severity, Number(r.n)]));
}

/** What is known of one duration's cohort before any value is sorted. */
interface Cohort {
  counts: Map<number, number>;
  missing: number;
  /** Values of the partial edge days, by bucket: they are not in the whole-day index ranges. */
  edgeValues: Map<number, number[]>;
}

/**
 * Exact n, missing, median and p90 of durations over a period from the day rollups: bucket counts of the whole
 * days (32-day blocks where they fit, single days elsewhere) plus the edge days' values read from the facts;
 * then, for each rank a percentile needs, the values of the one bucket holding it, sorted. Runs in one
 * snapshot (a repeatable-read transaction on PostgreSQL, the single connection's transaction on SQLite) so the
 * counts and the values agree while refreshes commit.
 */
export async function rolledDurationAggregates<D extends RolledDuration>(
  db: Kysely<Database>,
  kind: StoreKind,
  durations: readonly D[],
  days: WholeDays,
): Promise<Record<D, DurationAggregate>> {
  let trx = db.transaction();
  if (kind === 'postgres') trx = trx.setIsolationLevel('repeatable read');
  return trx.execute(async (snapshot) => {
    const cohorts = await bucketCounts(snapshot, durations, days);
    for (const edge of days.edges) await addEdgeValues(snapshot, durations, edge, cohorts);
    const out = {} as Record<D, DurationAggregate>;
    for (const duration of durations) {
      out[duration] = await aggregateOf(snapshot, duration, days, cohorts.get(duration) as Cohort);
    }
    return out;
  });
}

async function bucketCounts<D extends RolledDuration>(
  db: Kysely<Database>,
  durations: readonly D[],
  days: WholeDays,
): Promise<Map<D, Cohort>> {
  const parts = spanRanges(days).map(
    ([span, from, to]) => sql`select duration, bucket, n from kpi_duration_days
        where duration in (${sql.join(durations)}) and span = ${span}
          and first_day >= ${from} and first_day < ${to}`,
  );
  const { rows } = await sql<{ duration: D; bucket: number; n: number | string }>`
    select r.duration, r.bucket, sum(r.n) as n from (${sql.join(parts, sql` union all `)}) r
    group by r.duration, r.bucket`.execute(db);
  const cohorts = new Map<D, Cohort>(
    durations.map((d) => [d, { counts: new Map(), missing: 0, edgeValues: new Map() }]),
  );
  for (const row of rows) {
    const cohort = cohorts.get(row.duration) as Cohort;
    const bucket = Number(row.bucket);
    if (bucket === -1) cohort.missing += Number(row.n);
    else cohort.counts.set(bucket, (cohort.counts.get(bucket) ?? 0) + Number(row.n));
  }
  return cohorts;
}

async function addEdgeValues<D extends RolledDuration>(
  db: Kysely<Database>,
  durations: readonly D[],
  edge: KpiScope,
  cohorts: Map<D, Cohort>,
): Promise<void> {
  for (const duration of durations) {
    const cohort = cohorts.get(duration) as Cohort;
    const date = sql.ref(`f.${DURATION_COHORTS[duration]}`);
    const { rows } = await sql<{ v: number | null; bucket: number | null }>`
      select ${sql.ref(`f.${duration}`)} as v, ${sql.ref(`f.${duration}_bucket`)} as bucket
      from kpi_incident_facts f
      where ${date} >= ${Date.parse(edge.from)} and ${date} < ${Date.parse(edge.to)}
        and ${cohortFilter(duration, 'f')}`.execute(db);
    for (const row of rows) {
      if (row.v === null || row.bucket === null) {
        cohort.missing += 1;
        continue;
      }
      const bucket = Number(row.bucket);
      cohort.counts.set(bucket, (cohort.counts.get(bucket) ?? 0) + 1);
      const values = cohort.edgeValues.get(bucket) ?? [];
      values.push(Number(row.v));
      cohort.edgeValues.set(bucket, values);
    }
  }
}

async function aggregateOf(
  db: Kysely<Database>,
  duration: RolledDuration,
  days: WholeDays,
  cohort: Cohort,
): Promise<DurationAggregate> {
  const buckets = [...cohort.counts.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const n = buckets.reduce((sum, [, count]) => sum + count, 0);
  const sortedBuckets = new Map<number, Float64Array>();
  const valueAt = async (rank: number): Promise<number> => {
    let before = 0;
    for (const [bucket, count] of buckets) {
      if (rank < before + count) {
        let values = sortedBuckets.get(bucket);
        if (!values) {
          values = await bucketValues(db, duration, days, bucket, cohort.edgeValues.get(bucket) ?? []);
          if (values.length !== count) {
            throw new Error(
              `kpi_duration_days counts ${count} ${duration} values in bucket ${bucket}, kpi_incident_facts ${values.length}`,
            );
          }
          sortedBuckets.set(bucket, values);
        }
        return values[rank - before] as number;
      }
      before += count;
    }
    throw new RangeError(`rank ${rank} is beyond the ${n} values of ${duration}`);
  };
  const percentile = async (p: number): Promise<number | null> => {
    const ranks = percentileRanks(n, p);
    if (!ranks) return null;
    return interpolate(await valueAt(ranks.lo), await valueAt(ranks.hi), ranks.weight);
  };
  return { n, missing: cohort.missing, median: await percentile(0.5), p90: await percentile(0.9) };
}

/** One bucket's values over the whole days (an index range of its bucket index) and the edges, sorted. */
async function bucketValues(
  db: Kysely<Database>,
  duration: RolledDuration,
  days: WholeDays,
  bucket: number,
  edgeValues: readonly number[],
): Promise<Float64Array> {
  const date = sql.ref(`f.${DURATION_COHORTS[duration]}`);
  const { rows } = await sql<{ v: number | string }>`select ${sql.ref(`f.${duration}`)} as v
    from kpi_incident_facts f
    where ${sql.ref(`f.${duration}_bucket`)} = ${bucket}
      and ${date} >= ${days.firstDay * DAY_MS} and ${date} < ${days.endDay * DAY_MS}
      and ${cohortFilter(duration, 'f')}`.execute(db);
  const values = new Float64Array(rows.length + edgeValues.length);
  rows.forEach((row, i) => (values[i] = Number(row.v)));
  values.set(edgeValues, rows.length);
  return values.sort();
}
