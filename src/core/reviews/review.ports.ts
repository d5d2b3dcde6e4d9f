import type { Actor } from '../shared/actor.js';
import type { Review, ReviewDocument, ReviewStatus } from './review.schema.js';

export interface NewReview {
  incident_id: string;
  document: ReviewDocument;
  status: ReviewStatus;
  created_by: string;
  created_at: string;
}

/** Reviews as stored; reads apply the viewer's visibility of the incident the review is filed under. */
export interface ReviewStore {
  findByIncident(incidentId: string, viewer: Actor): Promise<Review | null>;
  insert(review: NewReview): Promise<Review>;
  /** Replaces the document; throws `version_conflict` when the stored version is not `expectedVersion`. */
  replace(id: string, expectedVersion: number, document: ReviewDocument, at: string): Promise<Review>;
}
