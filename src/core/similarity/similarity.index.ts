import { notFound } from '../shared/errors.js';
import {
  analyseDocument,
  normaliseService,
  SimilarityDocument,
  analysedOf,
  candidateVectorOf,
  type AnalysedDocument,
  type CandidateVector,
  type SimilarityDocumentInput,
} from './similarity.document.js';
import type { CandidateQuery, FindSimilarOptions, SimilarityCandidates } from './similarity.port.js';
import { Int32List, VectorSlots } from './similarity.postings.js';
import {
  DEFAULT_SIMILARITY_WEIGHTS,
  rankCandidates,
  type CorpusStats,
  type SimilarIncident,
} from './similarity.score.js';

export interface SimilarityIndexOptions {
  /** A term in more than this share of documents is too common to pick candidates by (default 1%). */
  commonTermShare?: number;
  /** …but below this many documents every term may pick candidates (small corpora). Default 500. */
  commonTermFloor?: number;
  /** How many of the query's rarest terms select candidates. Default 16. */
  selectingTerms?: number;
  /** A service on more documents than this does not add candidates by itself. Default 1000. */
  maxServicePostings?: number;
}

/**
 * Candidate selection, shared with the SQL store so both pick the same candidates. Measured 2026-11-28 over
 * 100k generated incidents plus the labelled set: 1% and 1000 (were 5% and 5000) left the top 5 of 150
 * random queries unchanged, raised precision@5 of the labelled queries among the 100k from 0.658 to 0.733,
 * and cut the postings a lookup reads about fivefold; the labelled set alone is below the floor, unchanged.
 */
export const CANDIDATE_SELECTION: Required<SimilarityIndexOptions> = {
  commonTermShare: 0.01,
  commonTermFloor: 500,
  selectingTerms: 16,
  maxServicePostings: 1000,
};

/**
 * An inverted index over incidents, built incrementally (add, put, remove), answering "which earlier
 * incidents are like this one" without scanning everything: candidates are the documents sharing one of the
 * query's rarest terms, or a service that is not ubiquitous; only they are scored (rankCandidates). It also
 * implements the SimilarityCandidates port, so findSimilar works over it exactly as over a SQL store; the
 * server keeps one per process in step with the store (similarity.memory.ts) and answers lookups from it.
 */
export class SimilarityIndex implements SimilarityCandidates {
  private readonly slots = new VectorSlots();
  private readonly options: Required<SimilarityIndexOptions>;
  /** Per slot, reused by every lookup (and left all zero): summed posting weight, and "not a candidate". */
  private mass = new Float64Array(0);
  private blocked = new Uint8Array(0);

  constructor(options: SimilarityIndexOptions = {}) {
    this.options = {
      commonTermShare: options.commonTermShare ?? CANDIDATE_SELECTION.commonTermShare,
      commonTermFloor: options.commonTermFloor ?? CANDIDATE_SELECTION.commonTermFloor,
      selectingTerms: options.selectingTerms ?? CANDIDATE_SELECTION.selectingTerms,
      maxServicePostings: options.maxServicePostings ?? CANDIDATE_SELECTION.maxServicePostings,
    };
  }

  get size(): number {
    return this.slots.size;
  }

  /** Adds or replaces an incident (replacing re-indexes it, e.g. after its review adds factors). */
  add(input: SimilarityDocumentInput): void {
    this.put(candidateVectorOf(analyseDocument(SimilarityDocument.parse(input))));
  }

  /** Adds or replaces an incident from its analysed vector, as a store keeps it (no re-tokenising). */
  put(vector: CandidateVector): void {
    this.slots.put(vector);
  }

  /** Gives back memory kept for growth; worth it after adding many incidents at once. */
  trim(): void {
    this.slots.trim();
  }

  /** Removes an incident; unknown ids are ignored so removal is idempotent. */
  remove(id: string): void {
    this.slots.remove(id);
  }

  /**
   * Top-k earlier incidents similar to a stored incident (by id) or to a new one not yet indexed.
   * Throws `incident_not_found` for an unknown id.
   */
  query(incident: string | SimilarityDocumentInput, options: FindSimilarOptions = {}): SimilarIncident[] {
    const analysed = this.analysedQuery(incident);
    const slots = this.candidateSlots(this.candidateQuery(analysed, options.maxCandidates ?? 2000));
    return rankCandidates(
      analysed,
      slots.map((slot) => this.slots.vector(slot)),
      this.stats(),
      {
        k: options.k ?? 5,
        minScore: options.minScore ?? 0.05,
        weights: options.weights ?? DEFAULT_SIMILARITY_WEIGHTS,
      },
    );
  }

  /** Candidates as the port defines them; `hidden` ids (those a viewer may not see) are never among them. */
  candidates(query: CandidateQuery, hidden?: ReadonlySet<string>): Promise<CandidateVector[]> {
    return Promise.resolve(this.candidateSlots(query, hidden).map((slot) => this.slots.vector(slot)));
  }

  corpusStats(terms: string[]): Promise<{ documents: number; df: Map<string, number> }> {
    return Promise.resolve({ documents: this.size, df: new Map(terms.map((t) => [t, this.df(t)])) });
  }

  /** How many documents a query would score; for tests and benchmarks of the pre-filter. */
  candidateCount(incident: string | SimilarityDocumentInput): number {
    const query = this.candidateQuery(this.analysedQuery(incident), Number.MAX_SAFE_INTEGER);
    return this.candidateSlots(query).length;
  }

  private candidateQuery(analysed: AnalysedDocument, limit: number): CandidateQuery {
    const terms = [...analysed.terms.keys()].sort((a, b) => this.df(a) - this.df(b) || a.localeCompare(b));
    return {
      id: analysed.id,
      terms,
      services: [...analysed.services],
      before: new Date(analysed.occurredAt).toISOString(),
      limit,
    };
  }

  private analysedQuery(incident: string | SimilarityDocumentInput): AnalysedDocument {
    if (typeof incident !== 'string') return analyseDocument(SimilarityDocument.parse(incident));
    const slot = this.slots.slotOfId(incident);
    if (slot === undefined) throw notFound('incident', incident);
    return analysedOf(this.slots.vector(slot));
  }

  private df(term: string): number {
    return this.slots.termPostings.count(this.slots.terms.numberOf(term));
  }

  private stats(): CorpusStats {
    return { documents: this.size, documentFrequency: (t) => this.df(t) };
  }

  /**
   * Earlier documents sharing a selecting term (the query's rarest, skipping ubiquitous ones unless fewer than
   * three remain) or a non-ubiquitous service, other than the query and the hidden; ranked by the IDF mass
   * they share, capped at `limit`. Masses are summed per slot in a reused array, in the same order as the
   * SQL store sums them (terms as given, then services), so both cut at the same place.
   */
  private candidateSlots(query: CandidateQuery, hidden?: ReadonlySet<string>): number[] {
    const { commonTermShare, commonTermFloor, selectingTerms, maxServicePostings } = this.options;
    const { slots } = this;
    const cap = Math.max(commonTermFloor, commonTermShare * this.size);
    const present = query.terms.filter((t) => this.df(t) > 0);
    let selecting = present.filter((t) => this.df(t) <= cap).slice(0, selectingTerms);
    if (selecting.length < 3) selecting = present.slice(0, 3);
    this.reserve(slots.slotCount);
    const { mass, blocked } = this;
    const blockedSlots: number[] = [];
    const block = (id: string): void => {
      const slot = slots.slotOfId(id);
      if (slot === undefined || blocked[slot] === 1) return;
      blocked[slot] = 1;
      blockedSlots.push(slot);
    };
    if (query.id !== undefined) block(query.id);
    for (const id of hidden ?? []) block(id);
    const before = Date.parse(query.before);
    const occurred = slots.occurred;
    const touched = new Int32List(1024);
    const credit = (list: Int32List | undefined, amount: number): void => {
      if (!list) return;
      const data = list.data;
      for (let i = 0; i < list.length; i++) {
        const slot = data[i] as number;
        // A dead slot's instant is +Infinity (VectorSlots.remove), so it is never earlier.
        if (blocked[slot] === 1 || !((occurred[slot] as number) < before)) continue;
        if (mass[slot] === 0) touched.push(slot);
        mass[slot] = (mass[slot] as number) + amount;
      }
    };
    try {
      const n = this.size;
      for (const term of selecting) {
        const weight = Math.log((n + 1) / (this.df(term) + 1)) + 1;
        credit(slots.termPostings.lists[slots.terms.numberOf(term) as number], weight);
      }
      for (const service of query.services) {
        const number = slots.services.numberOf(normaliseService(service));
        const count = slots.servicePostings.count(number);
        if (count > 0 && count <= maxServicePostings)
          credit(slots.servicePostings.lists[number as number], 1);
      }
      return topByMass(touched.data.subarray(0, touched.length), mass, query.limit, (slot) =>
        slots.idOf(slot),
      );
    } finally {
      for (let i = 0; i < touched.length; i++) mass[touched.data[i] as number] = 0;
      for (const slot of blockedSlots) blocked[slot] = 0;
    }
  }

  private reserve(slotCount: number): void {
    if (this.mass.length >= slotCount) return;
    const size = Math.max(slotCount, this.mass.length * 2, 1024);
    this.mass = new Float64Array(size);
    this.blocked = new Uint8Array(size);
  }
}

/**
 * The `limit` slots of most mass, most first, ties by id (code-unit order, as SQLite's ORDER BY). A common
 * service can credit tens of thousands of slots; a numeric sort of the masses finds the cut-off, so only the
 * slots above it are sorted with the comparator.
 */
function topByMass(
  touched: Int32Array,
  mass: Float64Array,
  limit: number,
  idOf: (slot: number) => string | undefined,
): number[] {
  let slots: number[];
  if (touched.length > limit) {
    const masses = new Float64Array(touched.length);
    for (let i = 0; i < touched.length; i++) masses[i] = mass[touched[i] as number] as number;
    masses.sort();
    const cutoff = masses[masses.length - limit] as number;
    slots = [];
    for (const slot of touched) if ((mass[slot] as number) >= cutoff) slots.push(slot);
  } else slots = Array.from(touched);
  const id = (slot: number) => idOf(slot) as string;
  slots.sort((a, b) => {
    const byMass = (mass[b] as number) - (mass[a] as number);
    if (byMass !== 0) return byMass;
    const x = id(a);
    const y = id(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return slots.slice(0, limit);
}
