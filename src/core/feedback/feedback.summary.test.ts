import { describe, expect, it } from 'vitest';
import { escapeInline } from '../reports/report.escape.js';
import { feedbackHtml, feedbackMarkdown, summarise } from './feedback.summary.js';
import type { StoredFeedback } from './feedback.schema.js';

const answer = (overrides: Partial<StoredFeedback>): StoredFeedback => ({
  id: 'f',
  incident_id: 'INC-2024-0001',
  participant: null,
  response_rating: 5,
  improvement_rating: 5,
  went_well: '',
  to_improve: '',
  submitted_on: '2024-01-20',
  ...overrides,
});

describe('feedback summary', () => {
  const list = [
    answer({ id: 'a', went_well: 'Fast rollback', to_improve: '<script>alert(1)</script>' }),
    answer({ id: 'b', participant: 'bob', to_improve: 'Page the *database* team' }),
  ];
  const aggregate = {
    responses: 2,
    anonymous: 1,
    mean_response_rating: 7.25,
    mean_improvement_rating: 6.666,
  };

  it('rounds the means to one decimal and keeps only non-empty answers, without identities', () => {
    expect(summarise('INC-2024-0001', aggregate, list, 5)).toEqual({
      incident_id: 'INC-2024-0001',
      requested: 5,
      responses: 2,
      anonymous: 1,
      mean_response_rating: 7.3,
      mean_improvement_rating: 6.7,
      went_well: ['Fast rollback'],
      to_improve: ['<script>alert(1)</script>', 'Page the *database* team'],
    });
    const none = summarise(
      'INC-2024-0001',
      { responses: 0, anonymous: 0, mean_response_rating: null, mean_improvement_rating: null },
      [],
      3,
    );
    expect([none.mean_response_rating, none.went_well]).toEqual([null, []]);
  });

  it('renders Markdown and HTML with every answer escaped', () => {
    const summary = summarise('INC-2024-0001', aggregate, list, 5);
    const md = feedbackMarkdown(summary, escapeInline);
    expect(md).toContain('2 of 5 participants answered (1 anonymously).');
    expect(md).toContain('- Improvement effectiveness: 6.7 / 10');
    expect(md).toContain('- Page the \\*database\\* team');
    const html = feedbackHtml(summary);
    expect(html).toContain('<li>&lt;script&gt;alert(1)&lt;/script&gt;</li>');
    expect(html).not.toContain('<script>');
  });
});
