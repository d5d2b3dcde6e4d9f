import type { FeedbackRequest, StoredFeedback } from './feedback.schema.js';

/** Aggregates of the feedback on one incident, computed by the store. */
export interface FeedbackAggregate {
  responses: number;
  anonymous: number;
  /** Means, unrounded; null without responses. */
  mean_response_rating: number | null;
  mean_improvement_rating: number | null;
}

/** Feedback requests and feedback as stored. Callers check the incident's visibility first. */
export interface FeedbackStore {
  /**
   * Records a request; false when the participant was already asked about this incident. An invited request
   * for someone who answered signed in without being asked takes over that row (new link, asked now) and
   * counts as recorded, so being asked later looks the same whether or not they had answered anonymously;
   * the row stays answered, so they cannot answer twice.
   */
  insertRequest(request: FeedbackRequest): Promise<boolean>;
  findRequest(tokenHash: string): Promise<FeedbackRequest | null>;
  requestsOf(incidentId: string): Promise<FeedbackRequest[]>;
  /**
   * Marks a request answered, once: true for the first caller, false when it already was (the link is
   * single-use, also under concurrent submissions).
   */
  markResponded(tokenHash: string): Promise<boolean>;
  insertFeedback(feedback: StoredFeedback): Promise<void>;
  aggregate(incidentId: string): Promise<FeedbackAggregate>;
  list(incidentId: string): Promise<StoredFeedback[]>;
}

/** Issues feedback-link tokens; only their hash is stored. */
export interface TokenIssuer {
  issue(): { token: string; hash: string };
  hash(token: string): string;
  /** A new random id for a stored row. */
  id(): string;
}
