import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.js';
import { basic, gate, tree } from './fault-tree.fixtures.test-support.js';
import type { FaultTreeNode } from './fault-tree.schema.js';
import { checkFaultTree, validateFaultTree } from './fault-tree.validation.js';

function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('validateFaultTree', () => {
  it('accepts a valid tree and returns no warnings', () => {
    expect(validateFaultTree(tree('top', gate('top', 'OR', ['a', 'b']), basic('a'), basic('b')))).toEqual([]);
  });

  it('rejects a cycle and names its path', () => {
    const t = tree(
      'top',
      gate('top', 'OR', ['g1', 'a']),
      gate('g1', 'AND', ['g2', 'a']),
      gate('g2', 'OR', ['g1', 'b']),
      basic('a'),
      basic('b'),
    );
    const error = thrown(() => validateFaultTree(t));
    expect(error.kind).toBe('invalid');
    expect(error.code).toBe('fault_tree_cycle');
    expect(error.details).toEqual([
      expect.objectContaining({
        path: 'nodes[1].children',
        problem: expect.stringContaining('g1 → g2 → g1') as string,
      }),
    ]);
  });

  it('rejects a gate that lists itself', () => {
    const error = thrown(() => validateFaultTree(tree('top', gate('top', 'OR', ['top', 'a']), basic('a'))));
    expect(error.code).toBe('fault_tree_cycle');
    expect(error.message).toContain('top → top');
  });

  it('rejects a dangling child reference, naming the gate and the missing id', () => {
    const error = thrown(() => validateFaultTree(tree('top', gate('top', 'AND', ['a', 'pump']), basic('a'))));
    expect(error.code).toBe('fault_tree_dangling_child');
    expect(error.details).toEqual([
      expect.objectContaining({
        path: 'nodes[0].children[1]',
        problem: 'gate "top" refers to "pump", which is not a node',
      }),
    ]);
  });

  it('rejects a gate without children', () => {
    const error = thrown(() =>
      validateFaultTree(tree('top', gate('top', 'OR', ['g']), gate('g', 'AND', []))),
    );
    expect(error.code).toBe('fault_tree_gate_without_children');
    expect(error.details[0]?.path).toBe('nodes[1].children');
    expect(error.details[0]?.problem).toContain('"g"');
  });

  it('lists every broken rule at once under fault_tree_invalid', () => {
    const nodes: FaultTreeNode[] = [
      gate('top', 'KOFN', ['a', 'b'], 3),
      { ...basic('a'), children: ['b'] },
      basic('b'),
      basic('b'),
      { id: 'g', label: 'untyped', type: 'gate', children: ['a'], k: 1, probability: 0.5 },
    ];
    const error = thrown(() => validateFaultTree(tree('missing', ...nodes)));
    expect(error.code).toBe('fault_tree_invalid');
    expect(error.details.map((d) => `${(d as { code?: string }).code} ${d.path}`)).toEqual([
      'fault_tree_duplicate_id nodes[3].id',
      'fault_tree_top_missing top',
      'fault_tree_k_out_of_range nodes[0].k',
      'fault_tree_basic_with_children nodes[1].children',
      'fault_tree_gate_type_missing nodes[4].gate',
      'fault_tree_gate_probability nodes[4].probability',
      'fault_tree_k_not_allowed nodes[4].k',
    ]);
  });

  it('rejects k of 0 and a repeated child', () => {
    const zero = thrown(() => validateFaultTree(tree('top', gate('top', 'KOFN', ['a'], 0), basic('a'))));
    expect(zero.code).toBe('fault_tree_k_out_of_range');
    expect(zero.message).toContain('between 1 and 1');
    const twice = thrown(() => validateFaultTree(tree('top', gate('top', 'OR', ['a', 'a']), basic('a'))));
    expect(twice.code).toBe('fault_tree_duplicate_child');
  });

  it('warns about nodes not connected to the top event without rejecting the tree', () => {
    const t = tree(
      'top',
      gate('top', 'OR', ['a']),
      basic('a'),
      gate('lost', 'OR', ['orphan']),
      basic('orphan'),
    );
    expect(checkFaultTree(t).errors).toEqual([]);
    expect(validateFaultTree(t).map((w) => [w.code, w.path])).toEqual([
      ['fault_tree_unreachable', 'nodes[2]'],
      ['fault_tree_unreachable', 'nodes[3]'],
    ]);
  });
});
