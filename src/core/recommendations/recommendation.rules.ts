import type { FactorCategory } from '../shared/vocabulary.js';
import { HUMAN_RULES, ORGANIZATIONAL_RULES } from './recommendation.rules.people.js';
import { PROCESS_RULES } from './recommendation.rules.process.js';
import { TECHNICAL_RULES } from './recommendation.rules.technical.js';
import type { Suggestion } from './recommendation.schema.js';

/** Every keyword rule, by category, in the order their suggestions are listed. */
export const RECOMMENDATION_RULES = [
  ...TECHNICAL_RULES,
  ...PROCESS_RULES,
  ...HUMAN_RULES,
  ...ORGANIZATIONAL_RULES,
];

/** What to suggest when no keyword rule matches a factor's description. */
export const FALLBACK_SUGGESTIONS: Readonly<Record<FactorCategory, Suggestion>> = {
  technical: {
    title:
      'Add detection for this technical condition and a preventive control (automated check or guardrail)',
    type: 'detective',
    rationale: 'A technical factor recurs unless it is either prevented automatically or detected quickly.',
    rule_id: 'technical.fallback',
  },
  process: {
    title: 'Update the process so the step that allowed this is explicit, checked, and exercised',
    type: 'corrective',
    rationale: 'A process gap closes when the step is written down and verified, not when it is remembered.',
    rule_id: 'process.fallback',
  },
  human: {
    title:
      'Change the conditions around the action (tooling, defaults, workload, training) rather than the person',
    type: 'preventive',
    rationale: 'Blameless practice: people act within a system, and the system is what an action can change.',
    rule_id: 'human.fallback',
  },
  organizational: {
    title: 'Escalate the organizational factor to the accountable leader with a proposed owner and priority',
    type: 'corrective',
    rationale:
      'Organizational factors need a decision from someone with authority over priorities and ownership.',
    rule_id: 'organizational.fallback',
  },
};
