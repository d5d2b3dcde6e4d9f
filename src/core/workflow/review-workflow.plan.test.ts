import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKING_CALENDAR, WorkingCalendar } from '../calendar/calendar.schema.js';
import { reminderPeriod, reviewNotifications, scheduleTimes } from './review-workflow.plan.js';
import { ReviewWorkflowSettings } from './review-workflow.settings.js';

const settings = ReviewWorkflowSettings.parse({});

describe('review workflow timing', () => {
  it('schedules the review two business days after resolution, over weekends and holidays', () => {
    const now = new Date('2024-01-19T17:00:00Z');
    expect(scheduleTimes(new Date('2024-01-19T16:00:00Z'), now, settings, DEFAULT_WORKING_CALENDAR)).toEqual({
      review_at: new Date('2024-01-23T16:00:00.000Z'),
      feedback_deadline: new Date('2024-01-22T17:00:00.000Z'),
    });
    const holiday = WorkingCalendar.parse({ holidays: ['2024-01-22'] });
    expect(scheduleTimes(new Date('2024-01-19T16:00:00Z'), now, settings, holiday).review_at).toEqual(
      new Date('2024-01-24T16:00:00.000Z'),
    );
  });

  it('counts reminder periods from the review, one per configured number of days', () => {
    const review = new Date('2024-01-23T16:00:00Z');
    expect(reminderPeriod(review, new Date('2024-01-23T15:59:59Z'), settings)).toBeNull();
    expect(reminderPeriod(review, new Date('2024-01-23T16:00:00Z'), settings)).toBe(0);
    expect(reminderPeriod(review, new Date('2024-01-24T15:59:59Z'), settings)).toBe(0);
    expect(reminderPeriod(review, new Date('2024-01-24T16:00:00Z'), settings)).toBe(1);
    const everyThree = ReviewWorkflowSettings.parse({ reminder_every_days: 3 });
    expect(reminderPeriod(review, new Date('2024-01-29T16:00:00Z'), everyThree)).toBe(2);
  });

  it('addresses each participant on their channels with a key per occasion', () => {
    const data = { incident_id: 'INC-2024-0007', incident_title: 'Queue backlog', link: '/feedback/abc' };
    const directory = {
      users: { carol: { channels: ['webhook', 'email'] as ('webhook' | 'email')[], digest: true } },
      teams: {},
    };
    const sent = reviewNotifications(
      'reminder:2',
      'carol',
      data,
      directory,
      {},
      new Date('2024-01-25T16:00:00Z'),
    );
    expect(sent.map((n) => [n.key, n.kind, n.channel])).toEqual([
      ['review:INC-2024-0007:reminder:2:user:carol:webhook', 'review_reminder', 'webhook'],
      ['review:INC-2024-0007:reminder:2:user:carol:email', 'review_reminder', 'email'],
    ]);
    expect(sent[0]?.subject).toBe('[Hindsight] Reminder: the review of INC-2024-0007 is not yet published');
    const feedback = reviewNotifications('feedback', 'dan', data, { users: {}, teams: {} }, {}, new Date(0));
    expect(feedback.map((n) => [n.key, n.kind])).toEqual([
      ['review:INC-2024-0007:feedback:user:dan:email', 'feedback_requested'],
    ]);
  });
});
