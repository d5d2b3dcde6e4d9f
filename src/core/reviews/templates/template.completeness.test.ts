import { describe, expect, it } from 'vitest';
import { checkCompleteness, isFilled } from './template.completeness.js';
import { ReviewTemplate } from './template.schema.js';
import { DEFAULT_REVIEW_TEMPLATE } from './template.standard.js';

const complete = {
  incident_ids: ['INC-2024-001'],
  incident_date: '2024-01-15',
  review_date: '2024-01-20',
  facilitator: 'Carol',
  participants: ['Alice', 'Bob'],
  summary: { description: 'Payments failed', impact: 'Checkout down', duration: '65 minutes' },
  timeline: [],
  response_analysis: { what_went_well: [], what_could_improve: [] },
  contributing_factors: [],
  lessons: [],
  action_items: [],
};

describe('checkCompleteness', () => {
  it('passes a review with every required field', () => {
    expect(checkCompleteness(DEFAULT_REVIEW_TEMPLATE, complete)).toEqual([]);
  });

  it('lists each missing required field with its label, in template order', () => {
    const review = {
      ...complete,
      incident_ids: [],
      review_date: null,
      facilitator: '  ',
      participants: [''],
    };
    expect(checkCompleteness(DEFAULT_REVIEW_TEMPLATE, review)).toEqual([
      { path: 'incident_ids', label: 'Incident IDs' },
      { path: 'review_date', label: 'Review date' },
      { path: 'facilitator', label: 'Facilitator' },
      { path: 'participants', label: 'Participants' },
    ]);
    expect(checkCompleteness(DEFAULT_REVIEW_TEMPLATE, {})).toHaveLength(4);
    expect(checkCompleteness(DEFAULT_REVIEW_TEMPLATE, null)).toHaveLength(4);
  });

  it('checks nested and per-item required fields', () => {
    const strict = ReviewTemplate.parse({
      id: 'strict',
      name: 'Strict',
      sections: [
        {
          id: 'all',
          title: 'All',
          fields: [
            { path: 'summary.impact', required: true },
            { path: 'lessons[].owner', required: true },
            { path: 'action_items[].success_criteria', required: true },
          ],
        },
      ],
    });
    const review = {
      ...complete,
      summary: { description: 'x', impact: '', duration: '' },
      lessons: [
        { lesson: 'a', owner: 'Team A' },
        { lesson: 'b', owner: null },
        { lesson: 'c', owner: 'Team C' },
        { lesson: 'd' },
      ],
      action_items: [],
    };
    expect(checkCompleteness(strict, review)).toEqual([
      { path: 'summary.impact', label: 'Impact' },
      { path: 'lessons[1].owner', label: 'Lesson owner' },
      { path: 'lessons[3].owner', label: 'Lesson owner' },
      { path: 'action_items', label: 'Success criteria' },
    ]);
  });
});

describe('isFilled', () => {
  it('treats blanks, empty lists and nulls as empty', () => {
    expect([null, undefined, '', ' ', [], [''], {}, { a: null }].map(isFilled)).toEqual(Array(8).fill(false));
    expect(['x', 0, false, ['x'], { a: 'x' }].map(isFilled)).toEqual(Array(5).fill(true));
  });
});
