import { invalid, type Problem } from '../shared/errors.js';
import type { FaultTree, FaultTreeNode } from './fault-tree.schema.js';

/** A problem with a fault tree, with a stable code per rule (`fault_tree_cycle`, ...). */
export interface FaultTreeProblem extends Problem {
  code: string;
}

export interface FaultTreeCheck {
  /** Rule violations that make the tree meaningless; the maths refuses such a tree. */
  errors: FaultTreeProblem[];
  /** Worth fixing but harmless, e.g. nodes not connected to the top event (they are ignored). */
  warnings: FaultTreeProblem[];
}

/**
 * Checks the graph rules of a fault tree and lists every violation with the node it concerns: missing top
 * event, duplicate ids, dangling child references, gates without a gate type or children, basic events with
 * children or a gate, k outside 1..n, cycles (with their path) and, as warnings, unreachable nodes.
 */
export function checkFaultTree(tree: FaultTree): FaultTreeCheck {
  const errors: FaultTreeProblem[] = [];
  const index = new Map<string, number>();
  tree.nodes.forEach((node, i) => {
    const first = index.get(node.id);
    if (first === undefined) index.set(node.id, i);
    else
      errors.push(
        problem(
          'fault_tree_duplicate_id',
          `nodes[${i}].id`,
          `node id "${node.id}" is already used by nodes[${first}]`,
        ),
      );
  });
  if (!index.has(tree.top)) {
    errors.push(problem('fault_tree_top_missing', 'top', `top event "${tree.top}" is not one of the nodes`));
  }
  tree.nodes.forEach((node, i) => errors.push(...nodeProblems(node, i, index)));
  errors.push(...cycleProblems(tree, index));
  return { errors, warnings: unreachableWarnings(tree, index) };
}

/**
 * Throws `DomainError` (kind `invalid`) listing every rule violation; returns the warnings otherwise. The
 * error code is the rule's code when all violations break the same rule (e.g. `fault_tree_cycle`), and
 * `fault_tree_invalid` when several rules are broken.
 */
export function validateFaultTree(tree: FaultTree): FaultTreeProblem[] {
  const { errors, warnings } = checkFaultTree(tree);
  if (errors.length === 0) return warnings;
  const codes = new Set(errors.map((e) => e.code));
  const code = codes.size === 1 ? (errors[0]?.code ?? 'fault_tree_invalid') : 'fault_tree_invalid';
  throw invalid(
    code,
    `The fault tree is invalid: ${errors.map((e) => `${e.path}: ${e.problem}`).join('; ')}`,
    errors,
  );
}

function nodeProblems(
  node: FaultTreeNode,
  i: number,
  index: ReadonlyMap<string, number>,
): FaultTreeProblem[] {
  const at = `nodes[${i}]`;
  const out: FaultTreeProblem[] = [];
  const children = node.children ?? [];
  if (node.type === 'basic') {
    if (children.length > 0) {
      out.push(
        problem(
          'fault_tree_basic_with_children',
          `${at}.children`,
          `basic event "${node.id}" cannot have children; make it a gate or remove them`,
        ),
      );
    }
    if (node.gate !== undefined || node.k !== undefined) {
      out.push(
        problem(
          'fault_tree_basic_with_gate',
          `${at}.gate`,
          `basic event "${node.id}" cannot have a gate type or k`,
        ),
      );
    }
    return out;
  }
  if (node.gate === undefined) {
    out.push(
      problem(
        'fault_tree_gate_type_missing',
        `${at}.gate`,
        `gate "${node.id}" needs a gate type: AND, OR or KOFN`,
      ),
    );
  }
  if (children.length === 0) {
    out.push(
      problem(
        'fault_tree_gate_without_children',
        `${at}.children`,
        `gate "${node.id}" has no children; add its input events or make it a basic event`,
      ),
    );
  }
  if (node.probability !== undefined) {
    out.push(
      problem(
        'fault_tree_gate_probability',
        `${at}.probability`,
        `gate "${node.id}" cannot carry a probability; it is computed from its inputs`,
      ),
    );
  }
  if (node.gate === 'KOFN' && (node.k === undefined || node.k < 1 || node.k > children.length)) {
    out.push(
      problem(
        'fault_tree_k_out_of_range',
        `${at}.k`,
        `gate "${node.id}" needs k between 1 and ${children.length} (its number of children), got ${node.k ?? 'none'}`,
      ),
    );
  }
  if (node.gate !== 'KOFN' && node.k !== undefined) {
    out.push(
      problem(
        'fault_tree_k_not_allowed',
        `${at}.k`,
        `gate "${node.id}" is ${node.gate ?? 'untyped'}; only KOFN gates take k`,
      ),
    );
  }
  const seen = new Set<string>();
  children.forEach((child, j) => {
    if (!index.has(child)) {
      out.push(
        problem(
          'fault_tree_dangling_child',
          `${at}.children[${j}]`,
          `gate "${node.id}" refers to "${child}", which is not a node`,
        ),
      );
    } else if (seen.has(child)) {
      out.push(
        problem(
          'fault_tree_duplicate_child',
          `${at}.children[${j}]`,
          `gate "${node.id}" lists "${child}" more than once`,
        ),
      );
    }
    seen.add(child);
  });
  return out;
}

function cycleProblems(tree: FaultTree, index: ReadonlyMap<string, number>): FaultTreeProblem[] {
  const childrenOf = (id: string): string[] =>
    (tree.nodes[index.get(id) ?? -1]?.children ?? []).filter((c) => index.has(c));
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const found = new Map<string, string[]>();
  const visit = (id: string): void => {
    state.set(id, 'open');
    stack.push(id);
    for (const child of childrenOf(id)) {
      const s = state.get(child);
      if (s === 'open') recordCycle(stack.slice(stack.indexOf(child)), found);
      else if (s === undefined) visit(child);
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const id of index.keys()) if (!state.has(id)) visit(id);
  return [...found.values()].map((cycle) => {
    const first = cycle[0] ?? '';
    return problem(
      'fault_tree_cycle',
      `nodes[${index.get(first)}].children`,
      `cycle: ${[...cycle, first].join(' → ')}; a fault tree must not loop back on itself`,
    );
  });
}

/** Keys a cycle by its rotation starting at the smallest id, so one loop is reported once. */
function recordCycle(cycle: string[], found: Map<string, string[]>): void {
  const smallest = cycle.reduce((a, b) => (b < a ? b : a));
  const start = cycle.indexOf(smallest);
  const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
  found.set(rotated.join('\u0000'), rotated);
}

function unreachableWarnings(tree: FaultTree, index: ReadonlyMap<string, number>): FaultTreeProblem[] {
  if (!index.has(tree.top)) return [];
  const reached = new Set<string>([tree.top]);
  const queue = [tree.top];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const child of tree.nodes[index.get(id) ?? -1]?.children ?? []) {
      if (index.has(child) && !reached.has(child)) {
        reached.add(child);
        queue.push(child);
      }
    }
  }
  return tree.nodes.flatMap((node, i) =>
    reached.has(node.id) || index.get(node.id) !== i
      ? []
      : [
          problem(
            'fault_tree_unreachable',
            `nodes[${i}]`,
            `"${node.id}" is not connected to the top event "${tree.top}" and is ignored`,
          ),
        ],
  );
}

function problem(code: string, path: string, text: string): FaultTreeProblem {
  return { code, path, problem: text };
}
