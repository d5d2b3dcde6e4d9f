import type { BlamelessFinding } from './blameless.finding.js';
import { findPeopleAsCauses } from './blameless.people.js';
import { PHRASE_RULES } from './blameless.rules.js';
import { collectStrings } from './blameless.walk.js';

const PERSON_RULE = {
  rule: 'person_as_cause',
  message:
    'Names a person as the cause; people act inside a system, and the system is what the review can change.',
  suggestion:
    'Describe the action and the conditions around it instead of who did it: "a deploy without a canary stage took down checkout", "the runbook did not say to drain traffic first".',
};

// Links (a GitHub ".../blame/main/..." URL, say) are evidence, not prose.
const URL = /\bhttps?:\/\/\S+/gi;

function urlSpans(text: string): Array<[number, number]> {
  return [...text.matchAll(URL)].map((match) => [match.index, match.index + match[0].length]);
}

/**
 * Blameful phrasing in one string. `people` are names to treat as people (participants, facilitator).
 * Findings are in text order; a finding inside a longer one on the same text is dropped.
 */
export function checkText(text: string, path = '(root)', people: readonly string[] = []): BlamelessFinding[] {
  const found: BlamelessFinding[] = [];
  for (const rule of PHRASE_RULES) {
    for (const match of text.matchAll(rule.pattern)) {
      const start = match.index;
      found.push({
        path,
        start,
        end: start + match[0].length,
        phrase: match[0],
        rule: rule.id,
        message: rule.message,
        suggestion: rule.suggestion,
      });
    }
  }
  for (const span of findPeopleAsCauses(text, people)) found.push({ path, ...span, ...PERSON_RULE });

  const links = urlSpans(text);
  const outsideLinks = found.filter((f) => !links.some(([s, e]) => f.start < e && f.end > s));
  outsideLinks.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: BlamelessFinding[] = [];
  for (const finding of outsideLinks) {
    if (!kept.some((k) => k.start <= finding.start && finding.end <= k.end)) kept.push(finding);
  }
  return kept;
}

function peopleOf(document: unknown): string[] {
  if (document === null || typeof document !== 'object') return [];
  const { participants, facilitator } = document as { participants?: unknown; facilitator?: unknown };
  const people = Array.isArray(participants)
    ? participants.filter((p): p is string => typeof p === 'string')
    : [];
  if (typeof facilitator === 'string') people.push(facilitator);
  return people;
}

/**
 * Scans every string of a review document (any JSON-like value) for blameful phrasing. People named in
 * `participants` and `facilitator` are recognised as people wherever they appear as causes.
 * @example
 * checkBlamelessLanguage({ participants: ['Alice'], summary: { description: 'Outage because Alice forgot to renew' } })
 * // → findings at summary.description for "because Alice" (person_as_cause) and "forgot to" (forgot_to)
 */
export function checkBlamelessLanguage(document: unknown): BlamelessFinding[] {
  const people = peopleOf(document);
  return collectStrings(document).flatMap(({ path, text }) => checkText(text, path, people));
}
