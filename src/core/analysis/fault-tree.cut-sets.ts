import { invalid } from '../shared/errors.js';
import type { FaultTree, FaultTreeNode } from './fault-tree.schema.js';
import { validateFaultTree } from './fault-tree.validation.js';

/** A minimal cut set: the ids of basic events whose joint occurrence causes the top event, sorted. */
export type CutSet = string[];

/** MOCUS rows explored before giving up; a tree needing more is too large to analyse interactively. */
export const MAX_MOCUS_ROWS = 50_000;

interface Row {
  basics: Set<string>;
  gates: string[];
}

/**
 * Minimal cut sets of a fault tree by MOCUS (top-down substitution of gates: an OR gate splits a row, an
 * AND gate widens it, a k-of-n gate splits into one row per combination of k inputs), then absorbed to the
 * minimal ones. Sorted by size, then by ids. Validates the tree first (throws its rule violations).
 *
 * @example minimalCutSets(tree) // [['pump_fails'], ['valve_a', 'valve_b']]
 */
export function minimalCutSets(tree: FaultTree, options: { maxRows?: number } = {}): CutSet[] {
  validateFaultTree(tree);
  const maxRows = options.maxRows ?? MAX_MOCUS_ROWS;
  const nodes = new Map(tree.nodes.map((node) => [node.id, node]));
  const top = nodes.get(tree.top);
  if (top === undefined || top.type === 'basic') return [[tree.top]];

  const complete: Set<string>[] = [];
  const pending: Row[] = [{ basics: new Set(), gates: [tree.top] }];
  let explored = 0;
  for (let row = pending.pop(); row !== undefined; row = pending.pop()) {
    explored += 1;
    if (explored > maxRows) {
      throw invalid(
        'fault_tree_too_large',
        `The fault tree expands to more than ${maxRows} cut-set rows; split it into smaller trees or reduce k-of-n gates`,
      );
    }
    const gateId = row.gates.pop();
    if (gateId === undefined) {
      complete.push(row.basics);
      continue;
    }
    for (const inputs of alternatives(nodes.get(gateId))) pending.push(substitute(row, inputs, nodes));
  }
  return absorb(complete);
}

/** The ways a gate can occur, each a list of input ids that must all occur. */
function alternatives(gate: FaultTreeNode | undefined): string[][] {
  const children = gate?.children ?? [];
  switch (gate?.gate) {
    case 'AND':
      return [children];
    case 'OR':
      return children.map((child) => [child]);
    case 'KOFN':
      return combinations(children, gate.k ?? children.length);
    case undefined:
      return [];
  }
}

function substitute(row: Row, inputs: readonly string[], nodes: ReadonlyMap<string, FaultTreeNode>): Row {
  const basics = new Set(row.basics);
  const gates = [...row.gates];
  for (const id of inputs) {
    if (nodes.get(id)?.type === 'basic') basics.add(id);
    // A gate already waiting in the row adds nothing (A AND A = A).
    else if (!gates.includes(id)) gates.push(id);
  }
  return { basics, gates };
}

/** All k-element subsets of items, in order. */
export function combinations<T>(items: readonly T[], k: number): T[][] {
  if (k === 0) return [[]];
  if (k > items.length) return [];
  const out: T[][] = [];
  const pick = (start: number, chosen: T[]): void => {
    if (chosen.length === k) {
      out.push([...chosen]);
      return;
    }
    for (let i = start; i <= items.length - (k - chosen.length); i += 1) {
      chosen.push(items[i] as T);
      pick(i + 1, chosen);
      chosen.pop();
    }
  };
  pick(0, []);
  return out;
}

/**
 * Keeps the minimal sets: drops duplicates and every set that contains another. Sets are taken smallest
 * first; a candidate is compared only with kept sets that are strictly smaller and whose smallest id it
 * contains, the only ones that can be inside it (so a k-of-n family of equal-sized sets costs no comparisons).
 */
export function absorb(sets: readonly Iterable<string>[]): CutSet[] {
  const sorted = sets.map((set) => [...new Set(set)].sort(compareIds)).sort(compareCutSets);
  const keys = new Set<string>();
  const smallerByFirst = new Map<string, string[][]>();
  const kept: CutSet[] = [];
  let pending: CutSet[] = [];
  for (const candidate of sorted) {
    // Sets of the previous size become comparable only once this size starts.
    if (pending.length > 0 && (pending[0]?.length ?? 0) < candidate.length) {
      for (const set of pending) {
        const first = set[0] ?? '';
        const bucket = smallerByFirst.get(first);
        if (bucket) bucket.push(set);
        else smallerByFirst.set(first, [set]);
      }
      pending = [];
    }
    const key = candidate.join('\u0000');
    if (keys.has(key)) continue;
    const members = new Set(candidate);
    const absorbed = candidate.some((id) =>
      (smallerByFirst.get(id) ?? []).some((small) => small.every((member) => members.has(member))),
    );
    if (absorbed) continue;
    keys.add(key);
    kept.push(candidate);
    pending.push(candidate);
  }
  return kept;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareCutSets(a: readonly string[], b: readonly string[]): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i += 1) {
    const order = compareIds(a[i] ?? '', b[i] ?? '');
    if (order !== 0) return order;
  }
  return 0;
}
