import type { Ms } from './columns.js';

/** A reviewer's decision that `incident_id` recurs the earlier `recurs_incident_id`. */
export interface RecurrenceLinksTable {
  incident_id: string;
  recurs_incident_id: string;
  decision: string;
  decided_by: string;
  decided_at_ms: Ms;
}

/** Which incidents a derived index (`similarity`, `signature:<fields>`) holds, and from which versions. */
export interface DerivedIndexStateTable {
  kind: string;
  incident_id: string;
  incident_version: number;
  review_version: number;
  occurred_ms: Ms;
}

/** Stemmed terms of an incident's text with their weighted frequency (similarity candidates and IDF). */
export interface SimilarityTermsTable {
  term: string;
  incident_id: string;
  tf: number;
}

/** Signatures of an incident for one field list (repeat detection). */
export interface IncidentSignaturesTable {
  fields_key: string;
  signature: string;
  incident_id: string;
  service: string | null;
  occurred_ms: Ms;
  /** The incident's declared instant (migration 0018): repeat signatures list a period's incidents by it. */
  declared_ms: Ms | null;
}
