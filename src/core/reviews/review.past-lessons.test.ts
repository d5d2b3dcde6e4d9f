import { describe, expect, it } from 'vitest';
import { pastLessonsFor } from './review.past-lessons.js';
import type { ContributingFactor } from './review.schema.js';

const factor = (category: ContributingFactor['category'], description: string): ContributingFactor => ({
  category,
  description,
  primary: false,
  evidence: [],
  evidence_ids: [],
  source: { analysis: 'manual' },
});
const lesson = (text: string) => ({
  lesson: text,
  category: '',
  priority: 'High' as const,
  owner: null,
  due_date: null,
});

describe('pastLessonsFor', () => {
  const past = [
    {
      incident_id: 'INC-2023-0001',
      contributing_factors: [
        factor('technical', 'Disk full on the database host'),
        factor('process', 'Database runbook stale'),
      ],
      lessons: [lesson('Alert on disk usage'), lesson('Review runbooks quarterly')],
    },
    {
      incident_id: 'INC-2023-0002',
      contributing_factors: [factor('human', 'Database disk alarm ignored')],
      lessons: [lesson('x')],
    },
    {
      incident_id: 'INC-2023-0003',
      contributing_factors: [factor('technical', 'Queue backlog')],
      lessons: [],
    },
  ];

  it('scores same-category reviews by keyword overlap, keeping every lesson of a qualifying review', () => {
    // {disk, full, database, host} vs {database, disk, full}: 3 shared of 4 → 0.3 + 0.7 × 0.75 = 0.825.
    expect(pastLessonsFor(factor('technical', 'Database disk full'), past)).toEqual([
      {
        incident_id: 'INC-2023-0001',
        lesson: 'Alert on disk usage',
        factor_category: 'technical',
        similarity: 0.825,
      },
      {
        incident_id: 'INC-2023-0001',
        lesson: 'Review runbooks quarterly',
        factor_category: 'technical',
        similarity: 0.825,
      },
    ]);
  });

  it('gives a same-category review without shared words the base similarity, and ignores other categories', () => {
    expect(pastLessonsFor(factor('process', 'Unclear escalation path'), past)).toEqual([
      {
        incident_id: 'INC-2023-0001',
        lesson: 'Alert on disk usage',
        factor_category: 'process',
        similarity: 0.3,
      },
      {
        incident_id: 'INC-2023-0001',
        lesson: 'Review runbooks quarterly',
        factor_category: 'process',
        similarity: 0.3,
      },
    ]);
    expect(pastLessonsFor(factor('organizational', 'Database disk full'), past)).toEqual([]);
  });
});
