import type { AuditLog } from '../audit/audit.ports.js';
import type { IncidentStore } from '../incidents/incident.ports.js';
import type { Incident } from '../incidents/incident.schema.js';
import type { LessonStore } from '../lessons/lesson.ports.js';
import type { SettingsStore } from '../settings/settings.ports.js';
import type { Actor } from '../shared/actor.js';
import { conflict, notFound } from '../shared/errors.js';
import type { AnalysisStore, ReviewStore } from './review.ports.js';
import type { Review } from './review.schema.js';
import type { EvidenceStore } from '../evidence/evidence.store.js';

/** The stores review work touches, bound to one transaction (or to the database for reads). */
export interface ReviewStores {
  reviews: ReviewStore;
  incidents: IncidentStore;
  analyses: AnalysisStore;
  settings: SettingsStore;
  lessons: LessonStore;
  audit: AuditLog;
  evidence: Pick<EvidenceStore, 'existingIds'>;
}

export type ReviewTransaction = <T>(work: (stores: ReviewStores) => Promise<T>) => Promise<T>;

/**
 * The incident and its review as the actor may see them. A restricted incident the actor may not see is
 * `incident_not_found`, exactly like one that does not exist.
 */
export async function loadReview(
  stores: Pick<ReviewStores, 'reviews' | 'incidents'>,
  actor: Actor,
  incidentId: string,
): Promise<{ incident: Incident; review: Review }> {
  const incident = await stores.incidents.findById(incidentId, actor);
  if (!incident) throw notFound('incident', incidentId);
  const review = await stores.reviews.findByIncident(incidentId, actor);
  if (!review) throw notFound('review', incidentId);
  return { incident, review };
}

/** Refuses a stale If-Match with the versions involved. */
export function checkVersion(review: Review, expectedVersion: number | undefined): void {
  if (expectedVersion !== undefined && expectedVersion !== review.version) {
    throw conflict(
      'version_conflict',
      `the review of ${review.incident_id} was changed by someone else (you had version ${expectedVersion}, it is now ${review.version}); reload and retry`,
    );
  }
}

/** Approved and published reviews are signed off: changing them needs a reopen first. */
export function checkEditable(review: Review): void {
  if (review.status === 'approved' || review.status === 'published') {
    throw conflict(
      'review_locked',
      `the review of ${review.incident_id} is ${review.status === 'approved' ? 'approved' : 'published'}; reopen it to change it`,
    );
  }
}
