import { describe, expect, it } from 'vitest';
import { topEventProbability } from './fault-tree.probability.js';
import { basic, gate, ids, thirtyEventTree, tree } from './fault-tree.fixtures.test-support.js';

const abc = (pa: number, pb: number, pc: number) => [basic('a', pa), basic('b', pb), basic('c', pc)];

describe('topEventProbability', () => {
  it('series: 1 − 0.9·0.8·0.7 = 0.496', () => {
    const result = topEventProbability(
      tree('top', gate('top', 'OR', ['a', 'b', 'c']), ...abc(0.1, 0.2, 0.3)),
    );
    expect(result.method).toBe('exact');
    expect(result.probability).toBeCloseTo(0.496, 12);
    expect(result.missing_probabilities).toEqual([]);
    expect(result.basic_event_count).toBe(3);
  });

  it('parallel: 0.1·0.2·0.3 = 0.006', () => {
    const result = topEventProbability(
      tree('top', gate('top', 'AND', ['a', 'b', 'c']), ...abc(0.1, 0.2, 0.3)),
    );
    expect(result.probability).toBeCloseTo(0.006, 12);
  });

  it('2-of-3 with p = 0.1: 3·0.1²·0.9 + 0.1³ = 0.028', () => {
    const result = topEventProbability(
      tree('top', gate('top', 'KOFN', ['a', 'b', 'c'], 2), ...abc(0.1, 0.1, 0.1)),
    );
    expect(result.probability).toBeCloseTo(0.028, 12);
  });

  it('shared event: AND(OR(a,b), OR(a,c)) = pa + pb·pc − pa·pb·pc = 0.154, not the naive 0.1036', () => {
    // Naive gate-by-gate multiplication: (1 − 0.9·0.8)·(1 − 0.9·0.7) = 0.28·0.37 = 0.1036, which counts a twice.
    const t = tree(
      'top',
      gate('top', 'AND', ['g1', 'g2']),
      gate('g1', 'OR', ['a', 'b']),
      gate('g2', 'OR', ['a', 'c']),
      ...abc(0.1, 0.2, 0.3),
    );
    const result = topEventProbability(t);
    expect(result.method).toBe('exact');
    expect(result.probability).toBeCloseTo(0.154, 12);
  });

  it('forced approximation on the shared-event tree: rare-event 0.16, upper bound 1 − 0.9·0.94 = 0.154', () => {
    const t = tree(
      'top',
      gate('top', 'AND', ['g1', 'g2']),
      gate('g1', 'OR', ['a', 'b']),
      gate('g2', 'OR', ['a', 'c']),
      ...abc(0.1, 0.2, 0.3),
    );
    const result = topEventProbability(t, { exactEventLimit: 2 });
    expect(result.method).toBe('rare_event_approximation');
    expect(result.probability).toBeCloseTo(0.1 + 0.06, 12);
    expect(result.upper_bound).toBeCloseTo(1 - 0.9 * 0.94, 12);
  });

  it('30-event tree uses the rare-event approximation with the min-cut upper bound', () => {
    // Cut sets: 25 × {ai,bj} at 0.01·0.02 = 0.0002; 6 × {ci,cj} at 0.05² = 0.0025; 6 × {di} at 0.001;
    // {e1..e10} at 0.5¹⁰ = 0.0009765625.
    // Rare event: 25·0.0002 + 6·0.0025 + 6·0.001 + 0.0009765625 = 0.0269765625.
    // Upper bound: 1 − 0.9998²⁵ · 0.9975⁶ · 0.999⁶ · (1 − 0.0009765625) = 0.026638099533936…
    const result = topEventProbability(thirtyEventTree());
    expect(result.method).toBe('rare_event_approximation');
    expect(result.basic_event_count).toBe(30);
    expect(result.probability).toBeCloseTo(0.0269765625, 12);
    expect(result.upper_bound).toBeCloseTo(0.026638099533936144, 12);
  });

  it('30-event tree computed exactly when allowed matches the independent-gates formula', () => {
    // The four inputs of TOP share no events, so P = 1 − ∏(1 − P(input)):
    // P(G1) = (1 − 0.99⁵)(1 − 0.98⁵); P(G2) = 1 − 0.95⁴ − 4·0.05·0.95³; P(D) = 1 − 0.999⁶; P(G4) = 0.5¹⁰
    // → 0.025487507664228…, below the upper bound 0.02663… and the rare-event sum 0.02697…
    const result = topEventProbability(thirtyEventTree(), { exactEventLimit: 30 });
    expect(result.method).toBe('exact');
    expect(result.probability).toBeCloseTo(0.025487507664228692, 12);
  });

  it('caps the rare-event sum at 1 and keeps the tighter upper bound', () => {
    // OR of 25 events at 0.1: the sum is 2.5 (meaningless as a probability); 1 − 0.9²⁵ = 0.92821020123…
    const events = ids('x', 25);
    const result = topEventProbability(
      tree('top', gate('top', 'OR', events), ...events.map((id) => basic(id, 0.1))),
    );
    expect(result.method).toBe('rare_event_approximation');
    expect(result.probability).toBe(1);
    expect(result.upper_bound).toBeCloseTo(0.9282102012308149, 12);
  });

  it('reports missing probabilities and gives no number', () => {
    const t = tree('top', gate('top', 'OR', ['a', 'b', 'c']), basic('c'), basic('a', 0.1), basic('b'));
    expect(topEventProbability(t)).toEqual({
      probability: null,
      method: 'exact',
      missing_probabilities: ['b', 'c'],
      basic_event_count: 3,
    });
  });

  it('ignores missing probabilities of events absorbed out of every cut set', () => {
    // OR(a, AND(a, b)): {a,b} is absorbed by {a}, so b's probability is not needed.
    const t = tree(
      'top',
      gate('top', 'OR', ['a', 'g']),
      gate('g', 'AND', ['a', 'b']),
      basic('a', 0.25),
      basic('b'),
    );
    expect(topEventProbability(t)).toMatchObject({ probability: 0.25, missing_probabilities: [] });
  });

  it('handles certain and impossible events', () => {
    const t = tree('top', gate('top', 'AND', ['a', 'b']), basic('a', 1), basic('b', 0));
    expect(topEventProbability(t).probability).toBe(0);
    const u = tree('top', gate('top', 'OR', ['a', 'b']), basic('a', 1), basic('b', 0));
    expect(topEventProbability(u).probability).toBe(1);
  });
});
