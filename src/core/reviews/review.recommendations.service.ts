import { mergeWithPastLessons } from '../recommendations/recommendation.merge.js';
import type { Recommendation } from '../recommendations/recommendation.schema.js';
import { suggestActions } from '../recommendations/recommendation.suggest.js';
import { authorize } from '../auth/policy.js';
import type { Actor } from '../shared/actor.js';
import type { FactorCategory } from '../shared/vocabulary.js';
import { loadReview, type ReviewStores } from './review.context.js';
import { pastLessonsFor } from './review.past-lessons.js';

/** Recommendations for one contributing factor of a review. */
export interface FactorRecommendations {
  /** The factor's id, or its position (`contributing_factors[2]`) when it has none. */
  factor_id: string;
  category: FactorCategory;
  description: string;
  recommendations: Recommendation[];
}

/** How many past reviews are compared; the newest are the most relevant. */
export const PAST_REVIEW_LIMIT = 500;

/**
 * Suggested improvement actions per contributing factor: the rule set (by category and keywords), then
 * lessons of past incidents whose reviews share the factor's category and keywords, linked to those
 * incidents. Past reviews of incidents the actor may not see are never consulted.
 */
export class ReviewRecommendationService {
  constructor(private readonly deps: { stores: Pick<ReviewStores, 'reviews' | 'incidents'> }) {}

  async forReview(actor: Actor, incidentId: string): Promise<FactorRecommendations[]> {
    authorize(actor, 'incident:read');
    const { review } = await loadReview(this.deps.stores, actor, incidentId);
    const categories = [...new Set(review.contributing_factors.map((f) => f.category))];
    const past = (
      await this.deps.stores.reviews.listWithFactorCategories(categories, actor, review.id, PAST_REVIEW_LIMIT)
    ).filter((r) => !review.incident_ids.includes(r.incident_id));
    return review.contributing_factors.map((factor, index) => ({
      factor_id: factor.id ?? `contributing_factors[${index}]`,
      category: factor.category,
      description: factor.description,
      recommendations: mergeWithPastLessons(suggestActions(factor), pastLessonsFor(factor, past), {
        category: factor.category,
      }),
    }));
  }
}
