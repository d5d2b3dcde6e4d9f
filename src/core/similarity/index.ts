export {
  SignatureField,
  DEFAULT_SIGNATURE_FIELDS,
  signaturePart,
  incidentSignatures,
  groupRepeatPatterns,
  recurringIncidentIds,
} from './signature.js';
export type { SignatureSubject, RepeatPattern } from './signature.js';
export { tokenize, stem } from './similarity.tokenize.js';
export {
  SimilarityDocument,
  analyseDocument,
  normaliseService,
  TITLE_WEIGHT,
} from './similarity.document.js';
export type { SimilarityDocumentInput, AnalysedDocument, CandidateVector } from './similarity.document.js';
export { SimilarityWeights, DEFAULT_SIMILARITY_WEIGHTS, idf, rankCandidates } from './similarity.score.js';
export type { CorpusStats, SimilarIncident } from './similarity.score.js';
export { findSimilar } from './similarity.port.js';
export type { SimilarityCandidates, CandidateQuery, FindSimilarOptions } from './similarity.port.js';
export { SimilarityIndex } from './similarity.index.js';
export type { SimilarityIndexOptions } from './similarity.index.js';
export { precisionAtK, meanPrecisionAtK } from './similarity.precision.js';
