import type { Ms } from './columns.js';

/** A participant's single-use feedback link; only the SHA-256 of its token is kept. */
export interface FeedbackRequestsTable {
  token_hash: string;
  incident_id: string;
  participant: string;
  requested_at_ms: Ms;
  deadline_ms: Ms;
  /** The link was used (the answer may be anonymous: never shown as who answered). */
  responded: number;
  /** 1 when the review workflow asked; 0 when someone not asked answered signed in. */
  invited: number;
}

/** Participant feedback; `participant` is null when given anonymously, and only the day is kept. */
export interface FeedbackTable {
  id: string;
  incident_id: string;
  participant: string | null;
  response_rating: number;
  improvement_rating: number;
  went_well: string;
  to_improve: string;
  submitted_on: string;
}
