import { z } from 'zod';
import type { Incident } from '../incidents/incident.schema.js';
import type { ReviewSettings } from '../settings/review-settings.js';
import { actionsFrom, ReviewAction } from './lifecycle/lifecycle.schema.js';
import { reviewDeadline } from './lifecycle/lifecycle.deadline.js';
import { Review, type ReviewDocument } from './review.schema.js';
import { selectTemplate } from './templates/template.select.js';
import type { ReviewTemplate } from './templates/template.schema.js';

export const ReviewDeadlineView = z.object({
  state: z.enum(['not_required', 'pending', 'overdue', 'done_on_time', 'done_late']),
  due_at: z.string().nullable(),
  time_to_review_business_days: z.number().nullable(),
  business_days_remaining: z.number().nullable(),
});

/**
 * A review as the API shows it: the stored review plus what the server derives on every read, namely the
 * template in force, the deadline (null until the incident is resolved) and the lifecycle actions allowed
 * from its status. The derived fields are read-only: a PUT ignores them.
 */
export const ReviewView = Review.extend({
  template_id: z.string(),
  deadline: ReviewDeadlineView.nullable(),
  available_actions: z.array(ReviewAction),
});
export type ReviewView = z.infer<typeof ReviewView>;

/** The fields of a ReviewView the server owns; a review read with GET may be PUT back with them. */
export const SERVER_OWNED_FIELDS: readonly string[] = [
  ...Object.keys(ReviewView.shape).filter((key) => !(key in Review.shape)),
  'id',
  'incident_id',
  'status',
  'created_by',
  'created_at',
  'updated_at',
  'published_at',
  'version',
  'submitted_by',
  'signoffs',
  'time_to_review_business_days',
];

/**
 * The template for an incident: by category and severity; drills and tests are matched by their kind, so
 * the drill template (no review due) applies whatever category they carry.
 */
export function templateFor(
  incident: Pick<Incident, 'category' | 'severity' | 'kind'>,
  templates: readonly ReviewTemplate[],
): ReviewTemplate {
  const category = incident.kind === 'incident' ? incident.category : incident.kind;
  return selectTemplate(templates, { category, severity: incident.severity });
}

/** Adds the derived fields to a stored review. */
export function presentReview(
  review: Review,
  incident: Pick<Incident, 'category' | 'severity' | 'kind' | 'timestamps'>,
  settings: ReviewSettings,
  now: Date,
): ReviewView {
  const template = templateFor(incident, settings.templates);
  const resolved = incident.timestamps.resolved;
  const deadline = resolved
    ? reviewDeadline({
        resolved_at: new Date(resolved),
        published_at: review.published_at ? new Date(review.published_at) : null,
        now,
        template,
        calendar: settings.calendar,
      })
    : null;
  return { ...review, template_id: template.id, deadline, available_actions: actionsFrom(review.status) };
}

/** The document part of a review, without the fields the server keeps about it. */
export function documentOf(review: Review): ReviewDocument {
  return {
    incident_ids: review.incident_ids,
    incident_date: review.incident_date,
    review_date: review.review_date,
    facilitator: review.facilitator,
    participants: review.participants,
    summary: review.summary,
    timeline: review.timeline,
    response_analysis: review.response_analysis,
    contributing_factors: review.contributing_factors,
    lessons: review.lessons,
    action_items: review.action_items,
  };
}
