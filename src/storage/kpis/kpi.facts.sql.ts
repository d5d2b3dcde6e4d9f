import { sql, type Kysely, type RawBuilder } from 'kysely';
import { DEFAULT_SIGNATURE_FIELDS, type SignatureField } from '../../core/similarity/signature.js';
import { markCaughtUp, pendingChanges, type Pending } from '../repositories/similarity.changes.js';
import { refreshDerivedIndex, signatureKind } from '../repositories/similarity.derived-index.js';
import { storeKindOf, type StoreKind } from '../database.js';
import type { Database } from '../schema.js';
import { vacuumAnalyzeFilledTables } from '../table-statistics.js';
import { noReviewCondition, publishedReviewCondition } from './kpi.scope.sql.js';
import { underRefreshLock } from './refresh-lock.js';
import {
  claimKpiFacts,
  disownKpiFacts,
  KPI_FACTS_LOCK,
  kpiFactsLocks,
  kpiFactsOwner,
  ownsKpiFacts,
} from './kpi.facts.owner.sql.js';
import { applyRollupDelta, bucketOf, ROLLED_DURATIONS } from './kpi.rollups.sql.js';
import { declaredDays, recountDays, recountEveryDay } from './kpi.day-recount.sql.js';
import { isRepeatSql, laterInSignatureGroups, snapshotSignatures } from './kpi.facts.repeat.sql.js';

/**
 * The derived-index kind of kpi_incident_facts in derived_index_marks: the facts' repeat status depends on the
 * signature fields, so other fields are another kind (derived from scratch on first use). The table holds one
 * kind's facts at a time: its owner row says which (kpi.facts.owner.sql.ts).
 */
export function kpiFactsKind(fields: readonly SignatureField[]): string {
  return `kpi_facts:${signatureKind(fields)}`;
}

/** Incidents derived per statement: bounds a statement's memory and how long it holds the write lock. */
const BATCH = 2000;

/** One row per incident of kpi_incident_facts (migration 0013); flags are 0/1. */
export interface KpiFactsTable {
  incident_id: string;
  team: string | null;
  severity: string;
  declared_ms: number | null;
  resolved_ms: number | null;
  published_ms: number | null;
  needs_review: number;
  review_published: number;
  has_factor: number;
  rating_n: number;
  rating_sum: number;
  time_to_review: number | null;
  mttd: number | null;
  mttc: number | null;
  time_to_acknowledge: number | null;
  time_to_recover: number | null;
  is_repeat: number;
}

const minutes = (from: string, to: string) =>
  // A literal with a decimal point, so PostgreSQL divides bigints as numeric, not as integers.
  sql`(${sql.raw(to)} - ${sql.raw(from)}) / 60000.0`;

/**
 * The facts of the incidents `which` selects, as one INSERT … SELECT that replaces rows already there (safe
 * when two instances refresh at once). The expressions are the KPI definitions of kpi.source.ts: a review is
 * needed unless the kind or category says otherwise; time to review is the least of the published reviews
 * filed under the incident or covering it; the factor and ratings belong to the incident's own review.
 */
function deriveFacts(key: string, which: RawBuilder<boolean>): RawBuilder<unknown> {
  const buckets = ROLLED_DURATIONS.map(
    (d) => sql`${bucketOf(sql.ref(`d.${d}`))} as ${sql.ref(`${d}_bucket`)}`,
  );
  return sql`insert into kpi_incident_facts (incident_id, team, severity, declared_ms, resolved_ms,
      published_ms, needs_review, review_published, has_factor, rating_n, rating_sum, time_to_review,
      mttd, mttc, time_to_acknowledge, time_to_recover, is_repeat, ${sql.join(
        ROLLED_DURATIONS.map((d) => sql.ref(`${d}_bucket`)),
      )})
    select d.*, ${sql.join(buckets)} from (
    select i.id, i.team, i.severity, i.declared_ms, i.resolved_ms, r.published_at_ms,
      case when ${noReviewCondition('i')} then 0 else 1 end as needs_review,
      case when ${publishedReviewCondition('i')} then 1 else 0 end as review_published,
      case when r.published_at_ms is not null
        and exists (select 1 from contributing_factors f where f.review_id = r.id) then 1 else 0 end as has_factor,
      (select count(*) from feedback fb where fb.incident_id = i.id) as rating_n,
      coalesce((select sum(fb.improvement_rating) from feedback fb where fb.incident_id = i.id), 0) as rating_sum,
      (select min(t.v) from (
          select pr.time_to_review_business_days as v from reviews pr
          where pr.incident_id = i.id and pr.published_at_ms is not null
          union all
          select cr.time_to_review_business_days as v from review_incidents ri
            inner join reviews cr on cr.id = ri.review_id
          where ri.incident_id = i.id and cr.published_at_ms is not null
        ) t) as time_to_review,
      ${minutes('case when i.attack_vector is not null then i.first_indicator_ms else i.impact_started_ms end', 'i.detected_ms')} as mttd,
      ${minutes('i.detected_ms', 'i.contained_ms')} as mttc,
      ${minutes('i.detected_ms', 'i.acknowledged_ms')} as time_to_acknowledge,
      ${minutes('i.impact_started_ms', 'i.recovered_ms')} as time_to_recover,
      ${isRepeatSql('i', key)} as is_repeat
    from incidents i left join reviews r on r.incident_id = i.id
    where ${which}) d
    where 1 = 1
    on conflict (incident_id) do update set team = excluded.team, severity = excluded.severity,
      declared_ms = excluded.declared_ms, resolved_ms = excluded.resolved_ms,
      published_ms = excluded.published_ms, needs_review = excluded.needs_review,
      review_published = excluded.review_published, has_factor = excluded.has_factor,
      rating_n = excluded.rating_n, rating_sum = excluded.rating_sum,
      time_to_review = excluded.time_to_review, mttd = excluded.mttd, mttc = excluded.mttc,
      time_to_acknowledge = excluded.time_to_acknowledge, time_to_recover = excluded.time_to_recover,
      is_repeat = excluded.is_repeat, ${sql.join(
        ROLLED_DURATIONS.map((d) => sql`${sql.ref(`${d}_bucket`)} = ${sql.ref(`excluded.${d}_bucket`)}`),
      )}`;
}

/**
 * Brings kpi_incident_facts up to date from the change log: nothing to do costs one key lookup. After writes,
 * the signature index is brought up to date first (repeat status reads it), then, under the refresh lock, the
 * incidents that changed are derived again with the incidents their reviews cover (publishing a review changes
 * whether a covered incident has one) and the incidents later than them in their old and new signature groups
 * (whose repeat status they can change). A store whose facts were never derived for these signature fields
 * (new, just migrated, or last built for other fields: see kpi.facts.owner.sql.ts) derives every incident
 * instead. The mark never passes the signature index's own, so a change the signatures have not caught up with
 * is derived again next time. Returns how many incidents were derived.
 */
export async function refreshKpiFacts(
  db: Kysely<Database>,
  kind: StoreKind,
  fields: readonly SignatureField[] = DEFAULT_SIGNATURE_FIELDS,
): Promise<number> {
  const factsKind = kpiFactsKind(fields);
  const key = signatureKind(fields);
  const owner = kpiFactsOwner(key);
  const locks = kpiFactsLocks(factsKind);
  const first = await pendingChanges(db, factsKind, owner);
  if (first.scope === 'none') return 0;
  await refreshDerivedIndex(db, key, fields);
  const signaturesUpTo = await markOf(db, key);
  let from: Pending = first;
  if (first.scope === 'some') {
    let derived = 0;
    from = await underRefreshLock(db, kind, locks, async (trx) => {
      // Read again under the lock: another refresh may have caught up, or other fields claimed the facts.
      const pending = await pendingChanges(trx, factsKind, owner);
      if (pending.scope === 'some') {
        derived = await deriveChanged(trx, key, pending.ids);
        await markCaughtUp(trx, factsKind, Math.min(pending.latest, signaturesUpTo));
      }
      return pending;
    });
    if (from.scope !== 'all') return derived;
  }
  return buildFromScratch(db, kind, fields, Math.min(from.latest, signaturesUpTo));
}

/**
 * Derives every incident with the signature `fields`, in id order, one batch per lock, so other work goes on
 * between batches; then counts every trend day again and marks the facts caught up to `upTo`. The build claims
 * the facts first and stops without a mark once other signature fields claimed them (kpi.facts.owner.sql.ts).
 */
async function buildFromScratch(
  db: Kysely<Database>,
  kind: StoreKind,
  fields: readonly SignatureField[],
  upTo: number,
): Promise<number> {
  const key = signatureKind(fields);
  const locks = kpiFactsLocks(kpiFactsKind(fields));
  // The signature index may have been filled just now, by this refresh or another reader.
  await vacuumAnalyzeFilledTables(db, ['incident_signatures']);
  const build = await underRefreshLock(db, kind, locks, (trx) => claimKpiFacts(trx, key));
  let total = 0;
  for (let after: string | null = null; ;) {
    const batch = await underRefreshLock(db, kind, locks, async (trx) => {
      if (!(await ownsKpiFacts(trx, key, build))) return 'displaced' as const;
      const last = await lastOfBatch(trx, after);
      if (last === null) return null;
      const range = (column: string) =>
        after === null
          ? sql<boolean>`${sql.ref(column)} <= ${last.id}`
          : sql<boolean>`${sql.ref(column)} > ${after} and ${sql.ref(column)} <= ${last.id}`;
      await deriveAgain(trx, key, range);
      await snapshotSignatures(trx, key, (alias) => range(`${alias}.incident_id`));
      return last;
    });
    if (batch === 'displaced') return total;
    if (batch === null) break;
    total += batch.count;
    after = batch.id;
  }
  await recountEveryDay(db, kind, locks, key);
  await vacuumAnalyzeFilledTables(db, [
    'kpi_incident_facts',
    'kpi_fact_signatures',
    'kpi_fact_days',
    'kpi_duration_days',
    'kpi_dimension_days',
    'kpi_signature_days',
  ]);
  await underRefreshLock(db, kind, locks, async (trx) => {
    if (await ownsKpiFacts(trx, key, build)) await markCaughtUp(trx, kpiFactsKind(fields), upTo);
  });
  return total;
}

/**
 * Derives again, under the refresh lock, the incidents that changed (`changed`), the incidents their reviews
 * cover and those later than them in their signature groups; returns how many.
 */
async function deriveChanged(trx: Kysely<Database>, key: string, changed: string[]): Promise<number> {
  const affected = new Set([
    ...changed,
    ...(await coveredBy(trx, changed)),
    ...(await laterInSignatureGroups(trx, key, changed)),
  ]);
  const ids = [...affected];
  // Only an incident's own writes change its trend rollup rows: recount the days it was and is declared on.
  const days = await declaredDays(trx, 'kpi_incident_facts', 'incident_id', changed);
  for (let i = 0; i < ids.length; i += BATCH) {
    const chunk = ids.slice(i, i + BATCH);
    await deriveAgain(trx, key, (column) => sql<boolean>`${sql.ref(column)} in (${sql.join(chunk)})`);
  }
  for (let i = 0; i < changed.length; i += BATCH) {
    const chunk = changed.slice(i, i + BATCH);
    await snapshotSignatures(
      trx,
      key,
      (alias) => sql<boolean>`${sql.ref(`${alias}.incident_id`)} in (${sql.join(chunk)})`,
    );
  }
  for (const day of await declaredDays(trx, 'incidents', 'id', changed)) days.add(day);
  await recountDays(trx, key, days);
  return ids.length;
}

/**
 * Derives the facts of the incidents whose id column `incidents` selects, keeping the day rollups equal to the
 * facts: their rows' old contribution is subtracted first and the new one added after.
 */
async function deriveAgain(
  trx: Kysely<Database>,
  key: string,
  incidents: (idColumn: string) => RawBuilder<boolean>,
): Promise<void> {
  await applyRollupDelta(trx, incidents('f.incident_id'), -1);
  await deriveFacts(key, incidents('i.id')).execute(trx);
  await applyRollupDelta(trx, incidents('f.incident_id'), 1);
}

/**
 * Drops the facts, their day rollups and the marks of every signature field list together, under the refresh
 * lock, so the next refresh derives every incident from scratch (the rollups must only ever hold the
 * contribution of the facts present).
 */
export async function forgetKpiFacts(db: Kysely<Database>): Promise<void> {
  await underRefreshLock(db, storeKindOf(db), KPI_FACTS_LOCK, async (trx) => {
    await disownKpiFacts(trx);
    const derived = [
      'kpi_incident_facts',
      'kpi_fact_days',
      'kpi_duration_days',
      'kpi_dimension_days',
      'kpi_signature_days',
    ];
    for (const table of derived) {
      await sql`delete from ${sql.table(table)}`.execute(trx);
    }
  });
}

/** How far a derived index has read the change log (0 when it never has). */
async function markOf(db: Kysely<Database>, kind: string): Promise<number> {
  const row = await db
    .withTables<{ derived_index_marks: { kind: string; seq: number } }>()
    .selectFrom('derived_index_marks')
    .select('seq')
    .where('kind', '=', kind)
    .executeTakeFirst();
  return row ? Number(row.seq) : 0;
}

/** The last id of the next batch after `after` (by id), and how many ids the batch holds; null when none are left. */
async function lastOfBatch(
  db: Kysely<Database>,
  after: string | null,
): Promise<{ id: string; count: number } | null> {
  const ids = await db
    .selectFrom('incidents')
    .select('id')
    .$if(after !== null, (q) => q.where('id', '>', after as string))
    .orderBy('id')
    .limit(BATCH)
    .execute();
  const last = ids[ids.length - 1];
  return last ? { id: last.id, count: ids.length } : null;
}

/** Incidents covered by the reviews filed under `incidentIds`. */
async function coveredBy(db: Kysely<Database>, incidentIds: readonly string[]): Promise<string[]> {
  const covered: string[] = [];
  for (let i = 0; i < incidentIds.length; i += BATCH) {
    const rows = await db
      .selectFrom('review_incidents as ri')
      .innerJoin('reviews as r', 'r.id', 'ri.review_id')
      .select('ri.incident_id')
      .where('r.incident_id', 'in', incidentIds.slice(i, i + BATCH))
      .execute();
    covered.push(...rows.map((r) => r.incident_id));
  }
  return covered;
}
