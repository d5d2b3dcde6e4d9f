import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../calendar/calendar.schema.js';
import { DEFAULT_REVIEW_TEMPLATE, DRILL_TEMPLATE } from '../templates/template.standard.js';
import { reviewDeadline } from './lifecycle.deadline.js';

const calendar = WorkingCalendar.parse({
  time_zone: 'Europe/London',
  holidays: ['2024-12-25', '2024-12-26'],
});
const resolved_at = new Date('2024-12-20T15:00:00Z'); // Friday 15:00 GMT

describe('reviewDeadline', () => {
  it('is due five business days after resolution, skipping the weekend and holidays', () => {
    const pending = reviewDeadline({
      resolved_at,
      published_at: null,
      now: new Date('2024-12-23T15:00:00Z'),
      template: DEFAULT_REVIEW_TEMPLATE,
      calendar,
    });
    // Mon 23, Tue 24, Fri 27, Mon 30, Tue 31 → Tuesday 31 December 15:00.
    expect(pending).toEqual({
      state: 'pending',
      due_at: '2024-12-31T15:00:00.000Z',
      time_to_review_business_days: null,
      business_days_remaining: 4,
    });
  });

  it('is overdue past the due instant while unpublished', () => {
    const overdue = reviewDeadline({
      resolved_at,
      published_at: null,
      now: new Date('2025-01-02T03:00:00Z'),
      template: DEFAULT_REVIEW_TEMPLATE,
      calendar,
    });
    expect(overdue.state).toBe('overdue');
    // 9 h of Dec 31 + all of Jan 1 (not a holiday in this calendar) + 3 h of Jan 2.
    expect(overdue.business_days_remaining).toBe(-1.5);
  });

  it('records time to review in business days once published', () => {
    const onTime = reviewDeadline({
      resolved_at,
      published_at: new Date('2024-12-27T09:00:00Z'),
      now: new Date('2025-02-01T00:00:00Z'),
      template: DEFAULT_REVIEW_TEMPLATE,
      calendar,
    });
    expect(onTime).toMatchObject({ state: 'done_on_time', time_to_review_business_days: 2.75 });
    const late = reviewDeadline({
      resolved_at,
      published_at: new Date('2025-01-03T15:00:00Z'),
      now: new Date('2025-02-01T00:00:00Z'),
      template: DEFAULT_REVIEW_TEMPLATE,
      calendar,
    });
    expect(late).toMatchObject({ state: 'done_late', time_to_review_business_days: 8 });
  });

  it('needs no review for drills', () => {
    const drill = reviewDeadline({
      resolved_at,
      published_at: null,
      now: resolved_at,
      template: DRILL_TEMPLATE,
      calendar,
    });
    expect(drill).toEqual({
      state: 'not_required',
      due_at: null,
      time_to_review_business_days: null,
      business_days_remaining: null,
    });
  });
});
