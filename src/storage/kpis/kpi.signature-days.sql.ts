import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../schema.js';
import { dayRanges } from './kpi.dimension-days.sql.js';
import { spanRanges, type WholeDays } from './kpi.rollup-reads.sql.js';
import { BLOCK_DAYS, DAY_MS } from './kpi.rollups.sql.js';

/** Incidents of one signature (and stored service, '' for none) over some days. */
export interface SignatureCount {
  signature: string;
  service: string;
  n: number;
}

/**
 * Counts kpi_signature_days again for the given UTC days from the signatures (of `key`) of the incidents
 * declared on them, then the 32-day blocks holding those days from their days.
 */
export async function recountSignatureDays(
  db: Kysely<Database>,
  key: string,
  days: Iterable<number>,
): Promise<void> {
  const ranges = dayRanges(days);
  if (ranges.length === 0) return;
  const within = (column: RawBuilder<unknown>, spans: Array<[number, number]>, scale = 1) =>
    sql<boolean>`(${sql.join(
      spans.map(([from, to]) => sql`(${column} >= ${from * scale} and ${column} < ${to * scale})`),
      sql` or `,
    )})`;
  await sql`delete from kpi_signature_days
    where fields_key = ${key} and span = 1 and ${within(sql`first_day`, ranges)}`.execute(db);
  await sql`insert into kpi_signature_days (fields_key, span, first_day, signature, service, n)
    select s.fields_key, 1, i.declared_ms / ${sql.lit(DAY_MS)}, s.signature, coalesce(s.service, ''), count(*)
    from incidents i inner join incident_signatures s on s.incident_id = i.id and s.fields_key = ${key}
    where ${within(sql`i.declared_ms`, ranges, DAY_MS)}
    group by s.fields_key, i.declared_ms / ${sql.lit(DAY_MS)}, s.signature, coalesce(s.service, '')`.execute(
    db,
  );

  const blocks = dayRanges(
    ranges.flatMap(([from, to]) => {
      const firsts: number[] = [];
      for (let b = Math.floor(from / BLOCK_DAYS); b * BLOCK_DAYS < to; b += 1) firsts.push(b);
      return firsts;
    }),
  ).map(([from, to]): [number, number] => [from * BLOCK_DAYS, to * BLOCK_DAYS]);
  await sql`delete from kpi_signature_days
    where fields_key = ${key} and span = ${BLOCK_DAYS} and ${within(sql`first_day`, blocks)}`.execute(db);
  const blockOf = sql`(d.first_day / ${sql.lit(BLOCK_DAYS)}) * ${sql.lit(BLOCK_DAYS)}`;
  await sql`insert into kpi_signature_days (fields_key, span, first_day, signature, service, n)
    select d.fields_key, ${BLOCK_DAYS}, ${blockOf}, d.signature, d.service, sum(d.n)
    from kpi_signature_days d
    where d.fields_key = ${key} and d.span = 1 and ${within(sql`d.first_day`, blocks)}
    group by d.fields_key, ${blockOf}, d.signature, d.service`.execute(db);
}

/** Drops the rows of other signature fields and of days outside [first, last]. */
export async function dropSignatureDaysOutside(
  db: Kysely<Database>,
  key: string,
  range: { first: number; last: number } | null,
): Promise<void> {
  if (!range) {
    await sql`delete from kpi_signature_days`.execute(db);
    return;
  }
  await sql`delete from kpi_signature_days where fields_key <> ${key}
    or first_day + span <= ${range.first} or first_day > ${range.last}`.execute(db);
}

/** Incidents per signature and service over whole days: 32-day blocks where they fit, single days elsewhere. */
export async function signatureDayCounts(
  db: Kysely<Database>,
  key: string,
  days: WholeDays,
): Promise<SignatureCount[]> {
  const parts = spanRanges(days).map(
    ([span, from, to]) => sql`select signature, service, n from kpi_signature_days
      where fields_key = ${key} and span = ${span} and first_day >= ${from} and first_day < ${to}`,
  );
  const { rows } = await sql<{ signature: string; service: string; n: number | string }>`
    select r.signature, r.service, sum(r.n) as n from (${sql.join(parts, sql` union all `)}) r
    group by r.signature, r.service`.execute(db);
  return rows.map((r) => ({ signature: r.signature, service: r.service, n: Number(r.n) }));
}
