import { describe, expect, it } from 'vitest';
import type { DomainError } from '../shared/errors.js';
import { absorb, combinations, minimalCutSets } from './fault-tree.cut-sets.js';
import { basic, gate, ids, thirtyEventTree, tree } from './fault-tree.fixtures.test-support.js';

describe('minimalCutSets', () => {
  it('series system: OR of three events has three single-event cut sets', () => {
    const t = tree('top', gate('top', 'OR', ['a', 'b', 'c']), basic('a'), basic('b'), basic('c'));
    expect(minimalCutSets(t)).toEqual([['a'], ['b'], ['c']]);
  });

  it('parallel system: AND of three events has one cut set with all three', () => {
    const t = tree('top', gate('top', 'AND', ['c', 'a', 'b']), basic('a'), basic('b'), basic('c'));
    expect(minimalCutSets(t)).toEqual([['a', 'b', 'c']]);
  });

  it('2-of-3 voting: every pair', () => {
    const t = tree('top', gate('top', 'KOFN', ['a', 'b', 'c'], 2), basic('a'), basic('b'), basic('c'));
    expect(minimalCutSets(t)).toEqual([
      ['a', 'b'],
      ['a', 'c'],
      ['b', 'c'],
    ]);
  });

  it('shared basic event: AND(OR(a,b), OR(a,c)) is {a} or {b,c}; {a,c}, {a,b} are absorbed', () => {
    const t = tree(
      'top',
      gate('top', 'AND', ['g1', 'g2']),
      gate('g1', 'OR', ['a', 'b']),
      gate('g2', 'OR', ['a', 'c']),
      basic('a'),
      basic('b'),
      basic('c'),
    );
    expect(minimalCutSets(t)).toEqual([['a'], ['b', 'c']]);
  });

  it('shared gate: a sub-tree feeding two gates is expanded once per row (G AND G = G)', () => {
    const t = tree(
      'top',
      gate('top', 'AND', ['g1', 'g2']),
      gate('g1', 'OR', ['s', 'x']),
      gate('g2', 'OR', ['s', 'y']),
      gate('s', 'AND', ['p', 'q']),
      ...['x', 'y', 'p', 'q'].map((id) => basic(id)),
    );
    expect(minimalCutSets(t)).toEqual([
      ['p', 'q'],
      ['x', 'y'],
    ]);
  });

  it('k-of-n over gates: 2-of-3 of (a), AND(b,c), OR(d,e)', () => {
    const t = tree(
      'top',
      gate('top', 'KOFN', ['a', 'g2', 'g3'], 2),
      gate('g2', 'AND', ['b', 'c']),
      gate('g3', 'OR', ['d', 'e']),
      ...['a', 'b', 'c', 'd', 'e'].map((id) => basic(id)),
    );
    // pairs: a·bc → {a,b,c}; a·(d|e) → {a,d},{a,e}; bc·(d|e) → {b,c,d},{b,c,e}
    expect(minimalCutSets(t)).toEqual([
      ['a', 'd'],
      ['a', 'e'],
      ['a', 'b', 'c'],
      ['b', 'c', 'd'],
      ['b', 'c', 'e'],
    ]);
  });

  it('a tree that is one basic event has that event as its only cut set', () => {
    expect(minimalCutSets(tree('a', basic('a')))).toEqual([['a']]);
  });

  it('30-event tree: 25 + 6 + 6 + 1 = 38 cut sets', () => {
    // G1 = OR(a1..a5) AND OR(b1..b5) → the 25 pairs {ai, bj}; G2 = 2-of-4 → C(4,2) = 6 pairs of c;
    // D → {d1}..{d6}; G4 → one set {e1..e10}. Sorted by size, then ids.
    const sets = minimalCutSets(thirtyEventTree());
    expect(sets).toHaveLength(38);
    expect(sets.slice(0, 6)).toEqual(ids('d', 6).map((d) => [d]));
    expect(sets.filter((s) => s.length === 2)).toHaveLength(31);
    expect(sets).toContainEqual(['a3', 'b5']);
    expect(sets).toContainEqual(['c2', 'c4']);
    expect(sets[37]).toEqual(['e1', 'e10', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8', 'e9']);
  });

  it('refuses a tree that expands beyond the row limit', () => {
    const t = tree('top', gate('top', 'KOFN', ids('x', 10), 5), ...ids('x', 10).map((id) => basic(id)));
    expect(() => minimalCutSets(t, { maxRows: 100 })).toThrow(
      expect.objectContaining({ code: 'fault_tree_too_large' }) as DomainError,
    );
    expect(minimalCutSets(t)).toHaveLength(252);
  });

  it('validates before expanding', () => {
    const t = tree('top', gate('top', 'OR', ['a', 'ghost']), basic('a'));
    expect(() => minimalCutSets(t)).toThrow(
      expect.objectContaining({ code: 'fault_tree_dangling_child' }) as DomainError,
    );
  });
});

describe('absorb and combinations', () => {
  it('drops duplicates and supersets', () => {
    expect(absorb([['b', 'a'], ['a'], ['a', 'b'], ['c', 'd'], ['d', 'c', 'e']])).toEqual([['a'], ['c', 'd']]);
  });

  it('lists k-subsets in order', () => {
    expect(combinations(['a', 'b', 'c', 'd'], 3)).toEqual([
      ['a', 'b', 'c'],
      ['a', 'b', 'd'],
      ['a', 'c', 'd'],
      ['b', 'c', 'd'],
    ]);
    expect(combinations(['a'], 2)).toEqual([]);
    expect(combinations(['a'], 0)).toEqual([[]]);
  });
});
