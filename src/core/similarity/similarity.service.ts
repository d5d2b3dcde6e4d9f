import type { AuditLog } from '../audit/audit.ports.js';
import { authorize } from '../auth/policy.js';
import type { IncidentStore } from '../incidents/incident.ports.js';
import type { Actor } from '../shared/actor.js';
import type { Clock } from '../shared/clock.js';
import { invalid, notFound } from '../shared/errors.js';
import { parseInput } from '../shared/validation.js';
import { z } from 'zod';
import {
  occurredAtOf,
  RecurrenceDecisionInput,
  type RecurrenceLink,
  type RecurrenceStore,
} from './recurrence.js';
import type { SimilarityDocument } from './similarity.document.js';
import { findSimilar, type SimilarityCandidates } from './similarity.port.js';

/** A lesson of an earlier incident, shown as "seen before". */
export interface SeenBeforeLesson {
  lesson: string;
  priority: string;
  source: 'review' | 'lessons_database';
}

/** Earlier incidents sharing a signature with this one (repeat detection by signature). */
export interface SignatureMatch {
  incident_id: string;
  signature: string;
  occurred_at: string;
}

/**
 * What similarity needs of storage, bound to one viewer: candidates and documents are only incidents the
 * viewer may see.
 */
export interface SimilarityStore extends SimilarityCandidates {
  /** Brings derived terms up to date with incidents and reviews; returns how many were re-indexed. */
  refresh(): Promise<number>;
  documents(ids: readonly string[]): Promise<SimilarityDocument[]>;
  lessonsOf(ids: readonly string[]): Promise<Map<string, SeenBeforeLesson[]>>;
  /** Visible earlier incidents sharing a signature (configured fields), most recent first, at most `limit`. */
  sameSignature(incidentId: string, limit: number): Promise<SignatureMatch[]>;
}

export const SimilarQuery = z.strictObject({
  k: z.coerce.number().int().min(1).max(50).default(5),
});

export interface SimilarIncidentView {
  incident_id: string;
  title: string;
  occurred_at: string;
  score: number;
  components: { text: number; services: number; factors: number };
  explanation: { shared_terms: string[]; shared_services: string[]; shared_factor_categories: string[] };
  same_signature: boolean;
  /** The reviewer's decision on "this incident recurs that one", or null while undecided. */
  recurrence: 'confirmed' | 'rejected' | null;
  lessons: SeenBeforeLesson[];
}

export interface SimilarResult {
  incident_id: string;
  similar: SimilarIncidentView[];
  same_signature: SignatureMatch[];
}

export interface SimilarityServiceDeps {
  incidents: IncidentStore;
  similarity: (viewer: Actor) => SimilarityStore;
  recurrences: RecurrenceStore;
  clock: Clock;
  transaction: <T>(
    work: (stores: { incidents: IncidentStore; recurrences: RecurrenceStore; audit: AuditLog }) => Promise<T>,
  ) => Promise<T>;
}

/** "Seen before": similar and same-signature earlier incidents, and reviewers' recurrence decisions. */
export class SimilarityService {
  constructor(private readonly deps: SimilarityServiceDeps) {}

  /**
   * Top-k earlier incidents similar to `id` that the actor may see, with scores, why, their lessons and any
   * recurrence decision. An incident the actor may not see is `incident_not_found`, like a missing one.
   */
  async similar(actor: Actor, id: string, query: unknown): Promise<SimilarResult> {
    authorize(actor, 'incident:read');
    const { k } = parseInput(SimilarQuery, query ?? {}, 'similar query');
    const store = this.deps.similarity(actor);
    // Independent reads at once: the visibility check, bringing derived data up to date (which reveals
    // nothing), and the incident's own document (read through the same need-to-know rule).
    const [visible, , own] = await Promise.all([
      this.deps.incidents.findById(id, actor),
      store.refresh(),
      store.documents([id]),
    ]);
    const doc = own[0];
    if (!visible || !doc) throw notFound('incident', id);
    const [ranked, bySignature, decisions] = await Promise.all([
      findSimilar(store, doc, { k }),
      store.sameSignature(id, k),
      this.deps.recurrences.decisionsFor(id),
    ]);
    const ids = ranked.map((r) => r.id);
    const [docs, lessons] = await Promise.all([store.documents(ids), store.lessonsOf(ids)]);
    const docById = new Map(docs.map((d) => [d.id, d]));
    const signatureIds = new Set(bySignature.map((m) => m.incident_id));
    const decisionOf = new Map(decisions.map((d) => [d.recurs_incident_id, d.decision]));
    return {
      incident_id: id,
      similar: ranked.flatMap((r) => {
        const other = docById.get(r.id);
        if (!other) return [];
        return [
          {
            incident_id: r.id,
            title: other.title,
            occurred_at: other.occurred_at,
            score: r.score,
            components: r.components,
            explanation: r.explanation,
            same_signature: signatureIds.has(r.id),
            recurrence: decisionOf.get(r.id) ?? null,
            lessons: lessons.get(r.id) ?? [],
          },
        ];
      }),
      same_signature: bySignature,
    };
  }

  /**
   * A reviewer confirms or rejects that incident `id` recurs the earlier incident `of`. Confirmed links feed
   * the repeat incident rate. Both incidents must be visible to the reviewer and `of` must have happened
   * strictly earlier (`recurrence_not_earlier`); an incident cannot recur itself (`recurrence_self`).
   */
  async decide(actor: Actor, id: string, input: unknown): Promise<RecurrenceLink> {
    authorize(actor, 'review:approve');
    const data = parseInput(RecurrenceDecisionInput, input, 'recurrence decision');
    if (data.of === id) {
      throw invalid('recurrence_self', `an incident cannot recur itself (${id})`, [
        { path: 'of', problem: 'must name another, earlier incident' },
      ]);
    }
    const now = this.deps.clock.now().toISOString();
    return this.deps.transaction(async ({ incidents, recurrences, audit }) => {
      const later = await incidents.findById(id, actor);
      if (!later) throw notFound('incident', id);
      const earlier = await incidents.findById(data.of, actor);
      if (!earlier) throw notFound('incident', data.of);
      if (!(Date.parse(occurredAtOf(earlier)) < Date.parse(occurredAtOf(later)))) {
        throw invalid(
          'recurrence_not_earlier',
          `${data.of} did not happen before ${id}, so ${id} cannot recur it; link them the other way round`,
          [{ path: 'of', problem: 'must have happened before this incident' }],
        );
      }
      const link: RecurrenceLink = {
        incident_id: id,
        recurs_incident_id: data.of,
        decision: data.decision === 'confirm' ? 'confirmed' : 'rejected',
        decided_by: actor.id,
        decided_at: now,
      };
      const before = await recurrences.decide(link);
      await audit.append(
        actor,
        {
          entity_type: 'incident',
          entity_id: id,
          action: `recurrence_${data.decision}`,
          before: before ? { recurrence: before } : null,
          after: { recurrence: link },
        },
        now,
      );
      return link;
    });
  }
}
