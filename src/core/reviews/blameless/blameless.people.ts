/**
 * Finds people named as the cause of an incident: "Bob caused ...", "because Alice ...", "Carol's mistake",
 * "@dave broke ...". Names come from the review's participants and facilitator, from @handles, and from a
 * capitalised-name heuristic that skips words which usually start a sentence or name a system.
 */

export interface Span {
  start: number;
  end: number;
  phrase: string;
}

const ADVERB = String.raw`(?:[a-z]+ly\s+)?`;
const CAUSAL =
  String.raw`(?:caused|broke|crashed|took\s+down|brought\s+down|messed\s+up|screwed\s+up|botched|` +
  String.raw`fat[-\s]?fingered|(?:was|is)\s+responsible\s+for|(?:was|is)\s+to\s+blame)`;
const BLAME_NOUN = String.raw`(?:mistakes?|errors?|fault|oversight|negligence|carelessness|blunder|screw-?up)`;
const POSSESSIVE = "['’]s";
const HANDLE = String.raw`@[A-Za-z0-9][\w.-]*[A-Za-z0-9]`;
const LEAD = String.raw`(?<![\w@])`;

// Capitalised words that start sentences or name systems, not people.
const NOT_NAMES = new Set(
  (
    'the this that these those it its our their we they he she you i a an and but or so then when while after ' +
    'before during because since if once later finally also which what who there here today yesterday root ' +
    'nobody someone somebody everyone everybody anyone anybody none nothing something everything ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july ' +
    'august september october november december ' +
    'aws amazon lambda kafka redis kubernetes postgres mysql terraform jenkins github gitlab docker nginx ' +
    'linux windows java node python cloudfront cloudwatch guardduty route config deploy release rollout ' +
    'change update upgrade patch script job alarm alert bug outage load cache queue database disk memory ' +
    'network certificate token key policy rule role timeout retry failover backup restore service system ' +
    'server cluster host instance container pod worker scheduler proxy gateway balancer firewall storage ' +
    'volume index query request traffic latency error exception crash spike surge bot attacker malware ' +
    'ransomware phishing vendor provider region zone power hardware software code commit merge build ' +
    'pipeline test tests monitoring logging automation replication throttling dns api cdn vpc'
  ).split(' '),
);
// Common-noun endings; a name rarely ends this way, a system noun often does ("Misconfiguration caused").
const NOUN_ENDING = /(?:tion|sion|ment|ness|ity|ing|ism|ics|ogy|ware|ure)$/i;

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function looksLikeName(word: string): boolean {
  return !NOT_NAMES.has(word.toLowerCase()) && !(word.length >= 6 && NOUN_ENDING.test(word));
}

function spansOf(
  pattern: RegExp,
  text: string,
  accept?: (match: RegExpExecArray) => Span | undefined,
): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(pattern)) {
    const span = accept
      ? accept(match)
      : { start: match.index, end: match.index + match[0].length, phrase: match[0] };
    if (span) spans.push(span);
  }
  return spans;
}

function causalPatterns(names: string, flags: string): RegExp[] {
  return [
    new RegExp(`${LEAD}(?:${names})\\s+${ADVERB}${CAUSAL}\\b`, flags),
    new RegExp(`\\b(?:because(?:\\s+of)?|due\\s+to|thanks\\s+to)\\s+(?:${names})(?![\\w])`, flags),
    new RegExp(`${LEAD}(?:${names})${POSSESSIVE}\\s+(?:[a-z]+\\s+)?${BLAME_NOUN}\\b`, flags),
  ];
}

/**
 * The names to look for, from a review's participants and facilitator: each full name (matched in any
 * case) and, for person-like names ("Alice Smith"), each part ("Alice", "Smith"; matched only capitalised,
 * so a participant called Will does not flag "will").
 */
export function knownNames(people: readonly string[]): { anyCase: string[]; capitalised: string[] } {
  const anyCase = new Set<string>();
  const capitalised = new Set<string>();
  for (const raw of people) {
    const name = raw.trim();
    if (name.length < 2) continue;
    anyCase.add(name);
    const parts = name.split(/\s+/);
    if (parts.length > 1 && parts.every((part) => /^[A-Z][a-z'’-]+$/.test(part) && looksLikeName(part))) {
      for (const part of parts) if (part.length >= 2) capitalised.add(part);
    }
  }
  return { anyCase: [...anyCase], capitalised: [...capitalised] };
}

/** Spans of `text` that name a person (or handle) as a cause. */
export function findPeopleAsCauses(text: string, people: readonly string[]): Span[] {
  const { anyCase, capitalised } = knownNames(people);
  const patterns: RegExp[] = [...causalPatterns(HANDLE, 'g')];
  const byLength = (list: string[]): string =>
    [...list]
      .sort((a, b) => b.length - a.length)
      .map(escape)
      .join('|');
  if (anyCase.length > 0) patterns.push(...causalPatterns(byLength(anyCase), 'gi'));
  if (capitalised.length > 0) patterns.push(...causalPatterns(byLength(capitalised), 'g'));
  patterns.push(new RegExp(`\\b(?:he|she)\\s+${ADVERB}${CAUSAL}\\b`, 'gi'));
  const spans = patterns.flatMap((pattern) => spansOf(pattern, text));

  const generic = new RegExp(
    `${LEAD}([A-Z][a-z]+(?: +[A-Z][a-z]+)?)(?:\\s+${ADVERB}${CAUSAL}\\b|${POSSESSIVE}\\s+${BLAME_NOUN}\\b)`,
    'g',
  );
  spans.push(...spansOf(generic, text, (match) => acceptGeneric(match)));
  return spans;
}

function acceptGeneric(match: RegExpExecArray): Span | undefined {
  const name = match[1] ?? '';
  const words = name.split(/\s+/);
  let offset = 0;
  // "Then Bob caused": drop a leading sentence word and keep the name after it.
  if (words.length === 2 && !looksLikeName(words[0] ?? '')) {
    offset = name.indexOf(words[1] ?? '');
    words.shift();
  }
  if (!words.every(looksLikeName)) return undefined;
  const start = match.index + offset;
  const end = match.index + match[0].length;
  return { start, end, phrase: match[0].slice(offset) };
}
