import type { PhraseRule } from './blameless.finding.js';

// Apostrophes typed by people and by word processors.
const APOS = "['’]";

const rule = (id: string, source: string, message: string, suggestion: string): PhraseRule => ({
  id,
  pattern: new RegExp(`\\b(?:${source})\\b`, 'gi'),
  message,
  suggestion,
});

/**
 * Phrases that put blame on people rather than on the conditions around them. Each pattern is bounded by
 * word edges, so "shoulder" or "blameless" never match.
 */
export const PHRASE_RULES: readonly PhraseRule[] = [
  rule(
    'human_error',
    'human\\s+errors?',
    '"Human error" names a symptom, not a cause, and ends the inquiry where it should start.',
    'Describe the conditions that made the action possible: a missing guardrail, an unclear runbook, a confusing interface, time pressure, an alert without context.',
  ),
  rule(
    'counterfactual',
    `should\\s+have|should${APOS}ve|shouldn${APOS}t\\s+have|should\\s+not\\s+have`,
    '"Should have" judges a decision with hindsight the people involved did not have.',
    'Describe what people knew and saw at the time, and what would have made the other choice the easy one (a check, a prompt, a default).',
  ),
  rule(
    'careless',
    'careless(?:ly|ness)?',
    '"Careless" describes a person, not the system that allowed the slip.',
    'Describe the step that was easy to get wrong and the safeguard that was missing (confirmation, review, automation).',
  ),
  rule(
    'failed_to',
    'failed\\s+to|fails\\s+to',
    '"Failed to" frames an outcome as someone\'s failure.',
    'Say what did not happen and why the process or tooling did not make it happen: "no step in the runbook covered ...", "the alert did not reach ...".',
  ),
  rule(
    'negligent',
    'negligen(?:t|tly|ce)',
    '"Negligent" is a legal and moral judgement of a person.',
    'Describe the gap in process, training or tooling that the situation exposed.',
  ),
  rule(
    'fault_of',
    `fault\\s+of|at\\s+fault|(?:his|her|their|your|my)\\s+fault`,
    'Assigning fault to a person closes the inquiry.',
    'Describe the contributing factors (technical, process, organizational) that lined up, without naming whose fault it was.',
  ),
  rule(
    'blame',
    // "not assigning blame", "without blame" and "blame-free" argue against blame rather than assign it.
    '(?<!\\b(?:no|not|without|avoid|avoiding|never)\\s+(?:[a-z]+\\s+){0,2})blam(?:e|ed|es|ing|eworthy)(?![-\\s]free)',
    'Talking about blame moves the review from learning to judging.',
    'Describe what in the system made the outcome possible and what would prevent it next time.',
  ),
  rule(
    'didnt_bother',
    `didn${APOS}t\\s+bother|did\\s+not\\s+bother|couldn${APOS}t\\s+be\\s+bothered`,
    '"Didn\'t bother" attributes the outcome to a person\'s attitude.',
    'Describe why the step was skipped: competing priorities, friction, no reminder, or an optional step that should be enforced.',
  ),
  rule(
    'incompetent',
    'incompeten(?:t|ce|tly)',
    '"Incompetent" judges a person instead of the support they had.',
    'Describe the knowledge or tooling that was missing and how onboarding, training or documentation could supply it.',
  ),
  rule(
    'mistake_by',
    'mistakes?\\s+(?:made\\s+)?by',
    'Naming whose mistake it was makes the review about a person.',
    'Describe the action and the conditions around it: "the change was applied without a dry run because the pipeline allowed it".',
  ),
  rule(
    'forgot_to',
    'forgot\\s+to|forgotten\\s+to',
    '"Forgot to" puts the weight on memory instead of on the process.',
    'Describe the step that relied on memory and the checklist, automation or reminder that would carry it.',
  ),
  rule(
    'ignored',
    'ignored',
    '"Ignored" implies a choice not to act on a signal.',
    'Describe why the signal did not stand out: alert volume, routing, unclear severity, missing context or runbook.',
  ),
  rule(
    'judgemental',
    'lazy|sloppy|reckless(?:ly)?|stupid(?:ly)?|inexcusable',
    'Judgemental words describe a person, not the system.',
    'Describe the observable action and the conditions that shaped it.',
  ),
];
