import { addBusinessDays } from '../calendar/calendar.business-days.js';
import type { WorkingCalendar } from '../calendar/calendar.schema.js';
import type { ReviewMessageData } from '../notifications/notification.data.js';
import { renderMessage } from '../notifications/notification.render.js';
import type { Notification, RecipientDirectory } from '../notifications/notification.schema.js';
import { defaultReminderSettings } from '../notifications/reminder.planner.js';
import { recipientRef, resolveRecipient } from '../notifications/recipient.resolve.js';
import type { NotifySettings } from './notify.ports.js';
import type { ReviewWorkflowSettings } from './review-workflow.settings.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * When the review meets and when feedback is due (SEC10-BP08 Example 1): the review
 * `review_after_business_days` working days after resolution, feedback `feedback_deadline_days` calendar
 * days after the request.
 * @example scheduleTimes(new Date('2024-01-12T16:00:00Z'), now, settings, calendar).review_at // Tuesday 16:00, over the weekend
 */
export function scheduleTimes(
  resolvedAt: Date,
  now: Date,
  settings: ReviewWorkflowSettings,
  calendar: WorkingCalendar,
): { review_at: Date; feedback_deadline: Date } {
  return {
    review_at: addBusinessDays(resolvedAt, settings.review_after_business_days, calendar),
    feedback_deadline: feedbackDeadline(now, settings),
  };
}

/** The feedback deadline of a request made at `now`. */
export function feedbackDeadline(now: Date, settings: ReviewWorkflowSettings): Date {
  return new Date(now.getTime() + settings.feedback_deadline_days * DAY_MS);
}

/**
 * Which reminder period `now` falls in: null before the review meeting, then 0, 1, 2, ... every
 * `reminder_every_days` days. One reminder per period and participant, keyed by the period, so however
 * often the job runs (and on however many instances) each goes out once, until the review is published.
 */
export function reminderPeriod(reviewAt: Date, now: Date, settings: ReviewWorkflowSettings): number | null {
  const since = now.getTime() - reviewAt.getTime();
  if (since < 0) return null;
  return Math.floor(since / (settings.reminder_every_days * DAY_MS));
}

export type ReviewOccasion = 'scheduled' | 'feedback' | `reminder:${number}` | 'published';

const KIND_OF: Record<string, Notification['kind']> = {
  scheduled: 'review_scheduled',
  feedback: 'feedback_requested',
  reminder: 'review_reminder',
  published: 'review_published',
};

/** A public link: the configured base (if any) and a path. */
export const linkTo = (notify: NotifySettings, path: string): string =>
  `${(notify.link_base ?? '').replace(/\/+$/, '')}${path}`;

/**
 * The notifications of one review occasion for one participant (by username), one per channel they
 * hear on. Keys: `review:INC-2024-0042:<occasion>:user:<username>:<channel>`. Review messages are sent
 * even to digest readers: an invitation or a feedback link must not wait a day.
 */
export function reviewNotifications(
  occasion: ReviewOccasion,
  participant: string,
  data: ReviewMessageData,
  directory: RecipientDirectory,
  notify: NotifySettings,
  now: Date,
): Notification[] {
  const kind = KIND_OF[occasion.split(':')[0] ?? ''] ?? 'review_reminder';
  const to = resolveRecipient(
    { kind: 'user', id: participant },
    directory,
    notify.default_channels ?? defaultReminderSettings.default_channels,
  );
  const { subject, text } = renderMessage(kind, data);
  return to.channels.map((channel) => ({
    key: `review:${data.incident_id}:${occasion}:${recipientRef(to.recipient)}:${channel}`,
    kind,
    recipient: to.recipient,
    channel,
    subject,
    text,
    data: { ...data },
    not_before: now.toISOString(),
  }));
}
