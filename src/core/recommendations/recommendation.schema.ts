import { z } from 'zod';
import { ActionType } from '../actions/action.schema.js';
import { FactorCategory } from '../shared/vocabulary.js';

// One vocabulary of action types: a suggestion becomes an action without translation.
export { ActionType };

/** An improvement action suggested by a rule for one contributing factor. */
export const Suggestion = z.object({
  title: z.string(),
  type: ActionType,
  rationale: z.string(),
  rule_id: z.string(),
});
export type Suggestion = z.infer<typeof Suggestion>;

/** The parts of a contributing factor the rules read. */
export interface FactorLike {
  id?: string;
  category: FactorCategory;
  description: string;
}

/** A lesson from a past incident whose factors resemble this one (similarity from the similarity module). */
export const PastLesson = z.object({
  incident_id: z.string().min(1),
  lesson: z.string().trim().min(1),
  factor_category: FactorCategory,
  similarity: z.number().min(0).max(1),
});
export type PastLesson = z.infer<typeof PastLesson>;

/** One ranked recommendation: from a rule, or a past incident's lesson with links to the incidents. */
export const Recommendation = z.discriminatedUnion('source', [
  Suggestion.extend({ source: z.literal('rule') }),
  z.object({
    source: z.literal('past_lesson'),
    title: z.string(),
    rationale: z.string(),
    /** The most similar incident the lesson came from; link to it. */
    incident_id: z.string(),
    /** Every past incident that taught the same lesson, most similar first. */
    incident_ids: z.array(z.string()),
    similarity: z.number(),
    factor_category: FactorCategory,
  }),
]);
export type Recommendation = z.infer<typeof Recommendation>;

/** A rule: a category, keywords to look for in the factor's description, and the action it suggests. */
export interface RecommendationRule {
  id: string;
  category: FactorCategory;
  keywords: RegExp;
  type: ActionType;
  /**
   * The thing the title names, when the keywords include adjectives ("misconfigured"): the first match of
   * `pattern` in the description, else `otherwise`. Without it, the title names the keyword text.
   */
  subject?: { pattern: RegExp; otherwise: string };
  /** Builds the title from the subject (lower-case). */
  title: (subject: string) => string;
  rationale: string;
}
