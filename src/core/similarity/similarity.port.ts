import {
  analyseDocument,
  SimilarityDocument,
  type CandidateVector,
  type SimilarityDocumentInput,
} from './similarity.document.js';
import {
  DEFAULT_SIMILARITY_WEIGHTS,
  rankCandidates,
  type SimilarIncident,
  type SimilarityWeights,
} from './similarity.score.js';

/** What a candidate lookup is asked for: earlier documents sharing any of these terms or services. */
export interface CandidateQuery {
  /** The query incident's id when it is already stored, so it is not returned as its own match. */
  id?: string;
  /** Stemmed query terms (similarity.tokenize.ts), rarest first; a store may use only the first few. */
  terms: string[];
  services: string[];
  /** ISO instant: only documents that occurred strictly before it. */
  before: string;
  /** Upper bound on candidates returned; the store keeps those matching the most (rarest) terms. */
  limit: number;
  /** Corpus statistics already read for the query's terms, so the store need not read them again. */
  stats?: { documents: number; df: ReadonlyMap<string, number> };
}

/**
 * Candidate pre-filtering and corpus statistics, so a query over 100k incidents scores only a few hundred.
 * The in-memory SimilarityIndex implements it; the SQL store implements it over a term table with stored
 * document frequencies. Candidates come back already analysed (terms tokenised when the incident was
 * indexed, never per query). Scoring always happens in rankCandidates, so both give the same ranking for
 * the same candidates.
 */
export interface SimilarityCandidates {
  candidates(query: CandidateQuery): Promise<CandidateVector[]>;
  /** Number of indexed documents and the document frequency of each asked term (0 when unseen). */
  corpusStats(terms: string[]): Promise<{ documents: number; df: Map<string, number> }>;
}

export interface FindSimilarOptions {
  k?: number;
  minScore?: number;
  weights?: SimilarityWeights;
  maxCandidates?: number;
}

/**
 * Top-k earlier incidents similar to `incident`, through any SimilarityCandidates implementation.
 *
 * @example await findSimilar(store, { id: 'INC-2024-0042', occurred_at, title, description, services, factors })
 */
export async function findSimilar(
  source: SimilarityCandidates,
  incident: SimilarityDocumentInput,
  options: FindSimilarOptions = {},
): Promise<SimilarIncident[]> {
  const doc = SimilarityDocument.parse(incident);
  const query = analyseDocument(doc);
  const terms = [...query.terms.keys()];
  const stats = await source.corpusStats(terms);
  terms.sort((a, b) => (stats.df.get(a) ?? 0) - (stats.df.get(b) ?? 0) || a.localeCompare(b));
  const candidates = await source.candidates({
    id: doc.id,
    terms,
    services: [...query.services],
    before: doc.occurred_at,
    limit: options.maxCandidates ?? 2000,
    stats,
  });
  const earlier = candidates.filter((c) => c.occurredAt < query.occurredAt);
  // Document norms need the IDF of every candidate term, not only the query's.
  const unseen = new Set<string>();
  for (const c of earlier) for (const t of c.termNames) if (!stats.df.has(t)) unseen.add(t);
  const more = unseen.size > 0 ? (await source.corpusStats([...unseen])).df : new Map<string, number>();
  const df = (t: string): number => stats.df.get(t) ?? more.get(t) ?? 0;
  return rankCandidates(
    query,
    earlier,
    { documents: stats.documents, documentFrequency: df },
    {
      k: options.k ?? 5,
      minScore: options.minScore ?? 0.05,
      weights: options.weights ?? DEFAULT_SIMILARITY_WEIGHTS,
    },
  );
}
