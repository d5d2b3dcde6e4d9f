import type { Analysis } from '../analysis/analysis.schema.js';
import type { AnalysisMethod } from '../analysis/factor-promotion.js';
import type { Actor } from '../shared/actor.js';
import type { FactorCategory } from '../shared/vocabulary.js';
import type { ReviewSignoff } from './lifecycle/lifecycle.schema.js';
import type { Review, ReviewDocument, ReviewStatus } from './review.schema.js';

export interface NewReview {
  incident_id: string;
  document: ReviewDocument;
  status: ReviewStatus;
  created_by: string;
  created_at: string;
}

/** The lifecycle fields a transition sets; the version goes up by one. */
export interface ReviewTransitionChange {
  status: ReviewStatus;
  submitted_by: string | null;
  published_at: string | null;
  time_to_review_business_days: number | null;
  at: string;
}

/** Reviews as stored; reads apply the viewer's visibility of the incident the review is filed under. */
export interface ReviewStore {
  findByIncident(incidentId: string, viewer: Actor): Promise<Review | null>;
  insert(review: NewReview): Promise<Review>;
  /** Replaces the document; throws `version_conflict` when the stored version is not `expectedVersion`. */
  replace(id: string, expectedVersion: number, document: ReviewDocument, at: string): Promise<Review>;
  /** Records a lifecycle transition and its sign-off; throws `version_conflict` like `replace`. */
  transition(
    id: string,
    expectedVersion: number,
    change: ReviewTransitionChange,
    signoff: ReviewSignoff,
  ): Promise<Review>;
  /** Raises the version without changing the document (an analysis was saved with the review). */
  touch(id: string, expectedVersion: number, at: string): Promise<number>;
  /**
   * Other reviews the viewer may see with at least one contributing factor in `categories`, newest first:
   * where lessons of past incidents with similar factors come from.
   */
  listWithFactorCategories(
    categories: readonly FactorCategory[],
    viewer: Actor,
    excludeReviewId: string,
    limit: number,
  ): Promise<Review[]>;
}

/** An analysis saved with a review, one per method. */
export interface StoredAnalysis {
  method: AnalysisMethod;
  analysis: Analysis;
  /** The review version this analysis was saved with. */
  review_version: number;
  updated_by: string;
  updated_at: string;
}

/** Analyses of a review; callers reach them through a review they were allowed to read. */
export interface AnalysisStore {
  find(reviewId: string, method: AnalysisMethod): Promise<StoredAnalysis | null>;
  list(reviewId: string): Promise<StoredAnalysis[]>;
  upsert(reviewId: string, stored: StoredAnalysis): Promise<void>;
}
