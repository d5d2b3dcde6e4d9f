import type { Selectable } from 'kysely';
import type { Ms, MsNullable } from './columns.js';

export interface ReviewsTable {
  id: string;
  incident_id: string;
  status: string;
  /** The review document as JSON. */
  document: string;
  created_by: string;
  created_at_ms: Ms;
  updated_at_ms: Ms;
  published_at_ms: MsNullable;
  version: number;
  /** Who submitted the current round for review; null while a draft. */
  submitted_by: string | null;
  /** Business days from resolution to the first publication. */
  time_to_review_business_days: number | null;
}
export type ReviewRow = Selectable<ReviewsTable>;

/** One sign-off per lifecycle transition of a review, in order. */
export interface ReviewSignoffsTable {
  review_id: string;
  seq: number;
  action: string;
  from_status: string;
  to_status: string;
  by_id: string;
  by_name: string;
  at_ms: Ms;
}

/** One analysis (five whys, fishbone, fault tree) per method and review, as JSON. */
export interface ReviewAnalysesTable {
  review_id: string;
  method: string;
  document: string;
  /** The review version this analysis was saved with. */
  review_version: number;
  updated_by: string;
  updated_at_ms: Ms;
}

export interface ReviewIncidentsTable {
  review_id: string;
  incident_id: string;
}

/** Derived from each saved review document so aggregates need not parse JSON. */
export interface ContributingFactorsTable {
  review_id: string;
  position: number;
  category: string;
  description: string;
  is_primary: number;
}
