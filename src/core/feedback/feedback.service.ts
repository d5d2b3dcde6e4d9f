import type { AuditLog } from '../audit/audit.ports.js';
import { authorize } from '../auth/policy.js';
import type { IncidentStore } from '../incidents/incident.ports.js';
import { systemActor, type Actor } from '../shared/actor.js';
import type { Clock } from '../shared/clock.js';
import { conflict, DomainError, notFound } from '../shared/errors.js';
import { parseInput } from '../shared/validation.js';
import type { FeedbackStore, TokenIssuer } from './feedback.ports.js';
import {
  FeedbackInput,
  type FeedbackRequest,
  type FeedbackRequestView,
  type FeedbackStatus,
  type FeedbackSummary,
  type StoredFeedback,
} from './feedback.schema.js';
import { summarise } from './feedback.summary.js';

export interface FeedbackStores {
  feedback: FeedbackStore;
  incidents: Pick<IncidentStore, 'findById'>;
  audit: AuditLog;
}

export interface FeedbackServiceDeps {
  /** For reads outside a transaction. */
  stores: Pick<FeedbackStores, 'feedback' | 'incidents'>;
  clock: Clock;
  tokens: TokenIssuer;
  /** Inside, use only the stores handed over: the embedded store has one connection. */
  transaction: <T>(work: (stores: FeedbackStores) => Promise<T>) => Promise<T>;
}

/**
 * Who feedback is recorded as in the audit trail: nobody in particular, named or anonymous alike, so the
 * trail cannot tell the named answers apart and so point at who answered anonymously.
 */
const PARTICIPANT: Actor = {
  id: 'participant',
  name: 'a participant',
  role: 'viewer',
  teamIds: [],
  via: 'system',
};

const invalidLink = () =>
  new DomainError(
    'not_found',
    'feedback_link_invalid',
    'this feedback link is not valid; ask the review owner for a new one',
  );

const alreadyGiven = () =>
  conflict(
    'feedback_already_given',
    'feedback was already given for this review; each participant answers once',
  );

/**
 * The status rows: everyone asked, and whoever answered by name without being asked (then `requested_at` is
 * null). `responded` comes from the named answers alone, so an anonymous answerer, asked or not, shows as
 * someone who has not answered (or not at all).
 */
function statusRows(
  requests: readonly FeedbackRequest[],
  list: readonly StoredFeedback[],
): FeedbackStatus['participants'] {
  const named = new Set(list.flatMap((f) => (f.participant === null ? [] : [f.participant])));
  return requests
    .filter((r) => r.invited || named.has(r.participant))
    .map((r) => ({
      participant: r.participant,
      requested_at: r.invited ? r.requested_at : null,
      responded: named.has(r.participant),
    }));
}

const pickCounts = (s: FeedbackSummary): FeedbackStatus['summary'] => ({
  requested: s.requested,
  responses: s.responses,
  anonymous: s.anonymous,
  mean_response_rating: s.mean_response_rating,
  mean_improvement_rating: s.mean_improvement_rating,
});

/**
 * Participant feedback (SEC10-BP08 Example 1): through the single-use link of a feedback request, without
 * an account, or signed in. Anonymous feedback keeps no identity in its row; no read path shows who gave
 * which answer (named ones included), and only a named answer marks its participant as having answered.
 */
export class FeedbackService {
  constructor(private readonly deps: FeedbackServiceDeps) {}

  /** What the feedback link shows: the incident, the deadline and whether it was already used. */
  async viewRequest(token: string): Promise<FeedbackRequestView> {
    const request = await this.deps.stores.feedback.findRequest(this.deps.tokens.hash(token));
    if (!request) throw invalidLink();
    const incident = await this.deps.stores.incidents.findById(request.incident_id, systemActor);
    if (!incident) throw invalidLink();
    return {
      incident_id: incident.id,
      incident_title: incident.title,
      deadline: request.deadline,
      submitted: request.responded,
    };
  }

  /** Answers through a feedback link; the link works once. */
  async submitWithToken(token: string, input: unknown): Promise<{ incident_id: string }> {
    const data = parseInput(FeedbackInput, input, 'feedback');
    const hash = this.deps.tokens.hash(token);
    return this.deps.transaction(async (stores) => {
      const request = await stores.feedback.findRequest(hash);
      if (!request) throw invalidLink();
      if (!(await stores.feedback.markResponded(hash))) throw alreadyGiven();
      await this.record(stores, request.incident_id, request.participant, data);
      return { incident_id: request.incident_id };
    });
  }

  /** Answers signed in, as a participant of an incident the actor may see; once per participant. */
  async submit(actor: Actor, incidentId: string, input: unknown): Promise<{ incident_id: string }> {
    authorize(actor, 'incident:read');
    const data = parseInput(FeedbackInput, input, 'feedback');
    const participant = actor.username ?? actor.id;
    const now = this.deps.clock.now();
    return this.deps.transaction(async (stores) => {
      if (!(await stores.incidents.findById(incidentId, actor))) throw notFound('incident', incidentId);
      const existing = (await stores.feedback.requestsOf(incidentId)).find(
        (r) => r.participant === participant,
      );
      if (existing) {
        if (!(await stores.feedback.markResponded(existing.token_hash))) throw alreadyGiven();
      } else {
        // Not asked (yet): a request is recorded as answered, so a second answer is refused like any other.
        const request: FeedbackRequest = {
          token_hash: this.deps.tokens.issue().hash,
          incident_id: incidentId,
          participant,
          requested_at: now.toISOString(),
          deadline: now.toISOString(),
          responded: true,
          invited: false,
        };
        if (!(await stores.feedback.insertRequest(request))) throw alreadyGiven();
      }
      await this.record(stores, incidentId, participant, data);
      return { incident_id: incidentId };
    });
  }

  /** Ratings and answers on an incident, without identities. */
  async summary(actor: Actor, incidentId: string): Promise<FeedbackSummary> {
    authorize(actor, 'incident:read');
    if (!(await this.deps.stores.incidents.findById(incidentId, actor)))
      throw notFound('incident', incidentId);
    return this.summaryOf(incidentId);
  }

  /**
   * Who was asked and who answered by name, with counts and mean ratings. A request's `responded` flag (the
   * link was used) is never shown: an anonymous answer would then point at its author.
   */
  async status(actor: Actor, incidentId: string): Promise<FeedbackStatus> {
    authorize(actor, 'incident:read');
    if (!(await this.deps.stores.incidents.findById(incidentId, actor)))
      throw notFound('incident', incidentId);
    const { feedback } = this.deps.stores;
    const [aggregate, list, requests] = await Promise.all([
      feedback.aggregate(incidentId),
      feedback.list(incidentId),
      feedback.requestsOf(incidentId),
    ]);
    const summary = summarise(incidentId, aggregate, list, requests.length);
    return { participants: statusRows(requests, list), summary: pickCounts(summary) };
  }

  /** The summary without a viewer, for the stored review report (the workflow job). */
  async summaryOf(incidentId: string): Promise<FeedbackSummary> {
    const { feedback } = this.deps.stores;
    const [aggregate, list, requests] = await Promise.all([
      feedback.aggregate(incidentId),
      feedback.list(incidentId),
      feedback.requestsOf(incidentId),
    ]);
    return summarise(incidentId, aggregate, list, requests.length);
  }

  private async record(
    stores: FeedbackStores,
    incidentId: string,
    participant: string,
    data: FeedbackInput,
  ): Promise<void> {
    const now = this.deps.clock.now();
    await stores.feedback.insertFeedback({
      id: this.deps.tokens.id(),
      incident_id: incidentId,
      participant: data.anonymous ? null : participant,
      response_rating: data.response_rating,
      improvement_rating: data.improvement_rating,
      went_well: data.went_well,
      to_improve: data.to_improve,
      submitted_on: now.toISOString().slice(0, 10),
    });
    await stores.audit.append(
      PARTICIPANT,
      {
        entity_type: 'review',
        entity_id: incidentId,
        action: 'feedback',
        before: null,
        after: {
          response_rating: data.response_rating,
          improvement_rating: data.improvement_rating,
          anonymous: data.anonymous,
        },
      },
      now.toISOString(),
    );
  }
}
