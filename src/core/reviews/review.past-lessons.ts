import type { PastLesson } from '../recommendations/recommendation.schema.js';
import { tokenize } from '../similarity/similarity.tokenize.js';
import type { FactorCategory } from '../shared/vocabulary.js';
import type { Review } from './review.schema.js';

/** A factor of the same category counts at least this similar; shared keywords add the rest. */
export const SAME_CATEGORY_SIMILARITY = 0.3;

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  for (const term of a) if (b.has(term)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/**
 * Lessons of past reviews for one contributing factor. A past review qualifies through a factor of the same
 * category; its similarity is 0.3 plus 0.7 × the keyword overlap (Jaccard of stemmed terms) of the two factor
 * descriptions, taking its most similar factor. Every lesson of a qualifying review comes with that
 * similarity and the incident it was learnt from.
 * @example pastLessonsFor({ category: 'technical', description: 'TLS certificate expired' }, reviews)
 */
export function pastLessonsFor(
  factor: { category: FactorCategory; description: string },
  pastReviews: readonly Pick<Review, 'incident_id' | 'contributing_factors' | 'lessons'>[],
): PastLesson[] {
  const terms = new Set(tokenize(factor.description));
  return pastReviews.flatMap((review) => {
    const overlaps = review.contributing_factors
      .filter((f) => f.category === factor.category)
      .map((f) => jaccard(terms, new Set(tokenize(f.description))));
    if (overlaps.length === 0) return [];
    const similarity = SAME_CATEGORY_SIMILARITY + (1 - SAME_CATEGORY_SIMILARITY) * Math.max(...overlaps);
    return review.lessons.map((l) => ({
      incident_id: review.incident_id,
      lesson: l.lesson,
      factor_category: factor.category,
      similarity: Math.round(similarity * 1000) / 1000,
    }));
  });
}
