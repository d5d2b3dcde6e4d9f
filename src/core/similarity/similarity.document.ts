import { z } from 'zod';
import { FactorCategory, Instant } from '../shared/vocabulary.js';
import { tokenize } from './similarity.tokenize.js';

/** What similarity reads of an incident: its text, services and contributing factors. */
export const SimilarityDocument = z.object({
  id: z.string().min(1),
  /** When the incident happened; only incidents strictly earlier than the query are suggested. */
  occurred_at: Instant,
  title: z.string(),
  description: z.string().default(''),
  services: z.array(z.string()).default([]),
  factors: z.array(z.object({ category: FactorCategory, description: z.string().default('') })).default([]),
});
export type SimilarityDocument = z.infer<typeof SimilarityDocument>;
export type SimilarityDocumentInput = z.input<typeof SimilarityDocument>;

/** A document reduced to what scoring needs. */
export interface AnalysedDocument {
  id: string;
  occurredAt: number;
  /** Term → weighted frequency (title terms count TITLE_WEIGHT times). */
  terms: Map<string, number>;
  services: Set<string>;
  factorCategories: Set<string>;
}

/**
 * A candidate as scoring reads it: its terms and their weighted frequencies side by side. A lookup scores
 * thousands of candidates and explains only k, so candidates carry no Map (building one per candidate cost
 * more than scoring it); `termsOf` builds one for the few that are explained.
 */
export interface CandidateVector {
  id: string;
  occurredAt: number;
  termNames: readonly string[];
  termCounts: ArrayLike<number>;
  /** Distinct normalised services; arrays, as a candidate has one to three and thousands are scored. */
  services: readonly string[];
  /** Distinct factor categories. */
  factorCategories: readonly string[];
}

/** An analysed document as a candidate. */
export function candidateVectorOf(doc: AnalysedDocument): CandidateVector {
  return {
    id: doc.id,
    occurredAt: doc.occurredAt,
    termNames: [...doc.terms.keys()],
    termCounts: [...doc.terms.values()],
    services: [...doc.services],
    factorCategories: [...doc.factorCategories],
  };
}

/** A candidate back as an analysed document, to be a query. */
export function analysedOf(candidate: CandidateVector): AnalysedDocument {
  return {
    id: candidate.id,
    occurredAt: candidate.occurredAt,
    terms: termsOf(candidate),
    services: new Set(candidate.services),
    factorCategories: new Set(candidate.factorCategories),
  };
}

/** A candidate's terms as a Map (term → weighted frequency). */
export function termsOf(candidate: CandidateVector): Map<string, number> {
  const terms = new Map<string, number>();
  candidate.termNames.forEach((term, i) => terms.set(term, candidate.termCounts[i] as number));
  return terms;
}

/** Title words say most about what happened, so they count double. */
export const TITLE_WEIGHT = 2;

/** Tokenises a document once; the index stores the result so queries never re-read text. */
export function analyseDocument(doc: SimilarityDocument): AnalysedDocument {
  const terms = new Map<string, number>();
  const add = (text: string, weight: number): void => {
    for (const term of tokenize(text)) terms.set(term, (terms.get(term) ?? 0) + weight);
  };
  add(doc.title, TITLE_WEIGHT);
  add(doc.description, 1);
  for (const factor of doc.factors) add(factor.description, 1);
  return {
    id: doc.id,
    occurredAt: Date.parse(doc.occurred_at),
    terms,
    services: new Set(doc.services.map(normaliseService)),
    factorCategories: new Set(doc.factors.map((f) => f.category)),
  };
}

/** Services compare case- and space-insensitively. */
export function normaliseService(service: string): string {
  return service.trim().toLowerCase();
}
