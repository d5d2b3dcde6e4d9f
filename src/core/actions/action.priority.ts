import type { Priority } from '../shared/vocabulary.js';
import { invalid } from '../shared/errors.js';

/**
 * SEC10-BP08 asks to "rank improvements based on risk reduction and feasibility". Risk reduction counts
 * double, because an easy action that removes little risk should not outrank a hard one that removes much:
 *
 *   score = round(100 × (2 × risk_reduction + feasibility − 3) / 12)
 *
 * Both inputs run 1..5, so the raw sum runs 3..15 and the score 0..100 (1/1 → 0, 3/3 → 50, 5/5 → 100).
 * @example priorityScore(5, 1) // 67 — big risk reduction, hard to do
 * @example priorityScore(1, 5) // 33 — easy, but removes little risk
 */
export function priorityScore(riskReduction: number, feasibility: number): number {
  for (const [name, value] of [
    ['risk_reduction', riskReduction],
    ['feasibility', feasibility],
  ] as const) {
    if (!Number.isInteger(value) || value < 1 || value > 5) {
      throw invalid('action_score_out_of_range', `${name} must be a whole number from 1 to 5, got ${value}`, [
        { path: name, problem: 'must be a whole number from 1 to 5' },
      ]);
    }
  }
  return Math.round((100 * (2 * riskReduction + feasibility - 3)) / 12);
}

/**
 * The priority band a score suggests: 75+ Critical, 50+ High, 25+ Medium, else Low. A suggestion only; the
 * action's own `priority` is what people chose and may differ.
 */
export function suggestedPriority(score: number): Priority {
  if (score >= 75) return 'Critical';
  if (score >= 50) return 'High';
  if (score >= 25) return 'Medium';
  return 'Low';
}
