import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../schema.js';

/** Incident ids per IN list. */
const CHUNK = 1000;

/**
 * 1 when the incident `alias.id` recurs an earlier one, else 0: a reviewer confirmed a link, or an earlier
 * incident shares a signature (of `key`) and no rejected link rules every such earlier incident out. An
 * earlier incident with the signature exists exactly when the incident is later than the signature's first
 * one (an index-only MIN); only an incident with a rejected link of its own needs the pairwise check.
 */
export function isRepeatSql(alias: string, key: string): RawBuilder<number> {
  const id = sql.ref(`${alias}.id`);
  return sql<number>`case when exists (
      select 1 from recurrence_links l where l.incident_id = ${id} and l.decision = 'confirmed'
    ) or exists (
      select 1 from incident_signatures a
      where a.fields_key = ${key} and a.incident_id = ${id}
        and a.occurred_ms > (
          select min(f.occurred_ms) from incident_signatures f
          where f.fields_key = a.fields_key and f.signature = a.signature
        )
        and (not exists (
            select 1 from recurrence_links x where x.incident_id = a.incident_id and x.decision = 'rejected'
          ) or exists (
            select 1 from incident_signatures b
            where b.fields_key = a.fields_key and b.signature = a.signature and b.occurred_ms < a.occurred_ms
              and not exists (
                select 1 from recurrence_links x
                where x.incident_id = a.incident_id and x.recurs_incident_id = b.incident_id
                  and x.decision = 'rejected'
              )
          ))
    ) then 1 else 0 end`;
}

/**
 * Incidents whose repeat status a change to `changed` can alter: those later than a changed incident in one
 * of its signature groups, under the signatures its facts were derived with (kpi_fact_signatures) and under
 * its current ones (incident_signatures). A new incident, the latest of its groups, affects none.
 */
export async function laterInSignatureGroups(
  db: Kysely<Database>,
  key: string,
  changed: readonly string[],
): Promise<string[]> {
  const later = new Set<string>();
  for (let i = 0; i < changed.length; i += CHUNK) {
    const chunk = sql.join(changed.slice(i, i + CHUNK));
    const { rows } = await sql<{ incident_id: string }>`select distinct s.incident_id as incident_id
      from (
        select g.signature as signature, min(g.occurred_ms) as since from (
          select signature, occurred_ms from incident_signatures
          where fields_key = ${key} and incident_id in (${chunk})
          union all
          select signature, occurred_ms from kpi_fact_signatures where incident_id in (${chunk})
        ) g group by g.signature
      ) t
      inner join incident_signatures s
        on s.fields_key = ${key} and s.signature = t.signature and s.occurred_ms > t.since`.execute(db);
    for (const row of rows) later.add(row.incident_id);
  }
  return [...later];
}

/**
 * Records the signatures the facts of the incidents `which` selects are now derived with; `which(alias)` is a
 * condition on `alias.incident_id`.
 */
export async function snapshotSignatures(
  db: Kysely<Database>,
  key: string,
  which: (alias: string) => RawBuilder<boolean>,
): Promise<void> {
  await sql`delete from kpi_fact_signatures where ${which('kpi_fact_signatures')}`.execute(db);
  await sql`insert into kpi_fact_signatures (incident_id, signature, occurred_ms)
    select s.incident_id, s.signature, s.occurred_ms from incident_signatures s
    where s.fields_key = ${key} and ${which('s')}`.execute(db);
}
