import type { Kysely } from 'kysely';
import type { FeedbackAggregate, FeedbackStore } from '../../core/feedback/feedback.ports.js';
import type { FeedbackRequest, StoredFeedback } from '../../core/feedback/feedback.schema.js';
import type { Database, FeedbackRequestsTable } from '../schema.js';
import { toIso, toMs } from './instants.js';

const requestFromRow = (r: FeedbackRequestsTable): FeedbackRequest => ({
  token_hash: r.token_hash,
  incident_id: r.incident_id,
  participant: r.participant,
  requested_at: toIso(r.requested_at_ms),
  deadline: toIso(r.deadline_ms),
  responded: r.responded === 1,
  invited: r.invited === 1,
});

/** Feedback requests (one per participant and incident) and participant feedback in SQL. */
export class FeedbackRepository implements FeedbackStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insertRequest(request: FeedbackRequest): Promise<boolean> {
    const asked = {
      token_hash: request.token_hash,
      requested_at_ms: toMs(request.requested_at),
      deadline_ms: toMs(request.deadline),
      invited: 1,
    };
    const result = await this.db
      .insertInto('feedback_requests')
      .values({
        ...asked,
        incident_id: request.incident_id,
        participant: request.participant,
        responded: request.responded ? 1 : 0,
        invited: request.invited ? 1 : 0,
      })
      .onConflict((oc) => {
        const existing = oc.columns(['incident_id', 'participant']);
        // Only an invitation takes over an uninvited row; `responded` is kept, so the answer stays single.
        return request.invited
          ? existing.doUpdateSet(asked).where('feedback_requests.invited', '=', 0)
          : existing.doNothing();
      })
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async findRequest(tokenHash: string): Promise<FeedbackRequest | null> {
    const row = await this.db
      .selectFrom('feedback_requests')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row ? requestFromRow(row) : null;
  }

  async requestsOf(incidentId: string): Promise<FeedbackRequest[]> {
    const rows = await this.db
      .selectFrom('feedback_requests')
      .selectAll()
      .where('incident_id', '=', incidentId)
      .orderBy('participant')
      .execute();
    return rows.map(requestFromRow);
  }

  async markResponded(tokenHash: string): Promise<boolean> {
    const result = await this.db
      .updateTable('feedback_requests')
      .set({ responded: 1 })
      .where('token_hash', '=', tokenHash)
      .where('responded', '=', 0)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async insertFeedback(f: StoredFeedback): Promise<void> {
    await this.db.insertInto('feedback').values(f).execute();
  }

  async aggregate(incidentId: string): Promise<FeedbackAggregate> {
    const row = await this.db
      .selectFrom('feedback')
      .select((eb) => [
        eb.fn.countAll<number>().as('responses'),
        eb.fn.sum<number>(eb.case().when('participant', 'is', null).then(1).else(0).end()).as('anonymous'),
        eb.fn.avg<number>('response_rating').as('response'),
        eb.fn.avg<number>('improvement_rating').as('improvement'),
      ])
      .where('incident_id', '=', incidentId)
      .executeTakeFirstOrThrow();
    const responses = Number(row.responses);
    return {
      responses,
      anonymous: Number(row.anonymous ?? 0),
      mean_response_rating: responses === 0 ? null : Number(row.response),
      mean_improvement_rating: responses === 0 ? null : Number(row.improvement),
    };
  }

  async list(incidentId: string): Promise<StoredFeedback[]> {
    // Ordered by the random id, not by time: the order of answers must not hint at who gave which.
    return this.db
      .selectFrom('feedback')
      .selectAll()
      .where('incident_id', '=', incidentId)
      .orderBy('id')
      .execute();
  }
}
