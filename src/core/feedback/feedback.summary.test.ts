import { describe, expect, it } from 'vitest';
import { feedbackMarkdown } from '../reports/report.feedback.js';
import { median, summarise } from './feedback.summary.js';
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
      median_response_rating: 5,
      median_improvement_rating: 5,
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

  it('takes the median of the ratings: the middle one, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([9, 2, 8])).toBe(8);
    expect(median([10, 1, 7, 4])).toBe(5.5);
  });

  it('renders the report section with n, median and mean and every answer escaped', () => {
    const rated = [
      answer({ id: 'a', response_rating: 2, improvement_rating: 4, went_well: 'Fast rollback' }),
      answer({ id: 'b', response_rating: 8, improvement_rating: 6, to_improve: 'Page the *database* team' }),
      answer({ id: 'c', response_rating: 9, improvement_rating: 10, to_improve: '<script>x</script>' }),
    ];
    const three = {
      responses: 3,
      anonymous: 2,
      mean_response_rating: 19 / 3,
      mean_improvement_rating: 20 / 3,
    };
    const md = feedbackMarkdown(summarise('INC-2024-0001', three, rated, 5)).join('\n');
    expect(md).toContain('3 of 5 participants answered (2 anonymously).');
    expect(md).toContain('| Response | 3 | 8 | 6\\.3 |');
    expect(md).toContain('| Improvement effectiveness | 3 | 6 | 6\\.7 |');
    expect(md).toContain('- Page the \\*database\\* team');
    expect(md).toContain('- \\<script\\>x\\<\\/script\\>');
  });
});
