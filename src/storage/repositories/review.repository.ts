import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { NewReview, ReviewStore } from '../../core/reviews/review.ports.js';
import type { Review, ReviewDocument, ReviewStatus } from '../../core/reviews/review.schema.js';
import type { Actor } from '../../core/shared/actor.js';
import { conflict } from '../../core/shared/errors.js';
import type { Database, ReviewRow } from '../schema.js';
import { toIso, toIsoOrNull, toMs } from './instants.js';
import { incidentVisibleTo } from './visibility.js';

export class ReviewRepository implements ReviewStore {
  constructor(private readonly db: Kysely<Database>) {}

  async findByIncident(incidentId: string, viewer: Actor): Promise<Review | null> {
    const row = await this.db
      .selectFrom('reviews')
      .selectAll()
      .where('incident_id', '=', incidentId)
      .where(incidentVisibleTo(viewer, sql.ref('reviews.incident_id')))
      .executeTakeFirst();
    return row ? reviewFromRow(row) : null;
  }

  async insert(review: NewReview): Promise<Review> {
    const id = `REV-${randomUUID()}`;
    const at = toMs(review.created_at);
    await this.db
      .insertInto('reviews')
      .values({
        id,
        incident_id: review.incident_id,
        status: review.status,
        document: JSON.stringify(review.document),
        created_by: review.created_by,
        created_at_ms: at,
        updated_at_ms: at,
        published_at_ms: null,
        version: 1,
      })
      .execute();
    await this.writeDerived(id, review.document);
    return {
      ...review.document,
      id,
      incident_id: review.incident_id,
      status: review.status,
      created_by: review.created_by,
      created_at: review.created_at,
      updated_at: review.created_at,
      published_at: null,
      version: 1,
    };
  }

  async replace(id: string, expectedVersion: number, document: ReviewDocument, at: string): Promise<Review> {
    const result = await this.db
      .updateTable('reviews')
      .set({ document: JSON.stringify(document), updated_at_ms: toMs(at), version: expectedVersion + 1 })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      throw conflict('version_conflict', `review ${id} was changed by someone else; reload and retry`);
    }
    await this.writeDerived(id, document);
    const row = await this.db
      .selectFrom('reviews')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return reviewFromRow(row);
  }

  /** Covered incidents and contributing factors, kept as rows so aggregates need not parse documents. */
  private async writeDerived(id: string, document: ReviewDocument): Promise<void> {
    await this.db.deleteFrom('review_incidents').where('review_id', '=', id).execute();
    await this.db.deleteFrom('contributing_factors').where('review_id', '=', id).execute();
    if (document.incident_ids.length > 0) {
      await this.db
        .insertInto('review_incidents')
        .values(document.incident_ids.map((incident_id) => ({ review_id: id, incident_id })))
        .execute();
    }
    if (document.contributing_factors.length > 0) {
      await this.db
        .insertInto('contributing_factors')
        .values(
          document.contributing_factors.map((f, position) => ({
            review_id: id,
            position,
            category: f.category,
            description: f.description,
            is_primary: f.primary ? 1 : 0,
          })),
        )
        .execute();
    }
  }
}

function reviewFromRow(row: ReviewRow): Review {
  const document = JSON.parse(row.document) as ReviewDocument;
  return {
    ...document,
    id: row.id,
    incident_id: row.incident_id,
    status: row.status as ReviewStatus,
    created_by: row.created_by,
    created_at: toIso(row.created_at_ms),
    updated_at: toIso(row.updated_at_ms),
    published_at: toIsoOrNull(row.published_at_ms),
    version: row.version,
  };
}
