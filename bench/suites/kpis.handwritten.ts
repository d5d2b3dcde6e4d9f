import { sql, type Kysely } from 'kysely';
import type { StoreKind } from '../../src/storage/database.js';

interface Period {
  from: number;
  to: number;
}

/**
 * The KPI dashboard's aggregates written directly as SQL, tuned for this schema and data set (the
 * baseline of the KPI benchmark): ratios with plain joins, durations with percentile_cont on PostgreSQL
 * and COUNT + ORDER BY … LIMIT/OFFSET on SQLite. Same cohorts as SqlKpiSource for the generated data
 * (every review covers only its own incident; no recurrence links; every action has one incident, so
 * the action KPIs need no scope join when unfiltered).
 */
export async function handWrittenKpis(
  db: Kysely<any>,
  kind: StoreKind,
  p: Period,
  signatureKey: string,
): Promise<unknown[]> {
  const q = <T>(query: ReturnType<typeof sql<T>>) => query.execute(db).then((r) => r.rows);
  const durations: Array<[string, string]> = [
    ['case when attack_vector is not null then first_indicator_ms else impact_started_ms end', 'detected_ms'],
    ['detected_ms', 'contained_ms'],
    ['detected_ms', 'acknowledged_ms'],
    ['impact_started_ms', 'recovered_ms'],
  ];
  return Promise.all([
    q(sql`select count(*) as denominator,
        sum(case when r.published_at_ms is not null then 1 else 0 end) as numerator
      from incidents i left join reviews r on r.incident_id = i.id
      where i.resolved_ms >= ${p.from} and i.resolved_ms < ${p.to} and i.kind = 'incident'`),
    q(sql`select count(*) as denominator,
        sum(case when exists (select 1 from contributing_factors f where f.review_id = r.id) then 1 else 0 end) as numerator
      from reviews r where r.published_at_ms >= ${p.from} and r.published_at_ms < ${p.to}`),
    // An earlier incident with the signature exists iff this one is later than the signature's first.
    q(sql`select count(*) as denominator,
        sum(case when exists (select 1 from incident_signatures a
          where a.fields_key = ${signatureKey} and a.incident_id = i.id
            and a.occurred_ms > (select min(b.occurred_ms) from incident_signatures b
              where b.fields_key = a.fields_key and b.signature = a.signature)) then 1 else 0 end) as numerator
      from incidents i where i.declared_ms >= ${p.from} and i.declared_ms < ${p.to}`),
    q(sql`select severity, count(*) as n from incidents
      where declared_ms >= ${p.from} and declared_ms < ${p.to} group by severity`),
    percentiles(
      db,
      kind,
      sql`select r.time_to_review_business_days as v from incidents i
      left join reviews r on r.incident_id = i.id and r.published_at_ms is not null
      where i.resolved_ms >= ${p.from} and i.resolved_ms < ${p.to} and i.kind = 'incident'`,
    ),
    q(sql`select sum(case when a.status = 'wont_do' then 1 else 0 end) as excluded,
        sum(case when a.status = 'wont_do' then 0 else 1 end) as denominator,
        sum(case when a.status = 'verified' and ${utcDay(kind, sql`v.verified_at_ms`)} <= a.due_date then 1 else 0 end) as numerator
      from actions a left join action_verifications v on v.action_id = a.id
      where a.due_date >= ${isoDay(p.from)} and a.due_date < ${isoDay(p.to)}`),
    q(sql`select count(*) as n, avg(f.improvement_rating) as mean
      from feedback f inner join reviews r on r.incident_id = f.incident_id
      where r.published_at_ms >= ${p.from} and r.published_at_ms < ${p.to}`),
    ...durations.map(([from, to]) =>
      percentiles(
        db,
        kind,
        sql`select (${sql.raw(to)} - ${sql.raw(from)}) / 60000.0 as v from incidents
        where declared_ms >= ${p.from} and declared_ms < ${p.to}`,
      ),
    ),
  ]);
}

const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

function utcDay(kind: StoreKind, ms: ReturnType<typeof sql>): ReturnType<typeof sql> {
  return kind === 'postgres'
    ? sql`to_char(to_timestamp(${ms} / 1000.0) at time zone 'UTC', 'YYYY-MM-DD')`
    : sql`strftime('%Y-%m-%d', ${ms} / 1000, 'unixepoch')`;
}

async function percentiles(
  db: Kysely<any>,
  kind: StoreKind,
  cohort: ReturnType<typeof sql>,
): Promise<unknown> {
  if (kind === 'postgres') {
    const { rows } = await sql`select count(v) as n, count(*) - count(v) as missing,
      percentile_cont(0.5) within group (order by v) as median,
      percentile_cont(0.9) within group (order by v) as p90 from (${cohort}) c`.execute(db);
    return rows[0];
  }
  const { rows } = await sql<{
    n: number;
    missing: number;
  }>`select count(v) as n, count(*) - count(v) as missing
    from (${cohort}) c`.execute(db);
  const n = Number(rows[0]?.n ?? 0);
  if (n === 0) return { n, median: null, p90: null };
  const at = async (q: number) => {
    const h = (n - 1) * q;
    const lo = Math.floor(h);
    const pair = await sql<{ v: number }>`select v from (${cohort}) c where v is not null order by v
      limit 2 offset ${lo}`.execute(db);
    const a = Number(pair.rows[0]?.v);
    const b = Number(pair.rows[1]?.v ?? a);
    return a + (h - lo) * (b - a);
  };
  return { n, missing: rows[0]?.missing, median: await at(0.5), p90: await at(0.9) };
}
