import { sql, type Kysely } from 'kysely';
import { storeKindOf, type StoreKind } from '../database.js';
import type { Actor } from '../../core/shared/actor.js';
import type { CandidateVector, SimilarityDocument } from '../../core/similarity/similarity.document.js';
import type { CandidateQuery, SimilarityCandidates } from '../../core/similarity/similarity.port.js';
import { CANDIDATE_SELECTION, type SimilarityIndex } from '../../core/similarity/similarity.index.js';
import { DEFAULT_SIGNATURE_FIELDS, type SignatureField } from '../../core/similarity/signature.js';
import type {
  SeenBeforeLesson,
  SignatureMatch,
  SimilarityStore,
} from '../../core/similarity/similarity.service.js';
import type { Database } from '../schema.js';
import {
  documentOf,
  factorsOf,
  refreshDerivedIndex,
  signatureKind,
  SIMILARITY_KIND,
} from './similarity.derived-index.js';
import { toIso } from './instants.js';
import { candidateVectors } from './similarity.candidates.js';
import { DOCUMENTS_KEY, serviceKey, similarityDb, statsOf, type SimilarityDb } from './similarity.vectors.js';
import type { SimilarityMemory } from './similarity.memory.js';
import { hiddenIncidentIds, visibleIncident } from './similarity.visibility.js';

/** Candidate selection, as in the in-memory SimilarityIndex: see its options for the reasons. */
const {
  commonTermShare: COMMON_TERM_SHARE,
  commonTermFloor: COMMON_TERM_FLOOR,
  selectingTerms: SELECTING_TERMS,
  maxServicePostings: MAX_SERVICE_POSTINGS,
} = CANDIDATE_SELECTION;
const CHUNK = 500;

/**
 * Similar-incident candidates in SQL over the derived tables (similarity_terms: one row per incident and
 * stemmed term; similarity_vectors; similarity_stats: document frequencies kept on refresh): candidates by
 * the IDF mass of shared rare terms and shared services, so a query reads postings of a few terms and one
 * stored vector per candidate rather than every incident. Bound to a viewer:
 * candidates and documents are only incidents the viewer may see (corpus statistics count every incident,
 * as aggregates do, and reveal none). Given the process's SimilarityMemory, candidates and statistics come
 * from it instead (the same selection and ranking over the same rows), with the viewer's hidden incidents
 * read per lookup.
 */
export class SimilarityRepository implements SimilarityCandidates, SimilarityStore {
  private readonly sdb: SimilarityDb;
  private readonly kind: StoreKind;
  /** The in-memory index as of this repository's last refresh, or its first use: one read of it per lookup. */
  private index: Promise<SimilarityIndex> | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly viewer: Actor,
    private readonly signatureFields: readonly SignatureField[] = DEFAULT_SIGNATURE_FIELDS,
    private readonly memory?: SimilarityMemory,
  ) {
    this.sdb = similarityDb(db);
    this.kind = storeKindOf(db);
  }

  /** Re-derives terms and signatures of incidents (or reviews) changed since they were last indexed. */
  async refresh(): Promise<number> {
    const terms = await refreshDerivedIndex(this.db, SIMILARITY_KIND);
    const kind = signatureKind(this.signatureFields);
    const signatures = await refreshDerivedIndex(this.db, kind, this.signatureFields);
    if (this.memory) await (this.index = this.memory.current());
    return terms + signatures;
  }

  /**
   * Per signature of the incident (usually one to three), the latest earlier visible incidents sharing it,
   * read backwards along (fields_key, signature, occurred_ms) and stopping at `limit`; then merged. The
   * overall latest `limit` are each among the latest `limit` of every signature they share, so the merge
   * loses none (a join over all earlier incidents of a common signature read thousands of rows instead).
   */
  async sameSignature(incidentId: string, limit: number): Promise<SignatureMatch[]> {
    const kind = signatureKind(this.signatureFields);
    const mine = await this.db
      .selectFrom('incident_signatures')
      .select(['signature', 'occurred_ms'])
      .where('fields_key', '=', kind)
      .where('incident_id', '=', incidentId)
      .execute();
    const found = new Map<string, { signature: string; occurred: number }>();
    for (const { signature, occurred_ms } of mine) {
      const rows = await this.db
        .selectFrom('incident_signatures as other')
        .select(['other.incident_id', 'other.occurred_ms'])
        .where('other.fields_key', '=', kind)
        .where('other.signature', '=', signature)
        .where('other.occurred_ms', '<', occurred_ms)
        .where((eb) => visibleIncident(this.viewer, sql.ref('other.incident_id'), eb))
        .orderBy('other.occurred_ms', 'desc')
        .orderBy('other.incident_id')
        .limit(limit)
        .execute();
      for (const r of rows) {
        const seen = found.get(r.incident_id);
        if (!seen || signature < seen.signature)
          found.set(r.incident_id, { signature, occurred: Number(r.occurred_ms) });
      }
    }
    return [...found]
      .sort(([a, x], [b, y]) => y.occurred - x.occurred || (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, limit)
      .map(([id, m]) => ({ incident_id: id, signature: m.signature, occurred_at: toIso(m.occurred) }));
  }

  async corpusStats(terms: string[]): Promise<{ documents: number; df: Map<string, number> }> {
    if (this.memory) return (await this.memoryIndex(this.memory)).corpusStats(terms);
    const stats = await statsOf(this.sdb, [DOCUMENTS_KEY, ...terms]);
    const documents = stats.get(DOCUMENTS_KEY) ?? 0;
    stats.delete(DOCUMENTS_KEY);
    return { documents, df: stats };
  }

  /**
   * Postings of the selecting terms and services, summed per incident and ranked, then joined in rank order
   * to the stored vectors (so no incident is re-read or re-tokenised), visible and earlier ones only.
   */
  async candidates(query: CandidateQuery): Promise<CandidateVector[]> {
    if (this.memory) {
      const [index, hidden] = await Promise.all([this.memoryIndex(this.memory), this.hiddenIds()]);
      return index.candidates(query, hidden);
    }
    const stats = query.stats ?? (await this.corpusStats(query.terms));
    const df = (t: string) => stats.df.get(t) ?? 0;
    const cap = Math.max(COMMON_TERM_FLOOR, COMMON_TERM_SHARE * stats.documents);
    const present = query.terms.filter((t) => df(t) > 0);
    let selecting = present.filter((t) => df(t) <= cap).slice(0, SELECTING_TERMS);
    if (selecting.length < 3) selecting = present.slice(0, 3);
    const services = await this.selectingServices(query.services);
    const weight = (t: string) => Math.log((stats.documents + 1) / (df(t) + 1)) + 1;
    return candidateVectors(this.db, this.kind, this.viewer, {
      terms: selecting.map((t) => [t, weight(t)] as const),
      services,
      before: Date.parse(query.before),
      exclude: query.id ?? '',
      limit: query.limit,
    });
  }

  /** Stored incidents as similarity documents (with their review's contributing factors), visible ones only. */
  async documents(ids: readonly string[]): Promise<SimilarityDocument[]> {
    const out: SimilarityDocument[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await this.db
        .selectFrom('incidents as i')
        .leftJoin('reviews as r', 'r.incident_id', 'i.id')
        .selectAll('i')
        .select('r.id as review_id')
        .where('i.id', 'in', ids.slice(i, i + CHUNK))
        .where((eb) => visibleIncident(this.viewer, sql.ref('i.id'), eb))
        .execute();
      const factors = await factorsOf(this.db, rows);
      for (const row of rows) out.push(documentOf(row, factors.get(row.review_id ?? '') ?? []));
    }
    const order = new Map(ids.map((id, index) => [id, index]));
    return out.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  }

  async lessonsOf(ids: readonly string[]): Promise<Map<string, SeenBeforeLesson[]>> {
    const out = new Map<string, SeenBeforeLesson[]>();
    if (ids.length === 0) return out;
    const add = (id: string, lesson: SeenBeforeLesson) => {
      const list = out.get(id) ?? [];
      if (!list.some((l) => l.lesson === lesson.lesson)) list.push(lesson);
      out.set(id, list);
    };
    const visible = (eb: unknown) => visibleIncident(this.viewer, sql.ref('r.incident_id'), eb);
    const reviews = await this.db
      .selectFrom('reviews as r')
      .select(['r.incident_id', 'r.document'])
      .where('r.incident_id', 'in', [...ids])
      .where(visible)
      .execute();
    for (const r of reviews) {
      const doc = JSON.parse(r.document) as { lessons?: Array<{ lesson: string; priority: string }> };
      for (const l of doc.lessons ?? [])
        add(r.incident_id, { lesson: l.lesson, priority: l.priority, source: 'review' });
    }
    const records = await this.db
      .selectFrom('lesson_records as r')
      .select(['r.incident_id', 'r.document'])
      .where('r.incident_id', 'in', [...ids])
      .where(visible)
      .execute();
    for (const r of records) {
      const doc = JSON.parse(r.document) as {
        lessons_learned?: Array<{ lesson: string; priority: string }>;
      };
      for (const l of doc.lessons_learned ?? [])
        add(r.incident_id, { lesson: l.lesson, priority: l.priority, source: 'lessons_database' });
    }
    return out;
  }

  private memoryIndex(memory: SimilarityMemory): Promise<SimilarityIndex> {
    return (this.index ??= memory.current());
  }

  /** The incidents hidden from the viewer (none for an admin), read through the restricted-incident index. */
  private async hiddenIds(): Promise<ReadonlySet<string> | undefined> {
    const hidden = hiddenIncidentIds(this.db, this.viewer);
    return hidden ? new Set((await hidden.execute()).map((r) => r.id)) : undefined;
  }

  /** Normalised query services that are not on so many incidents that they would select everything. */
  private async selectingServices(services: readonly string[]): Promise<string[]> {
    if (services.length === 0) return [];
    const counts = await statsOf(this.sdb, services.map(serviceKey));
    return services.filter((s) => {
      const n = counts.get(serviceKey(s)) ?? 0;
      return n > 0 && n <= MAX_SERVICE_POSTINGS;
    });
  }
}
