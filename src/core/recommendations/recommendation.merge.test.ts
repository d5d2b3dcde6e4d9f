import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.js';
import { mergeWithPastLessons } from './recommendation.merge.js';
import type { Suggestion } from './recommendation.schema.js';

const rule = (title: string, rule_id = 'r'): Suggestion => ({
  title,
  type: 'preventive',
  rationale: 'why',
  rule_id,
});

describe('mergeWithPastLessons', () => {
  it('ranks rule suggestions first, then past lessons by similarity, with links', () => {
    const result = mergeWithPastLessons(
      [rule('Add a Config rule', 'technical.config_policy_as_code')],
      [
        {
          incident_id: 'INC-7',
          lesson: 'Validate security groups in CI',
          factor_category: 'technical',
          similarity: 0.6,
        },
        {
          incident_id: 'INC-3',
          lesson: 'Page on sustained 5xx',
          factor_category: 'technical',
          similarity: 0.9,
        },
      ],
    );
    expect(result.map((r) => [r.source, r.title])).toEqual([
      ['rule', 'Add a Config rule'],
      ['past_lesson', 'Page on sustained 5xx'],
      ['past_lesson', 'Validate security groups in CI'],
    ]);
    expect(result[1]).toEqual({
      source: 'past_lesson',
      title: 'Page on sustained 5xx',
      rationale: 'Lesson from INC-3, a past incident with a similar technical factor (similarity 0.90)',
      incident_id: 'INC-3',
      incident_ids: ['INC-3'],
      similarity: 0.9,
      factor_category: 'technical',
    });
  });

  it('merges a lesson taught by several incidents and drops lessons that repeat a suggestion', () => {
    const result = mergeWithPastLessons(
      [rule('Rotate keys automatically'), rule('rotate keys automatically.')],
      [
        {
          incident_id: 'INC-1',
          lesson: 'Rotate keys automatically!',
          factor_category: 'technical',
          similarity: 0.95,
        },
        { incident_id: 'INC-2', lesson: 'Run game days', factor_category: 'human', similarity: 0.5 },
        { incident_id: 'INC-4', lesson: 'run game days', factor_category: 'human', similarity: 0.7 },
        { incident_id: 'INC-4', lesson: 'Run game days.', factor_category: 'human', similarity: 0.4 },
      ],
    );
    expect(result).toHaveLength(2);
    expect(result[0]).toMatchObject({ source: 'rule', title: 'Rotate keys automatically' });
    expect(result[1]).toMatchObject({
      source: 'past_lesson',
      title: 'run game days',
      incident_id: 'INC-4',
      incident_ids: ['INC-4', 'INC-2'],
      similarity: 0.7,
    });
  });

  it('filters by minimum similarity, prefers the same category on ties, and limits', () => {
    const lessons = [
      { incident_id: 'INC-1', lesson: 'A', factor_category: 'process' as const, similarity: 0.5 },
      { incident_id: 'INC-2', lesson: 'B', factor_category: 'human' as const, similarity: 0.5 },
      { incident_id: 'INC-3', lesson: 'C', factor_category: 'human' as const, similarity: 0.2 },
      { incident_id: 'INC-4', lesson: 'D', factor_category: 'process' as const, similarity: 0.8 },
    ];
    expect(mergeWithPastLessons([], lessons, { category: 'human' }).map((r) => r.title)).toEqual([
      'D',
      'B',
      'A',
    ]);
    expect(mergeWithPastLessons([], lessons).map((r) => r.title)).toEqual(['D', 'A', 'B']);
    expect(mergeWithPastLessons([], lessons, { minSimilarity: 0, limit: 2 }).map((r) => r.title)).toEqual([
      'D',
      'A',
    ]);
  });

  it('refuses malformed lessons, naming the field', () => {
    try {
      mergeWithPastLessons(
        [],
        [{ incident_id: 'INC-1', lesson: '', factor_category: 'people', similarity: 2 }],
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      const details = (error as DomainError).details.map((d) => d.path);
      expect(details).toEqual(['[0].lesson', '[0].factor_category', '[0].similarity']);
    }
  });
});
