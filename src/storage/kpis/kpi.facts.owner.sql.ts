import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/*
 * Which signature field list kpi_incident_facts holds. The facts (with their day rollups and
 * kpi_fact_signatures) are one table per store, yet each field list is a derived-index kind of its own
 * (`kpi_facts:<key>`): a mark alone cannot tell whether the rows it describes are still the table's. Fields
 * A → B → A would find A's old mark over B's facts and derive again only the incidents that changed.
 *
 * So one row of derived_index_marks, `kpi_facts_owner:<key>`, names the field list the table is built (or being
 * built) for, its seq a build number. Everything below runs under the one refresh lock of the table
 * (KPI_FACTS_LOCK, whatever the fields), so two instances with different fields, as during a rolling change of
 * HINDSIGHT_SIGNATURE_FIELDS, never write it at once:
 * - A build from scratch first claims the table. Owned by another field list (or by none), it takes it over: a
 *   new build number, and every `kpi_facts:` mark dropped in the same transaction, for none describes the rows
 *   it is about to replace. Owned by its own list, it joins the build there (same derivation, same number).
 * - Each later transaction of the build (every batch, and the one writing its mark) checks the owner is still
 *   this list with this build number, else stops without a mark: another list has written its facts over some
 *   batches meanwhile. The number, not the list alone: claims by B then A again during one A build would leave
 *   the list looking unchanged, though B wrote over some of its batches. Stopping rather than starting again:
 *   while both lists run, each build would otherwise restart the other's for good and hold its reads; this way
 *   the latest claimant finishes, the other builds again on its next refresh (no mark), and once one list is
 *   left its next refresh ends with its facts (at worst a rebuild).
 * - A mark counts only beside its owner row (pendingChanges). Marks are only written under the lock by a build or
 *   refresh of the owner, so this matters for marks written before owners were kept: those are not trusted, and
 *   such a store derives its facts once more from scratch.
 * The owner row is no reader of the change log: pruneReadChanges looks at the readers' marks alone.
 */

/** The refresh lock of kpi_incident_facts and its rollups: one for every field list, as they share the table. */
export const KPI_FACTS_LOCK = 'kpi_facts';

/**
 * The locks a refresh of the facts for one field list takes: the table's, then the field list's own name
 * (`kpi_facts:<key>`), which is what versions before the table's lock took. During a rolling upgrade an older
 * instance and a newer one with the same fields so never write the facts at once; the order is the same in
 * every newer instance, and an older one takes only the second, so none waits on another in a cycle.
 */
export function kpiFactsLocks(factsKind: string): readonly string[] {
  return [KPI_FACTS_LOCK, factsKind];
}

const OWNER_PREFIX = 'kpi_facts_owner:';

type MarkTables = { derived_index_marks: { kind: string; seq: number } };

/** The owner row of the facts when built for the signature kind `key`. */
export function kpiFactsOwner(key: string): string {
  return `${OWNER_PREFIX}${key}`;
}

/**
 * Claims the facts for a build from scratch for `key` (under KPI_FACTS_LOCK); returns the build number that
 * {@link ownsKpiFacts} checks.
 */
export async function claimKpiFacts(trx: Kysely<Database>, key: string): Promise<number> {
  const owner = await currentOwner(trx);
  if (owner?.kind === kpiFactsOwner(key)) return owner.build;
  return replaceOwner(trx, kpiFactsOwner(key), owner);
}

/** Whether build `build` for `key` still owns the facts (under KPI_FACTS_LOCK). */
export async function ownsKpiFacts(trx: Kysely<Database>, key: string, build: number): Promise<boolean> {
  const row = await trx
    .withTables<MarkTables>()
    .selectFrom('derived_index_marks')
    .select('kind')
    .where('kind', '=', kpiFactsOwner(key))
    .where('seq', '=', build)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Leaves the facts to no field list (under KPI_FACTS_LOCK, when they are dropped): every mark goes, and a build
 * still running stops.
 */
export async function disownKpiFacts(trx: Kysely<Database>): Promise<void> {
  await replaceOwner(trx, OWNER_PREFIX, await currentOwner(trx));
}

async function currentOwner(trx: Kysely<Database>): Promise<{ kind: string; build: number } | undefined> {
  const row = await trx
    .withTables<MarkTables>()
    .selectFrom('derived_index_marks')
    .select(['kind', 'seq'])
    .where('kind', 'like', `${OWNER_PREFIX}%`)
    .orderBy('seq', 'desc')
    .executeTakeFirst();
  return row && { kind: row.kind, build: Number(row.seq) };
}

/** Drops every KPI facts mark and owner row, then makes `kind` the owner with the next build number. */
async function replaceOwner(
  trx: Kysely<Database>,
  kind: string,
  previous: { build: number } | undefined,
): Promise<number> {
  const build = (previous?.build ?? 0) + 1;
  const tdb = trx.withTables<MarkTables>();
  await tdb
    .deleteFrom('derived_index_marks')
    .where((eb) => eb.or([eb('kind', 'like', 'kpi_facts:%'), eb('kind', 'like', `${OWNER_PREFIX}%`)]))
    .execute();
  await tdb.insertInto('derived_index_marks').values({ kind, seq: build }).execute();
  return build;
}
