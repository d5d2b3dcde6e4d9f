import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKING_CALENDAR } from '../calendar/calendar.schema.js';
import { BUILT_IN_TEMPLATES } from './templates/template.standard.js';
import { ReviewDocument, type Review } from './review.schema.js';
import { documentOf, presentReview, SERVER_OWNED_FIELDS, templateFor } from './review.view.js';

const settings = { calendar: DEFAULT_WORKING_CALENDAR, templates: [...BUILT_IN_TEMPLATES] };
const review: Review = {
  ...ReviewDocument.parse({ participants: ['Sam'] }),
  id: 'REV-1',
  incident_id: 'INC-2024-0001',
  status: 'in_review',
  created_by: 'u',
  created_at: '2024-01-16T00:00:00.000Z',
  updated_at: '2024-01-16T00:00:00.000Z',
  published_at: null,
  version: 2,
  submitted_by: 'u',
  signoffs: [],
  time_to_review_business_days: null,
};
const none = {
  impact_started: null,
  first_indicator: null,
  detected: null,
  declared: null,
  acknowledged: null,
  first_action: null,
  contained: null,
  mitigated: null,
  recovered: null,
};

describe('presentReview', () => {
  it('shows no deadline until the incident is resolved', () => {
    const view = presentReview(
      review,
      { category: 'Network', severity: 'High', kind: 'incident', timestamps: { ...none, resolved: null } },
      settings,
      new Date('2024-01-17T00:00:00Z'),
    );
    expect(view).toMatchObject({
      template_id: 'standard',
      deadline: null,
      available_actions: ['request_changes', 'approve'],
    });
  });

  it('selects the drill template for drills whatever their category, so no review is due', () => {
    const incident = {
      category: 'Network',
      severity: 'Low' as const,
      kind: 'drill' as const,
      timestamps: { ...none, resolved: '2024-01-12T17:00:00.000Z' },
    };
    expect(templateFor(incident, settings.templates).id).toBe('drill');
    expect(
      presentReview(review, incident, settings, new Date('2024-03-01T00:00:00Z')).deadline,
    ).toMatchObject({
      state: 'not_required',
      due_at: null,
    });
  });

  it('splits a review into its document and the fields the server owns', () => {
    const document = documentOf(review);
    expect(Object.keys(document).sort()).toEqual(Object.keys(ReviewDocument.shape).sort());
    for (const field of SERVER_OWNED_FIELDS) expect(Object.keys(ReviewDocument.shape)).not.toContain(field);
    expect(SERVER_OWNED_FIELDS).toEqual(
      expect.arrayContaining(['signoffs', 'deadline', 'template_id', 'version']),
    );
  });
});
