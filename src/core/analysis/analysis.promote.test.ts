import { describe, expect, it } from 'vitest';
import type { DomainError } from '../shared/errors.js';
import { promoteToFactor } from './analysis.promote.js';
import { parseAnalysis } from './analysis.schema.js';
import { findCause, causesByBranch } from './fishbone.js';
import { rootCauses } from './five-whys.js';
import type { Fishbone } from './fishbone.schema.js';
import type { FiveWhys } from './five-whys.schema.js';

const whys = parseAnalysis({
  method: 'five_whys',
  problem: 'Checkout failed',
  whys: [
    {
      id: 'w1',
      question: 'Why did checkout fail?',
      answer: 'Database connections were exhausted',
      children: [
        {
          id: 'w2',
          answer: 'The pool was sized for last year',
          children: [{ id: 'w4', answer: 'No capacity review' }],
        },
        { id: 'w3', answer: 'Clients retried without backoff' },
      ],
    },
    { id: 'w5', answer: 'The alert fired late' },
  ],
}) as FiveWhys;

const fishbone = parseAnalysis({
  method: 'fishbone',
  problem: 'Credentials leaked',
  causes: [
    {
      id: 'c1',
      branch: 'Technology',
      text: 'Secrets in environment variables',
      sub_causes: [{ id: 's1', text: 'No secret scanner', sub_causes: [{ id: 's2', text: 'Budget' }] }],
    },
    { id: 'c2', branch: 'People', text: 'Shared admin account' },
  ],
}) as Fishbone;

describe('five whys', () => {
  it('lists the leaves with their chain, left to right', () => {
    expect(rootCauses(whys)).toEqual([
      {
        id: 'w4',
        answer: 'No capacity review',
        chain: [
          { id: 'w1', question: 'Why did checkout fail?', answer: 'Database connections were exhausted' },
          { id: 'w2', answer: 'The pool was sized for last year' },
          { id: 'w4', answer: 'No capacity review' },
        ],
      },
      expect.objectContaining({
        id: 'w3',
        chain: [expect.objectContaining({ id: 'w1' }), expect.objectContaining({ id: 'w3' })],
      }),
      { id: 'w5', answer: 'The alert fired late', chain: [{ id: 'w5', answer: 'The alert fired late' }] },
    ]);
  });

  it('promotes any answer, leaf or not, to a contributing factor', () => {
    expect(promoteToFactor(whys, 'w2', 'organizational')).toEqual({
      category: 'organizational',
      description: 'The pool was sized for last year',
      primary: false,
      evidence: [],
      evidence_ids: [],
      source: { analysis: 'five_whys', ref: 'w2' },
    });
  });

  it('refuses unknown ids and a missing category', () => {
    expect(() => promoteToFactor(whys, 'nope', 'process')).toThrow(
      expect.objectContaining({ code: 'analysis_node_not_found' }) as DomainError,
    );
    expect(() => promoteToFactor(whys, 'w2')).toThrow(
      expect.objectContaining({ code: 'factor_category_required' }) as DomainError,
    );
  });
});

describe('fishbone', () => {
  it('promotes a cause with its default category, or the one given', () => {
    expect(promoteToFactor(fishbone, 'c2')).toMatchObject({
      category: 'human',
      description: 'Shared admin account',
      source: { analysis: 'fishbone', ref: 'c2' },
    });
    expect(promoteToFactor(fishbone, 'c2', 'organizational').category).toBe('organizational');
  });

  it('promotes a nested sub-cause with its top-level cause category', () => {
    expect(promoteToFactor(fishbone, 's2')).toMatchObject({
      category: 'technical',
      description: 'Budget',
      source: { ref: 's2' },
    });
    expect(findCause(fishbone, 's1')?.cause.id).toBe('c1');
    expect(() => promoteToFactor(fishbone, 'zz')).toThrow(
      expect.objectContaining({ code: 'analysis_node_not_found' }) as DomainError,
    );
  });

  it('groups causes by branch in drawing order, empty branches included', () => {
    const groups = causesByBranch(fishbone);
    expect([...groups.keys()]).toEqual([
      'People',
      'Process',
      'Technology',
      'Environment',
      'Materials',
      'Methods',
    ]);
    expect(groups.get('Technology')?.map((c) => c.id)).toEqual(['c1']);
    expect(groups.get('Methods')).toEqual([]);
  });
});

describe('fault tree', () => {
  it('promotes a basic event by its label', () => {
    const tree = parseAnalysis({
      method: 'fault_tree',
      top: 'top',
      nodes: [
        { id: 'top', label: 'Outage', type: 'gate', gate: 'OR', children: ['a'] },
        { id: 'a', label: 'Certificate expired', type: 'basic' },
      ],
    });
    expect(promoteToFactor(tree, 'a', 'technical')).toMatchObject({
      description: 'Certificate expired',
      source: { analysis: 'fault_tree', ref: 'a' },
    });
    expect(() => promoteToFactor(tree, 'b', 'technical')).toThrow(
      expect.objectContaining({ code: 'analysis_node_not_found' }) as DomainError,
    );
  });
});
