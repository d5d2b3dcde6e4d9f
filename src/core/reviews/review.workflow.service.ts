import { z } from 'zod';
import { authorize } from '../auth/policy.js';
import { businessDaysBetween } from '../calendar/calendar.business-days.js';
import type { Incident } from '../incidents/incident.schema.js';
import { loadReviewSettings, type ReviewSettings } from '../settings/review-settings.js';
import type { Actor } from '../shared/actor.js';
import type { Clock } from '../shared/clock.js';
import { parseInput } from '../shared/validation.js';
import type { BlamelessFinding } from './blameless/blameless.finding.js';
import { assessReview } from './lifecycle/lifecycle.assess.js';
import { ReviewAction } from './lifecycle/lifecycle.schema.js';
import { applyTransition, type TransitionResult } from './lifecycle/lifecycle.transition.js';
import { checkVersion, loadReview, type ReviewStores, type ReviewTransaction } from './review.context.js';
import { lessonRecordFrom } from './review.lesson-record.js';
import type { ReviewTransitionChange } from './review.ports.js';
import type { Review } from './review.schema.js';
import { documentOf, presentReview, templateFor, type ReviewView } from './review.view.js';

export const TransitionRequest = z.strictObject({ action: ReviewAction });

export interface ReviewWorkflowDeps {
  clock: Clock;
  transaction: ReviewTransaction;
}

/**
 * Moves reviews through their lifecycle (submit, request changes, approve, publish, reopen) under the
 * template selected for the incident. Each transition stores a sign-off and an audit record; publishing
 * records the time to review in business days and derives the incident's lessons-learned record.
 */
export class ReviewWorkflowService {
  constructor(private readonly deps: ReviewWorkflowDeps) {}

  /**
   * Applies `{ action }` to the review of an incident. Refusals: `permission_denied` (viewers),
   * `role_required`, `invalid_transition` (e.g. publishing a draft), `self_approval_forbidden`,
   * `review_incomplete`, `blameful_language` (templates that block), `version_conflict` (stale If-Match).
   */
  async transition(
    actor: Actor,
    incidentId: string,
    input: unknown,
    expectedVersion?: number,
  ): Promise<{ review: ReviewView; warnings: BlamelessFinding[] }> {
    authorize(actor, 'review:write');
    const { action } = parseInput(TransitionRequest, input, 'transition');
    const now = this.deps.clock.now();
    const at = now.toISOString();
    return this.deps.transaction(async (stores) => {
      const { incident, review } = await loadReview(stores, actor, incidentId);
      checkVersion(review, expectedVersion);
      const settings = await loadReviewSettings(stores.settings);
      const template = templateFor(incident, settings.templates);
      const result = applyTransition(
        { status: review.status, author_id: review.created_by, submitted_by: review.submitted_by },
        action,
        actor,
        template,
        assessReview(template, documentOf(review)),
        now,
      );
      const change = changeFor(review, incident, result, settings, now);
      const next = await stores.reviews.transition(review.id, review.version, change, result.signoff);
      await stores.audit.append(
        actor,
        {
          entity_type: 'review',
          entity_id: incidentId,
          action,
          before: {
            status: review.status,
            submitted_by: review.submitted_by,
            published_at: review.published_at,
          },
          after: { ...change, signoff: result.signoff },
        },
        at,
      );
      if (result.status === 'published') await publishLessons(stores, actor, incident, next, now, settings);
      return { review: presentReview(next, incident, settings, now), warnings: result.warnings };
    });
  }
}

/**
 * Publication sets `published_at` and, the first time, the time to review (business days from the
 * incident's resolution in the configured calendar; null while the incident has no resolved time). A
 * reopen clears `published_at` but keeps the first time to review: timeliness is about the first
 * publication, not later corrections.
 */
function changeFor(
  review: Review,
  incident: Incident,
  result: TransitionResult,
  settings: ReviewSettings,
  now: Date,
): ReviewTransitionChange {
  const publishing = result.status === 'published';
  const resolved = incident.timestamps.resolved;
  const firstTime =
    publishing && review.time_to_review_business_days === null && resolved
      ? businessDaysBetween(new Date(resolved), now, settings.calendar)
      : review.time_to_review_business_days;
  return {
    status: result.status,
    submitted_by: result.submitted_by,
    published_at: publishing ? now.toISOString() : null,
    time_to_review_business_days: firstTime,
    at: now.toISOString(),
  };
}

async function publishLessons(
  stores: ReviewStores,
  actor: Actor,
  incident: Incident,
  review: Review,
  now: Date,
  settings: ReviewSettings,
): Promise<void> {
  const at = now.toISOString();
  const record = lessonRecordFrom(incident, review, now, settings.calendar.time_zone);
  const before = await stores.lessons.findByIncident(incident.id, actor);
  await stores.lessons.upsert(record, at, actor.id);
  await stores.audit.append(
    actor,
    {
      entity_type: 'lesson',
      entity_id: incident.id,
      action: 'derive_from_review',
      before: before?.record ?? null,
      after: record,
    },
    at,
  );
}
