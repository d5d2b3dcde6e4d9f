import { invalid, type Problem } from '../shared/errors.js';

/** The explicit, edit-tracked instants of an incident, in the order they usually happen. */
export const MILESTONES = [
  'impact_started',
  'first_indicator',
  'detected',
  'declared',
  'acknowledged',
  'first_action',
  'contained',
  'mitigated',
  'recovered',
  'resolved',
] as const;
export type Milestone = (typeof MILESTONES)[number];
export type Milestones = Partial<Record<Milestone, string | null>>;

/**
 * Causal precedence: `[a, b]` means a happens no later than b. Only edges that always hold are listed
 * (automation may contain before a human acknowledges, a first indicator may precede impact), and the
 * closure below also relates fields whose intermediate milestone is missing (detected ≤ resolved).
 */
const PRECEDES: ReadonlyArray<readonly [Milestone, Milestone]> = [
  ['impact_started', 'detected'],
  ['first_indicator', 'detected'],
  ['detected', 'declared'],
  ['detected', 'acknowledged'],
  ['detected', 'first_action'],
  ['detected', 'contained'],
  ['detected', 'mitigated'],
  ['contained', 'recovered'],
  ['mitigated', 'recovered'],
  ['declared', 'resolved'],
  ['acknowledged', 'resolved'],
  ['first_action', 'resolved'],
  ['recovered', 'resolved'],
];

function closure(): Array<readonly [Milestone, Milestone]> {
  const after = new Map<Milestone, Set<Milestone>>(MILESTONES.map((m) => [m, new Set<Milestone>()]));
  for (const [a, b] of PRECEDES) after.get(a)?.add(b);
  let changed = true;
  while (changed) {
    changed = false;
    for (const set of after.values()) {
      for (const b of [...set]) {
        for (const c of after.get(b) ?? []) {
          if (!set.has(c)) {
            set.add(c);
            changed = true;
          }
        }
      }
    }
  }
  return MILESTONES.flatMap((a) => [...(after.get(a) ?? [])].map((b) => [a, b] as const));
}

/** Every ordered pair of milestones that must hold wherever both are set. */
export const ORDERED_PAIRS = closure();

/** The problems with the order of the set milestones; empty when they are consistent. */
export function milestoneOrderProblems(milestones: Milestones): Problem[] {
  const problems: Problem[] = [];
  for (const [a, b] of ORDERED_PAIRS) {
    const first = milestones[a];
    const second = milestones[b];
    if (!first || !second) continue;
    if (Date.parse(first) > Date.parse(second)) {
      problems.push({
        path: `timestamps.${b}`,
        problem: `${b} (${second}) is earlier than ${a} (${first}); ${a} must not be later than ${b}`,
      });
    }
  }
  return problems;
}

/** Throws `timestamps_out_of_order`, naming both fields of each violated pair. */
export function assertMilestoneOrder(milestones: Milestones): void {
  const problems = milestoneOrderProblems(milestones);
  if (problems.length > 0) {
    throw invalid(
      'timestamps_out_of_order',
      `incident timestamps are out of order: ${problems.map((p) => p.problem).join('; ')}`,
      problems,
    );
  }
}
