import { z } from 'zod';
import { termsOf, type AnalysedDocument, type CandidateVector } from './similarity.document.js';

/**
 * How much each kind of evidence counts. Text dominates because titles, descriptions and factor text carry
 * what happened; sharing a service is strong but not sufficient (one service has many kinds of incident);
 * factor categories are only four, so sharing one says little. Weights sum to 1, so scores are in [0, 1].
 */
export const SimilarityWeights = z
  .object({ text: z.number().min(0), services: z.number().min(0), factors: z.number().min(0) })
  .refine((w) => Math.abs(w.text + w.services + w.factors - 1) < 1e-9, { message: 'weights must sum to 1' });
export type SimilarityWeights = z.infer<typeof SimilarityWeights>;

export const DEFAULT_SIMILARITY_WEIGHTS: SimilarityWeights = { text: 0.7, services: 0.2, factors: 0.1 };

/** Corpus statistics for IDF: the number of documents and a term's document frequency. */
export interface CorpusStats {
  documents: number;
  documentFrequency(term: string): number;
}

/** A suggested earlier incident with its score and why. */
export interface SimilarIncident {
  id: string;
  score: number;
  components: { text: number; services: number; factors: number };
  explanation: { shared_terms: string[]; shared_services: string[]; shared_factor_categories: string[] };
}

/**
 * Smoothed IDF, log((N + 1) / (df + 1)) + 1: never zero, so a term in every document still counts a little,
 * and stable when the index grows by one document.
 */
export function idf(stats: CorpusStats, term: string): number {
  return Math.log((stats.documents + 1) / (stats.documentFrequency(term) + 1)) + 1;
}

/** Sublinear term frequency, 1 + ln tf; frequencies are small integers, so their logs are kept. */
const FREQUENCY_WEIGHTS = Array.from({ length: 64 }, (_, tf) => 1 + Math.log(tf));
function frequencyWeight(tf: number): number {
  return FREQUENCY_WEIGHTS[tf] ?? 1 + Math.log(tf);
}

/** TF-IDF vector with sublinear term frequency (1 + ln tf), so a word repeated ten times is not ten times the evidence. */
function weights(
  doc: Pick<AnalysedDocument, 'terms'>,
  idfOf: (term: string) => number,
): { vector: Map<string, number>; norm: number } {
  const vector = new Map<string, number>();
  let sum = 0;
  for (const [term, tf] of doc.terms) {
    const w = frequencyWeight(tf) * idfOf(term);
    vector.set(term, w);
    sum += w * w;
  }
  return { vector, norm: Math.sqrt(sum) };
}

function jaccard(a: ReadonlySet<string>, b: readonly string[]): { value: number; shared: string[] } {
  const shared = [...a].filter((x) => b.includes(x)).sort();
  const union = a.size + b.length - shared.length;
  return { value: union === 0 ? 0 : shared.length / union, shared };
}

/** Jaccard without the shared list: the hot loop scores hundreds of candidates and explains only k. */
function jaccardValue(a: ReadonlySet<string>, b: readonly string[]): number {
  let shared = 0;
  for (const x of b) if (a.has(x)) shared++;
  const union = a.size + b.length - shared;
  return union === 0 ? 0 : shared / union;
}

/**
 * Scores candidates against a query: cosine similarity of TF-IDF vectors, Jaccard of services and of factor
 * categories, combined with the weights. Returns the top k with score ≥ minScore, best first (ties by id).
 * One pass over each candidate's terms gives both its norm and its dot product with the query; each term's
 * IDF and each frequency's log are computed once per call; only the k best are kept while scoring (a
 * candidate that does not beat the k-th is dropped after one comparison, so thousands of tied scores cost
 * no sort), and only they are explained.
 */
export function rankCandidates(
  query: AnalysedDocument,
  candidates: Iterable<CandidateVector>,
  stats: CorpusStats,
  options: { k: number; minScore: number; weights: SimilarityWeights },
): SimilarIncident[] {
  const idfs = new Map<string, number>();
  const idfOf = (term: string): number => {
    let value = idfs.get(term);
    if (value === undefined) idfs.set(term, (value = idf(stats, term)));
    return value;
  };
  const q = weights(query, idfOf);
  const w = options.weights;
  const best = new TopK(options.k);
  for (const candidate of candidates) {
    if (candidate.id === query.id) continue;
    const { termNames, termCounts } = candidate;
    let sum = 0;
    let dot = 0;
    for (let i = 0; i < termNames.length; i++) {
      const term = termNames[i] as string;
      const cw = frequencyWeight(termCounts[i] as number) * idfOf(term);
      sum += cw * cw;
      const qw = q.vector.get(term);
      if (qw !== undefined) dot += qw * cw;
    }
    const norm = Math.sqrt(sum);
    const text = q.norm > 0 && norm > 0 ? dot / (q.norm * norm) : 0;
    const score =
      w.text * text +
      w.services * jaccardValue(query.services, candidate.services) +
      w.factors * jaccardValue(query.factorCategories, candidate.factorCategories);
    if (score < options.minScore) continue;
    best.offer({ candidate, score: round(score), text });
  }
  return best.items.map(({ candidate, score, text }) =>
    explain(query, q.vector, candidate, score, text, idfOf),
  );
}

interface Scored {
  candidate: CandidateVector;
  score: number;
  text: number;
}

/** The k best scored candidates, best first: higher score, then id (localeCompare), as a full sort would. */
class TopK {
  readonly items: Scored[] = [];

  constructor(private readonly k: number) {}

  offer(entry: Scored): void {
    const items = this.items;
    if (this.k < 1) return;
    if (items.length >= this.k && !before(entry, items[items.length - 1] as Scored)) return;
    let at = items.length;
    while (at > 0 && before(entry, items[at - 1] as Scored)) at--;
    items.splice(at, 0, entry);
    if (items.length > this.k) items.pop();
  }
}

function before(a: Scored, b: Scored): boolean {
  return a.score > b.score || (a.score === b.score && a.candidate.id.localeCompare(b.candidate.id) < 0);
}

function explain(
  query: AnalysedDocument,
  queryVector: Map<string, number>,
  candidate: CandidateVector,
  score: number,
  text: number,
  idfOf: (term: string) => number,
): SimilarIncident {
  const c = weights({ terms: termsOf(candidate) }, idfOf);
  const contributions: Array<[string, number]> = [];
  for (const [term, w] of queryVector) {
    const cw = c.vector.get(term);
    if (cw !== undefined) contributions.push([term, w * cw]);
  }
  const services = jaccard(query.services, candidate.services);
  const factors = jaccard(query.factorCategories, candidate.factorCategories);
  return {
    id: candidate.id,
    score,
    components: { text: round(text), services: round(services.value), factors: round(factors.value) },
    explanation: {
      shared_terms: contributions
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, 8)
        .map(([term]) => term),
      shared_services: services.shared,
      shared_factor_categories: factors.shared,
    },
  };
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
