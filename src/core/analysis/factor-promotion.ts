import { z } from 'zod';
import { FactorCategory } from '../shared/vocabulary.js';

/** The analysis methods whose findings can become contributing factors. */
export const AnalysisMethod = z.enum(['five_whys', 'fishbone', 'fault_tree']);
export type AnalysisMethod = z.infer<typeof AnalysisMethod>;

/**
 * A contributing factor proposed from an analysis: the input the review's factor service takes. `source`
 * keeps the link back to the answer, cause or event it came from, so the review shows where it was found.
 */
export const PromotedFactor = z.object({
  category: FactorCategory,
  description: z.string().min(1),
  primary: z.literal(false),
  evidence: z.array(z.string()).length(0),
  evidence_ids: z.array(z.string()).length(0),
  source: z.object({ analysis: AnalysisMethod, ref: z.string().min(1) }),
});
export type PromotedFactor = z.infer<typeof PromotedFactor>;

/** Builds the factor input; blank descriptions are refused because a factor must say something. */
export function promotedFactor(
  method: AnalysisMethod,
  ref: string,
  category: FactorCategory,
  description: string,
): PromotedFactor {
  return {
    category,
    description: description.trim(),
    primary: false,
    evidence: [],
    evidence_ids: [],
    source: { analysis: method, ref },
  };
}
