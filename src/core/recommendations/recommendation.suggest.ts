import { FALLBACK_SUGGESTIONS, RECOMMENDATION_RULES } from './recommendation.rules.js';
import type { FactorLike, RecommendationRule, Suggestion } from './recommendation.schema.js';

/**
 * Improvement actions suggested for one contributing factor: every rule of the factor's category whose
 * keywords appear in its description, in rule order; the category's generic suggestion when none does.
 * @example
 * suggestActions({ category: 'technical', description: 'Misconfigured security group' })[0].title
 * // 'Add an AWS Config rule / policy-as-code check for security group before and after changes are applied'
 */
export function suggestActions(
  factor: FactorLike,
  rules: readonly RecommendationRule[] = RECOMMENDATION_RULES,
): Suggestion[] {
  const suggestions: Suggestion[] = [];
  for (const rule of rules) {
    if (rule.category !== factor.category) continue;
    const match = rule.keywords.exec(factor.description);
    if (!match) continue;
    const subject = rule.subject
      ? (rule.subject.pattern.exec(factor.description)?.[0] ?? rule.subject.otherwise)
      : match[0];
    const title = rule.title(subject.toLowerCase().replace(/\s+/g, ' '));
    suggestions.push({ title, type: rule.type, rationale: rule.rationale, rule_id: rule.id });
  }
  return suggestions.length > 0 ? suggestions : [{ ...FALLBACK_SUGGESTIONS[factor.category] }];
}

/** Suggestions for each contributing factor of a review, keyed by factor id (or position when it has none). */
export function suggestForFactors(
  factors: readonly FactorLike[],
  rules: readonly RecommendationRule[] = RECOMMENDATION_RULES,
): Array<{ factor_id: string; suggestions: Suggestion[] }> {
  return factors.map((factor, index) => ({
    factor_id: factor.id ?? `contributing_factors[${index}]`,
    suggestions: suggestActions(factor, rules),
  }));
}
