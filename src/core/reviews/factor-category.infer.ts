import type { FactorCategory } from '../shared/vocabulary.js';

/**
 * Keyword rules for imports whose root causes carry no category (SEC10-BP08's Step 1 YAML lists them as
 * plain text). Order matters: the first matching rule wins; technical is the fallback because most
 * free-text causes in the wild name a system. Imported factors keep `source.analysis = 'import'` so a
 * reviewer can see the category was inferred and correct it.
 */
const RULES: ReadonlyArray<readonly [FactorCategory, RegExp]> = [
  [
    'human',
    /\b(training|fatigue|tired|awareness|knowledge|cognitive|bias|stress|pressure|skill|onboarding)\b/i,
  ],
  [
    'organizational',
    /\b(resourc\w*|staff\w*|budget|priorit\w*|ownership|owner|culture|incentive|headcount|org\w*|management|competing)\b/i,
  ],
  [
    'process',
    /\b(process\w*|procedure\w*|runbook\w*|playbook\w*|review\w*|validation|approval\w*|communicat\w*|certification|handoff|escalation|policy|policies|checklist)\b/i,
  ],
];

export function inferFactorCategory(description: string): FactorCategory {
  for (const [category, pattern] of RULES) if (pattern.test(description)) return category;
  return 'technical';
}
