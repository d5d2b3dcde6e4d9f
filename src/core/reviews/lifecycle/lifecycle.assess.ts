import { checkBlamelessLanguage } from '../blameless/blameless.check.js';
import type { BlamelessFinding } from '../blameless/blameless.finding.js';
import { checkCompleteness, type MissingField } from '../templates/template.completeness.js';
import type { ReviewTemplate } from '../templates/template.schema.js';

/** What a submit needs to know about the review document: its gaps and its blameful phrasing. */
export interface ReviewAssessment {
  missing: readonly MissingField[];
  findings: readonly BlamelessFinding[];
}

/** Checks a review document against a template's required fields and the blameless-language rules. */
export function assessReview(
  template: Pick<ReviewTemplate, 'sections'>,
  document: unknown,
): ReviewAssessment {
  return { missing: checkCompleteness(template, document), findings: checkBlamelessLanguage(document) };
}
