import { describe, expect, it } from 'vitest';
import { DEFAULT_REVIEW_TEMPLATE, DRILL_TEMPLATE } from './template.standard.js';

describe('DEFAULT_REVIEW_TEMPLATE (SEC10-BP08 Best Practice 2)', () => {
  it('takes its name from the seed and applies to every incident with the default settings', () => {
    expect(DEFAULT_REVIEW_TEMPLATE).toMatchObject({
      id: 'standard',
      name: 'Standard Post-Incident Review Template',
      applies_to: { categories: [], severities: [] },
      requires_review: true,
      review_due_business_days: 5,
      forbid_self_approval: true,
      blameless: 'warn',
    });
  });

  it('maps the seed sections and fields onto review document paths', () => {
    const layout = DEFAULT_REVIEW_TEMPLATE.sections.map((s) => [s.id, s.title, s.fields.map((f) => f.path)]);
    expect(layout).toEqual([
      ['metadata', 'Metadata', ['incident_ids', 'review_date', 'facilitator', 'participants']],
      ['incident_overview', 'Incident overview', ['summary.description', 'summary.impact', 'timeline']],
      [
        'analysis',
        'Analysis',
        ['response_analysis.what_went_well', 'response_analysis.what_could_improve', 'contributing_factors'],
      ],
      [
        'lessons_learned',
        'Lessons learned',
        ['lessons[].lesson', 'lessons[].category', 'lessons[].priority'],
      ],
      [
        'action_items',
        'Action items',
        [
          'action_items[].action',
          'action_items[].owner',
          'action_items[].due_date',
          'action_items[].success_criteria',
        ],
      ],
    ]);
  });

  it('makes the "Required" markers required and keeps the other strings as prompts', () => {
    const fields = DEFAULT_REVIEW_TEMPLATE.sections.flatMap((s) => s.fields);
    expect(fields.filter((f) => f.required).map((f) => f.path)).toEqual([
      'incident_ids',
      'review_date',
      'facilitator',
      'participants',
    ]);
    expect(fields.find((f) => f.path === 'summary.impact')).toEqual({
      path: 'summary.impact',
      label: 'Impact',
      prompt: 'What was the business/technical impact?',
      required: false,
    });
    expect(fields.find((f) => f.path === 'incident_ids')).toMatchObject({
      label: 'Incident IDs',
      prompt: 'Which incidents does this review cover?',
    });
  });
});

describe('DRILL_TEMPLATE', () => {
  it('needs no review and requires nothing', () => {
    expect(DRILL_TEMPLATE.requires_review).toBe(false);
    expect(DRILL_TEMPLATE.applies_to.categories).toContain('drill');
    expect(DRILL_TEMPLATE.sections.flatMap((s) => s.fields).some((f) => f.required)).toBe(false);
  });
});
