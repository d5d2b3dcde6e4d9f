import type { FaultTree } from './fault-tree.schema.js';
import { minimalCutSets, type CutSet } from './fault-tree.cut-sets.js';

/** Distinct basic events up to which the top-event probability is computed exactly. */
export const EXACT_EVENT_LIMIT = 20;
/** Cut sets up to which the exact computation is attempted; beyond, its cost is no longer predictable. */
export const EXACT_CUT_SET_LIMIT = 5_000;

export interface TopEventProbability {
  /** Probability of the top event; null when a basic event in a cut set has no probability. */
  probability: number | null;
  /**
   * `exact`: Shannon decomposition over the minimal cut sets (correct with shared basic events).
   * `rare_event_approximation`: the sum of cut-set probabilities, capped at 1; good when they are small.
   */
  method: 'exact' | 'rare_event_approximation';
  /** With the approximation: the min-cut upper bound 1 − ∏(1 − P(cut set)), valid for coherent trees. */
  upper_bound?: number;
  /** Basic events that appear in a cut set without a probability, sorted. */
  missing_probabilities: string[];
  /** Distinct basic events across the minimal cut sets. */
  basic_event_count: number;
}

export interface ProbabilityOptions {
  /** Already computed minimal cut sets, to avoid expanding the tree twice. */
  cutSets?: readonly CutSet[];
  exactEventLimit?: number;
}

/**
 * Top-event probability of a fault tree whose basic events are independent. Exact when the cut sets involve
 * at most `EXACT_EVENT_LIMIT` basic events (and at most `EXACT_CUT_SET_LIMIT` cut sets); otherwise the
 * rare-event approximation with the min-cut upper bound. The method used is always reported.
 *
 * @example topEventProbability(tree) // { probability: 0.154, method: 'exact', missing_probabilities: [], ... }
 */
export function topEventProbability(tree: FaultTree, options: ProbabilityOptions = {}): TopEventProbability {
  const cutSets = options.cutSets ?? minimalCutSets(tree);
  const events = [...new Set(cutSets.flat())].sort();
  // Cut sets become 31-bit masks in the exact computation, so no limit can exceed 30 events.
  const limit = Math.min(options.exactEventLimit ?? EXACT_EVENT_LIMIT, 30);
  const method =
    events.length <= limit && cutSets.length <= EXACT_CUT_SET_LIMIT ? 'exact' : 'rare_event_approximation';
  const given = new Map(
    tree.nodes.flatMap((n) => (n.probability === undefined ? [] : [[n.id, n.probability]])),
  );
  const missing = events.filter((id) => !given.has(id));
  const base = { method, missing_probabilities: missing, basic_event_count: events.length } as const;
  if (missing.length > 0) return { probability: null, ...base };

  const p = (id: string): number => given.get(id) ?? 0;
  if (method === 'exact') return { probability: exactProbability(cutSets, events, p), ...base };
  const products = cutSets.map((set) => set.reduce((acc, id) => acc * p(id), 1));
  const sum = products.reduce((acc, x) => acc + x, 0);
  const upper = 1 - products.reduce((acc, x) => acc * (1 - x), 1);
  return { probability: Math.min(1, sum), upper_bound: upper, ...base };
}

/**
 * P(at least one cut set occurs) by Shannon decomposition: P(F) = p·P(F | e) + (1 − p)·P(F | not e),
 * branching on the event in most cut sets first, memoised on the remaining family of cut sets. Each cut
 * set is a bit mask over at most 31 events.
 */
export function exactProbability(
  cutSets: readonly CutSet[],
  events: readonly string[],
  p: (id: string) => number,
): number {
  const bit = new Map(events.map((id, i) => [id, 1 << i]));
  const prob = events.map(p);
  const family = cutSets.map((set) => set.reduce((mask, id) => mask | (bit.get(id) ?? 0), 0));
  const memo = new Map<string, number>();

  const solve = (sets: number[]): number => {
    if (sets.length === 0) return 0;
    if (sets.includes(0)) return 1;
    const key = sets.join(',');
    const known = memo.get(key);
    if (known !== undefined) return known;
    const v = mostFrequentBit(sets, events.length);
    const mask = 1 << v;
    const whenOccurs = normalise(sets.map((s) => s & ~mask));
    const whenNot = sets.filter((s) => (s & mask) === 0);
    const pv = prob[v] ?? 0;
    const result = pv * solve(whenOccurs) + (1 - pv) * solve(whenNot);
    memo.set(key, result);
    return result;
  };
  return solve(normalise(family));
}

function mostFrequentBit(sets: readonly number[], width: number): number {
  let best = 0;
  let bestCount = -1;
  for (let i = 0; i < width; i += 1) {
    const mask = 1 << i;
    const count = sets.reduce((n, s) => n + ((s & mask) === 0 ? 0 : 1), 0);
    if (count > bestCount) {
      best = i;
      bestCount = count;
    }
  }
  return best;
}

/** Sorted, duplicate-free, and without supersets (absorption), so equal families share one memo entry. */
function normalise(sets: readonly number[]): number[] {
  const unique = [...new Set(sets)].sort((a, b) => popCount(a) - popCount(b) || a - b);
  const kept: number[] = [];
  for (const s of unique) if (!kept.some((k) => (k & s) === k)) kept.push(s);
  return kept.sort((a, b) => a - b);
}

function popCount(n: number): number {
  let count = 0;
  for (let x = n; x !== 0; x &= x - 1) count += 1;
  return count;
}
