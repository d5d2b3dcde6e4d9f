export { ActionType, Suggestion, PastLesson, Recommendation } from './recommendation.schema.js';
export type { FactorLike, RecommendationRule } from './recommendation.schema.js';
export { RECOMMENDATION_RULES, FALLBACK_SUGGESTIONS } from './recommendation.rules.js';
export { suggestActions, suggestForFactors } from './recommendation.suggest.js';
export { mergeWithPastLessons } from './recommendation.merge.js';
export type { MergeOptions } from './recommendation.merge.js';
