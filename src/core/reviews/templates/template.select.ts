import type { Severity } from '../../shared/vocabulary.js';
import type { ReviewTemplate } from './template.schema.js';
import { DEFAULT_REVIEW_TEMPLATE } from './template.standard.js';

type Scoped = Pick<ReviewTemplate, 'applies_to'>;

function matches(
  template: Scoped,
  category: string | null | undefined,
  severity: Severity | null | undefined,
) {
  const { categories, severities } = template.applies_to;
  const categoryOk =
    categories.length === 0 ||
    (category != null && categories.some((c) => c.toLowerCase() === category.toLowerCase()));
  const severityOk = severities.length === 0 || (severity != null && severities.includes(severity));
  return categoryOk && severityOk;
}

// A category is a stronger signal than a severity; within a kind, a narrower list is more specific.
function specificity(template: Scoped): [number, number] {
  const { categories, severities } = template.applies_to;
  const kinds = (categories.length > 0 ? 2 : 0) + (severities.length > 0 ? 1 : 0);
  return [kinds, -(categories.length + severities.length)];
}

/**
 * The most specific template whose `applies_to` matches the incident (category compared case-insensitively;
 * empty lists match anything). Ties go to the earlier template. Without a match, `fallback` (the standard
 * template unless given).
 * @example selectTemplate(BUILT_IN_TEMPLATES, { category: 'drill', severity: 'Low' }).id // 'drill'
 */
export function selectTemplate<T extends Scoped = ReviewTemplate>(
  templates: readonly T[],
  incident: { category?: string | null; severity?: Severity | null },
  fallback: T | ReviewTemplate = DEFAULT_REVIEW_TEMPLATE,
): T | ReviewTemplate {
  let best: T | undefined;
  let bestScore: [number, number] = [-1, 0];
  for (const template of templates) {
    if (!matches(template, incident.category, incident.severity)) continue;
    const score = specificity(template);
    if (score[0] > bestScore[0] || (score[0] === bestScore[0] && score[1] > bestScore[1])) {
      best = template;
      bestScore = score;
    }
  }
  return best ?? fallback;
}
