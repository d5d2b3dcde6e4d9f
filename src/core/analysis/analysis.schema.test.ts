import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.js';
import { Analysis, parseAnalysis } from './analysis.schema.js';

function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('Analysis schema', () => {
  it('parses a branching five whys, defaulting children to []', () => {
    const analysis = parseAnalysis({
      method: 'five_whys',
      problem: ' Checkout failed for 40 minutes ',
      whys: [
        {
          id: 'w1',
          answer: 'The database ran out of connections',
          children: [
            { id: 'w2', answer: 'Pool size 10' },
            { id: 'w3', answer: 'Retry storm' },
          ],
        },
      ],
    });
    expect(analysis).toEqual({
      method: 'five_whys',
      problem: 'Checkout failed for 40 minutes',
      whys: [
        {
          id: 'w1',
          answer: 'The database ran out of connections',
          children: [
            { id: 'w2', answer: 'Pool size 10', children: [] },
            { id: 'w3', answer: 'Retry storm', children: [] },
          ],
        },
      ],
    });
  });

  it('fills the factor category of a fishbone cause from its branch unless given', () => {
    const analysis = parseAnalysis({
      method: 'fishbone',
      problem: 'Data exposed',
      causes: [
        { id: 'c1', branch: 'People', text: 'On-call new to the service' },
        { id: 'c2', branch: 'Environment', text: 'Vendor outage' },
        {
          id: 'c3',
          branch: 'Materials',
          text: 'Stale runbook',
          factor_category: 'process',
          sub_causes: [{ id: 's1', text: 'No owner' }],
        },
      ],
    });
    if (analysis.method !== 'fishbone') throw new Error('wrong method');
    expect(analysis.causes.map((c) => c.factor_category)).toEqual(['human', 'organizational', 'process']);
    expect(analysis.causes[2]?.sub_causes).toEqual([{ id: 's1', text: 'No owner', sub_causes: [] }]);
  });

  it('refuses duplicate ids anywhere in the tree, naming where', () => {
    const error = thrown(() =>
      parseAnalysis({
        method: 'five_whys',
        problem: 'p',
        whys: [{ id: 'w1', answer: 'a', children: [{ id: 'w1', answer: 'b' }] }],
      }),
    );
    expect(error.code).toBe('validation_failed');
    expect(error.details).toEqual([
      {
        path: 'whys[0].children[0].id',
        problem: 'id "w1" is already used at whys[0]; ids must be unique within an analysis',
      },
    ]);
  });

  it('refuses duplicate ids across fishbone causes and sub-causes', () => {
    const result = Analysis.safeParse({
      method: 'fishbone',
      problem: 'p',
      causes: [{ id: 'x', branch: 'Process', text: 't', sub_causes: [{ id: 'x', text: 'u' }] }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['causes', 0, 'sub_causes', 0, 'id']);
  });

  it('lists every shape problem at once', () => {
    const error = thrown(() =>
      parseAnalysis({
        method: 'fault_tree',
        top: 'top',
        nodes: [
          { id: 'top', label: '', type: 'gate', gate: 'XOR' },
          { id: 'a', label: 'A', type: 'basic', probability: 1.5 },
        ],
      }),
    );
    expect(error.details.map((d) => d.path)).toEqual([
      'nodes[0].label',
      'nodes[0].gate',
      'nodes[1].probability',
    ]);
  });

  it('applies the fault-tree graph rules after the shape', () => {
    const error = thrown(() =>
      parseAnalysis({
        method: 'fault_tree',
        top: 'top',
        nodes: [{ id: 'top', label: 'Outage', type: 'gate', gate: 'OR', children: ['x'] }],
      }),
    );
    expect(error.code).toBe('fault_tree_dangling_child');
  });

  it('refuses an unknown method', () => {
    expect(() => parseAnalysis({ method: 'pareto', problem: 'p' })).toThrow(DomainError);
  });
});
