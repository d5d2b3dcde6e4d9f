import { z } from 'zod';
import { BlamelessFinding } from './blameless/blameless.finding.js';
import { assessReview } from './lifecycle/lifecycle.assess.js';
import type { ReviewTemplate } from './templates/template.schema.js';

/** What a reviewer should fix before submitting: blameful phrasing and the template's empty required fields. */
export const ReviewLint = z.object({
  template_id: z.string(),
  /** `block`: the template refuses submission while warnings remain; `warn`: they are advice. */
  blameless: z.enum(['warn', 'block']),
  warnings: z.array(BlamelessFinding),
  missing: z.array(z.object({ path: z.string(), label: z.string() })),
  /** True when submitting now would be refused (missing fields, or warnings under a blocking template). */
  blocks_submit: z.boolean(),
});
export type ReviewLint = z.infer<typeof ReviewLint>;

/**
 * Lints a review document against a template: the blameless-language findings (each with its path and a
 * systemic suggestion) and the required fields left empty.
 * @example lintReview(document, DEFAULT_REVIEW_TEMPLATE).warnings[0].suggestion
 */
export function lintReview(document: unknown, template: ReviewTemplate): ReviewLint {
  const { missing, findings } = assessReview(template, document);
  return {
    template_id: template.id,
    blameless: template.blameless,
    warnings: [...findings],
    missing: [...missing],
    blocks_submit: missing.length > 0 || (template.blameless === 'block' && findings.length > 0),
  };
}
