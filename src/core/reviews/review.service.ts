import { authorize } from '../auth/policy.js';
import type { BlamelessFinding } from './blameless/blameless.finding.js';
import { checkBlamelessLanguage } from './blameless/blameless.check.js';
import { loadReviewSettings } from '../settings/review-settings.js';
import type { Actor } from '../shared/actor.js';
import type { Clock } from '../shared/clock.js';
import { conflict, invalid, notFound } from '../shared/errors.js';
import { parseInput } from '../shared/validation.js';
import {
  checkEditable,
  checkVersion,
  loadReview,
  type ReviewStores,
  type ReviewTransaction,
} from './review.context.js';
import { lintReview, type ReviewLint } from './review.lint.js';
import { ReviewDocument } from './review.schema.js';
import { parseReviewYaml } from './review.yaml.js';
import type { EvidenceStore } from '../evidence/evidence.store.js';
import {
  documentOf,
  presentReview,
  SERVER_OWNED_FIELDS,
  templateFor,
  type ReviewView,
} from './review.view.js';

export interface ReviewServiceDeps {
  stores: Pick<ReviewStores, 'reviews' | 'incidents' | 'settings'>;
  clock: Clock;
  transaction: ReviewTransaction;
}

/** Post-incident reviews: one per incident it is filed under, possibly covering several incidents. */
export class ReviewService {
  constructor(private readonly deps: ReviewServiceDeps) {}

  /** The review with its sign-offs, template, deadline (due/overdue) and allowed actions. */
  async get(actor: Actor, incidentId: string): Promise<ReviewView> {
    authorize(actor, 'incident:read');
    const { incident, review } = await loadReview(this.deps.stores, actor, incidentId);
    const settings = await loadReviewSettings(this.deps.stores.settings);
    return presentReview(review, incident, settings, this.deps.clock.now());
  }

  /** Blameless-language warnings and missing required fields of the stored review, under its template. */
  async lint(actor: Actor, incidentId: string): Promise<ReviewLint> {
    authorize(actor, 'incident:read');
    const { incident, review } = await loadReview(this.deps.stores, actor, incidentId);
    const { templates } = await loadReviewSettings(this.deps.stores.settings);
    return lintReview(documentOf(review), templateFor(incident, templates));
  }

  /**
   * Writes the review from SEC10-BP08's Step 1 YAML (`incident_review:`) or a review document in YAML, as
   * `put` does. Bad YAML is refused naming the line, a bad field naming the field; nothing is written.
   */
  async putYaml(
    actor: Actor,
    incidentId: string,
    text: string,
    expectedVersion?: number,
  ): Promise<{ review: ReviewView; created: boolean; warnings: BlamelessFinding[] }> {
    authorize(actor, 'review:write');
    return this.put(actor, incidentId, parseReviewYaml(text, { incidentId }), expectedVersion);
  }

  /**
   * Writes the whole review of an incident, creating it on first write. `expectedVersion` (If-Match)
   * turns a concurrent edit into `version_conflict` instead of a silent overwrite. Approved and published
   * reviews are refused (`review_locked`) until reopened. Returns the blameless-language warnings of the
   * saved document: advice, never a reason to refuse the save.
   */
  async put(
    actor: Actor,
    incidentId: string,
    input: unknown,
    expectedVersion?: number,
  ): Promise<{ review: ReviewView; created: boolean; warnings: BlamelessFinding[] }> {
    authorize(actor, 'review:write');
    const document = parseInput(ReviewDocument, withoutServerOwnedFields(input), 'review');
    const covered = normaliseIncidentIds(incidentId, document.incident_ids);
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const warnings = checkBlamelessLanguage(document);
    return this.deps.transaction(async ({ reviews, incidents, audit, settings, evidence }) => {
      const incident = await incidents.findById(incidentId, actor);
      if (!incident) throw notFound('incident', incidentId);
      for (const [i, id] of covered.entries()) {
        if (i > 0 && !(await incidents.findById(id, actor))) {
          throw invalid('unknown_incident', `the review covers ${id}, which does not exist`, [
            { path: `incident_ids[${i}]`, problem: `incident ${id} does not exist` },
          ]);
        }
      }
      await checkEvidenceLinks(document, covered, evidence);
      const next = { ...document, incident_ids: covered };
      const present = async (review: Parameters<typeof presentReview>[0]) =>
        presentReview(review, incident, await loadReviewSettings(settings), now);
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
        return { review: await present(review), created: true, warnings };
      }
      checkVersion(existing, expectedVersion);
      checkEditable(existing);
      const review = await reviews.replace(existing.id, existing.version, next, at);
      const entry = { entity_type: 'review' as const, entity_id: incidentId, action: 'update' };
      await audit.append(actor, { ...entry, before: existing, after: review }, at);
      return { review: await present(review), created: false, warnings };
    });
  }
}

/** A factor may cite only evidence of the incidents the review covers; every unknown id is named. */
async function checkEvidenceLinks(
  document: ReviewDocument,
  covered: readonly string[],
  evidence: Pick<EvidenceStore, 'existingIds'>,
): Promise<void> {
  const cited = document.contributing_factors.flatMap((f) => f.evidence_ids);
  if (cited.length === 0) return;
  const known = await evidence.existingIds(covered, [...new Set(cited)]);
  const problems = document.contributing_factors.flatMap((factor, f) =>
    factor.evidence_ids
      .map((id, e) => ({ id, e }))
      .filter(({ id }) => !known.has(id))
      .map(({ id, e }) => ({
        path: `contributing_factors[${f}].evidence_ids[${e}]`,
        problem: `evidence ${id} is not evidence of ${covered.join(', ')}`,
      })),
  );
  if (problems.length > 0) {
    throw invalid(
      'unknown_evidence',
      'a contributing factor cites evidence the review does not cover',
      problems,
    );
  }
}

/** The incident the review is filed under comes first; duplicates are dropped. */
function normaliseIncidentIds(incidentId: string, ids: readonly string[]): string[] {
  return [incidentId, ...ids.filter((id) => id !== incidentId)].filter((id, i, all) => all.indexOf(id) === i);
}

/** A review read with GET can be edited and PUT back: the fields the server owns are ignored, not refused. */
function withoutServerOwnedFields(input: unknown): unknown {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return input;
  return Object.fromEntries(Object.entries(input).filter(([key]) => !SERVER_OWNED_FIELDS.includes(key)));
}
