import type { AuditLog } from '../audit/audit.ports.js';
import { authorize } from '../auth/policy.js';
import type { Actor } from '../shared/actor.js';
import type { Clock } from '../shared/clock.js';
import { conflict, invalid, notFound } from '../shared/errors.js';
import { parseInput } from '../shared/validation.js';
import type { IncidentStore } from '../incidents/incident.ports.js';
import type { ReviewStore } from './review.ports.js';
import { ReviewDocument, type Review } from './review.schema.js';

export interface ReviewServiceDeps {
  reviews: ReviewStore;
  incidents: IncidentStore;
  clock: Clock;
  transaction: <T>(
    work: (stores: { reviews: ReviewStore; incidents: IncidentStore; audit: AuditLog }) => Promise<T>,
  ) => Promise<T>;
}

/** Post-incident reviews: one per incident it is filed under, possibly covering several incidents. */
export class ReviewService {
  constructor(private readonly deps: ReviewServiceDeps) {}

  async get(actor: Actor, incidentId: string): Promise<Review> {
    authorize(actor, 'incident:read');
    if (!(await this.deps.incidents.findById(incidentId, actor))) throw notFound('incident', incidentId);
    const review = await this.deps.reviews.findByIncident(incidentId, actor);
    if (!review) throw notFound('review', incidentId);
    return review;
  }

  /**
   * Writes the whole review of an incident, creating it on first write. `expectedVersion` (If-Match)
   * turns a concurrent edit into `version_conflict` instead of a silent overwrite.
   */
  async put(
    actor: Actor,
    incidentId: string,
    input: unknown,
    expectedVersion?: number,
  ): Promise<{ review: Review; created: boolean }> {
    authorize(actor, 'review:write');
    const document = parseInput(ReviewDocument, withoutReadOnlyFields(input), 'review');
    const covered = normaliseIncidentIds(incidentId, document.incident_ids);
    const at = this.deps.clock.now().toISOString();
    return this.deps.transaction(async ({ reviews, incidents, audit }) => {
      for (const [i, id] of covered.entries()) {
        if (!(await incidents.findById(id, actor))) {
          if (i === 0) throw notFound('incident', id);
          throw invalid('unknown_incident', `the review covers ${id}, which does not exist`, [
            { path: `incident_ids[${i}]`, problem: `incident ${id} does not exist` },
          ]);
        }
      }
      const next = { ...document, incident_ids: covered };
      const existing = await reviews.findByIncident(incidentId, actor);
      if (!existing) {
        if (expectedVersion !== undefined) {
          throw conflict(
            'version_conflict',
            `the review of ${incidentId} does not exist yet; write it without If-Match`,
          );
        }
        const review = await reviews.insert({
          incident_id: incidentId,
          document: next,
          status: 'draft',
          created_by: actor.id,
          created_at: at,
        });
        const entry = { entity_type: 'review' as const, entity_id: incidentId, action: 'create' };
        await audit.append(actor, { ...entry, before: null, after: review }, at);
        return { review, created: true };
      }
      if (expectedVersion !== undefined && expectedVersion !== existing.version) {
        throw conflict(
          'version_conflict',
          `the review of ${incidentId} was changed by someone else (you had version ${expectedVersion}, it is now ${existing.version}); reload and retry`,
        );
      }
      const review = await reviews.replace(existing.id, existing.version, next, at);
      const entry = { entity_type: 'review' as const, entity_id: incidentId, action: 'update' };
      await audit.append(actor, { ...entry, before: existing, after: review }, at);
      return { review, created: false };
    });
  }
}

/** The incident the review is filed under comes first; duplicates are dropped. */
function normaliseIncidentIds(incidentId: string, ids: readonly string[]): string[] {
  return [incidentId, ...ids.filter((id) => id !== incidentId)].filter((id, i, all) => all.indexOf(id) === i);
}

const READ_ONLY_FIELDS = [
  'id',
  'incident_id',
  'status',
  'created_by',
  'created_at',
  'updated_at',
  'published_at',
  'version',
];

/** A review read with GET can be edited and PUT back: the fields the server owns are ignored, not refused. */
function withoutReadOnlyFields(input: unknown): unknown {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return input;
  return Object.fromEntries(Object.entries(input).filter(([key]) => !READ_ONLY_FIELDS.includes(key)));
}
