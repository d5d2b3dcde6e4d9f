import type { Kysely, Transaction } from 'kysely';
import type { AnalysedDocument, CandidateVector } from '../../core/similarity/similarity.document.js';
import type { Database } from '../schema.js';

/** Tables of migration 0010, typed here so the shared schema stays as it is. */
export type SimilarityTables = {
  similarity_vectors: {
    incident_id: string;
    occurred_ms: number;
    /** "term tf term tf …" (terms are letters and digits only, so a space separates safely). */
    terms: string;
    /** JSON array of normalised services. */
    services: string;
    /** JSON array of factor categories. */
    factor_categories: string;
    /** The writing transaction's number (migration 0021), for processes that keep the vectors in memory. */
    revision: number;
  };
  similarity_services: { service: string; incident_id: string };
  /** Term document frequencies, service postings ("service:<name>") and "#documents". */
  similarity_stats: { key: string; n: number };
};
export type SimilarityDb = Kysely<Database & SimilarityTables>;

export function similarityDb(db: Kysely<Database>): SimilarityDb {
  return db.withTables<SimilarityTables>();
}

/** The similarity_stats key counting indexed documents ('#' never occurs in a term). */
export const DOCUMENTS_KEY = '#documents';
/**
 * The similarity_stats key holding the last revision taken by a vector write ('#' never occurs in a term).
 * Never reset or lowered, even when the derived tables are cleared: running processes read only rows above the
 * last revision they saw (similarity.memory.ts).
 */
export const REVISION_KEY = '#revision';
/** The similarity_stats key counting a normalised service's incidents (':' never occurs in a term). */
export const serviceKey = (service: string): string => `service:${service}`;

type VectorRow = SimilarityTables['similarity_vectors'];

/** A stored vector back as what scoring reads. */
export function candidateOf(row: VectorRow): CandidateVector {
  const parts = row.terms === '' ? [] : row.terms.split(' ');
  const termNames: string[] = [];
  const termCounts: number[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    termNames.push(parts[i] as string);
    termCounts.push(Number(parts[i + 1]));
  }
  return {
    id: row.incident_id,
    occurredAt: Number(row.occurred_ms),
    termNames,
    termCounts,
    services: listOf(row.services),
    factorCategories: listOf(row.factor_categories),
  };
}

/** A stored JSON array of strings; most candidates have no factor categories, so '[]' skips the parser. */
function listOf(json: string): string[] {
  return json === '[]' ? [] : (JSON.parse(json) as string[]);
}

function vectorRow(doc: AnalysedDocument, revision: number): VectorRow {
  return {
    revision,
    incident_id: doc.id,
    occurred_ms: doc.occurredAt,
    terms: [...doc.terms].map(([term, tf]) => `${term} ${tf}`).join(' '),
    services: JSON.stringify([...doc.services]),
    factor_categories: JSON.stringify([...doc.factorCategories]),
  };
}

const CHUNK = 500;

/**
 * Replaces the terms, service postings and vectors of these incidents, the vectors under a new revision, and
 * moves the statistics by exactly the rows deleted and inserted (RETURNING), so the counts stay equal to the
 * postings even when two instances refresh the same incidents at once (the second deletes and re-inserts the
 * first's rows: net 0).
 */
export async function writeVectors(
  trx: Transaction<Database>,
  docs: readonly AnalysedDocument[],
): Promise<void> {
  const db = similarityDb(trx);
  // First, and held until commit, so revisions become visible in the order they are taken (migration 0021).
  const { n } = await db
    .insertInto('similarity_stats')
    .values({ key: REVISION_KEY, n: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({ n: eb(eb.ref('similarity_stats.n'), '+', 1) })),
    )
    .returning('n')
    .executeTakeFirstOrThrow();
  const revision = Number(n);
  const ids = docs.map((d) => d.id);
  const delta = new Map<string, number>();
  const move = (key: string, by: number) => delta.set(key, (delta.get(key) ?? 0) + by);
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const terms = await db
      .deleteFrom('similarity_terms')
      .where('incident_id', 'in', chunk)
      .returning('term')
      .execute();
    for (const r of terms) move(r.term, -1);
    const services = await db
      .deleteFrom('similarity_services')
      .where('incident_id', 'in', chunk)
      .returning('service')
      .execute();
    for (const r of services) move(serviceKey(r.service), -1);
    const vectors = await db
      .deleteFrom('similarity_vectors')
      .where('incident_id', 'in', chunk)
      .returning('incident_id')
      .execute();
    move(DOCUMENTS_KEY, -vectors.length);
  }
  const termRows = docs.flatMap((d) => [...d.terms].map(([term, tf]) => ({ term, incident_id: d.id, tf })));
  for (let i = 0; i < termRows.length; i += CHUNK) {
    const inserted = await db
      .insertInto('similarity_terms')
      .values(termRows.slice(i, i + CHUNK))
      .onConflict((oc) => oc.columns(['term', 'incident_id']).doNothing())
      .returning('term')
      .execute();
    for (const r of inserted) move(r.term, 1);
  }
  const serviceRows = docs.flatMap((d) => [...d.services].map((service) => ({ service, incident_id: d.id })));
  for (let i = 0; i < serviceRows.length; i += CHUNK) {
    const inserted = await db
      .insertInto('similarity_services')
      .values(serviceRows.slice(i, i + CHUNK))
      .onConflict((oc) => oc.columns(['service', 'incident_id']).doNothing())
      .returning('service')
      .execute();
    for (const r of inserted) move(serviceKey(r.service), 1);
  }
  for (let i = 0; i < docs.length; i += CHUNK) {
    const inserted = await db
      .insertInto('similarity_vectors')
      .values(docs.slice(i, i + CHUNK).map((doc) => vectorRow(doc, revision)))
      .onConflict((oc) => oc.column('incident_id').doNothing())
      .returning('incident_id')
      .execute();
    move(DOCUMENTS_KEY, inserted.length);
  }
  // Sorted keys: concurrent refreshes lock statistics rows in one order, so they cannot deadlock.
  const changes = [...delta].filter(([, n]) => n !== 0).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  for (let i = 0; i < changes.length; i += CHUNK) {
    await db
      .insertInto('similarity_stats')
      .values(changes.slice(i, i + CHUNK).map(([key, n]) => ({ key, n })))
      .onConflict((oc) =>
        oc
          .column('key')
          .doUpdateSet((eb) => ({ n: eb(eb.ref('similarity_stats.n'), '+', eb.ref('excluded.n')) })),
      )
      .execute();
  }
}

/** Statistics of these keys (0 when absent). */
export async function statsOf(db: SimilarityDb, keys: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>(keys.map((k) => [k, 0]));
  for (let i = 0; i < keys.length; i += CHUNK) {
    const rows = await db
      .selectFrom('similarity_stats')
      .select(['key', 'n'])
      .where('key', 'in', keys.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) out.set(r.key, Number(r.n));
  }
  return out;
}
