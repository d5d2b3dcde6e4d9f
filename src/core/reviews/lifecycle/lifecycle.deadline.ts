import { addBusinessDays, businessDaysBetween } from '../../calendar/calendar.business-days.js';
import type { WorkingCalendar } from '../../calendar/calendar.schema.js';
import type { ReviewTemplate } from '../templates/template.schema.js';

export type DeadlineState = 'not_required' | 'pending' | 'overdue' | 'done_on_time' | 'done_late';

export interface ReviewDeadline {
  state: DeadlineState;
  /** ISO instant the review is due; null when the template needs no review. */
  due_at: string | null;
  /** Business days from resolution to publication (time to review); null until published. */
  time_to_review_business_days: number | null;
  /** Business days left until due (negative once overdue); null when published or not required. */
  business_days_remaining: number | null;
}

/**
 * When a review is due and where it stands: due `review_due_business_days` working days after the incident
 * was resolved (see addBusinessDays for the calendar conventions), overdue while unpublished past that
 * instant, and time to review measured in business days once published.
 * @example reviewDeadline({ resolved_at, published_at: null, now: clock.now(), template, calendar }).state // 'pending'
 */
export function reviewDeadline(input: {
  resolved_at: Date;
  published_at: Date | null;
  now: Date;
  template: Pick<ReviewTemplate, 'requires_review' | 'review_due_business_days'>;
  calendar: WorkingCalendar;
}): ReviewDeadline {
  const { resolved_at, published_at, now, template, calendar } = input;
  const timeToReview = published_at ? businessDaysBetween(resolved_at, published_at, calendar) : null;
  if (!template.requires_review) {
    return {
      state: 'not_required',
      due_at: null,
      time_to_review_business_days: timeToReview,
      business_days_remaining: null,
    };
  }
  const due = addBusinessDays(resolved_at, template.review_due_business_days, calendar);
  if (published_at) {
    return {
      state: published_at.getTime() <= due.getTime() ? 'done_on_time' : 'done_late',
      due_at: due.toISOString(),
      time_to_review_business_days: timeToReview,
      business_days_remaining: null,
    };
  }
  return {
    state: now.getTime() > due.getTime() ? 'overdue' : 'pending',
    due_at: due.toISOString(),
    time_to_review_business_days: null,
    business_days_remaining: businessDaysBetween(now, due, calendar),
  };
}
