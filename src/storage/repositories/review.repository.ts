import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { ReviewSignoff } from '../../core/reviews/lifecycle/lifecycle.schema.js';
import type { NewReview, ReviewStore, ReviewTransitionChange } from '../../core/reviews/review.ports.js';
import type { Review, ReviewDocument, ReviewStatus } from '../../core/reviews/review.schema.js';
import type { Actor } from '../../core/shared/actor.js';
import { conflict } from '../../core/shared/errors.js';
import type { FactorCategory } from '../../core/shared/vocabulary.js';
import type { Database, ReviewRow } from '../schema.js';
import { toIso, toIsoOrNull, toMs, toMsOrNull } from './instants.js';
import { signoffsOf, writeSignoff } from './review.signoffs.js';
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
    return row ? this.withSignoffs(row) : null;
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
        submitted_by: null,
        time_to_review_business_days: null,
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
      submitted_by: null,
      signoffs: [],
      time_to_review_business_days: null,
    };
  }

  async replace(id: string, expectedVersion: number, document: ReviewDocument, at: string): Promise<Review> {
    await this.bump(id, expectedVersion, { document: JSON.stringify(document), updated_at_ms: toMs(at) });
    await this.writeDerived(id, document);
    return this.byId(id);
  }

  async transition(
    id: string,
    expectedVersion: number,
    change: ReviewTransitionChange,
    signoff: ReviewSignoff,
  ): Promise<Review> {
    await this.bump(id, expectedVersion, {
      status: change.status,
      submitted_by: change.submitted_by,
      published_at_ms: toMsOrNull(change.published_at),
      time_to_review_business_days: change.time_to_review_business_days,
      updated_at_ms: toMs(change.at),
    });
    await writeSignoff(this.db, id, signoff);
    return this.byId(id);
  }

  async touch(id: string, expectedVersion: number, at: string): Promise<number> {
    await this.bump(id, expectedVersion, { updated_at_ms: toMs(at) });
    return expectedVersion + 1;
  }

  async listWithFactorCategories(
    categories: readonly FactorCategory[],
    viewer: Actor,
    excludeReviewId: string,
    limit: number,
  ): Promise<Review[]> {
    if (categories.length === 0) return [];
    const rows = await this.db
      .selectFrom('reviews')
      .selectAll()
      .where('id', '!=', excludeReviewId)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('contributing_factors as cf')
            .select(sql`1`.as('one'))
            .whereRef('cf.review_id', '=', 'reviews.id')
            .where('cf.category', 'in', [...categories]),
        ),
      )
      .where(incidentVisibleTo(viewer, sql.ref('reviews.incident_id')))
      .orderBy('updated_at_ms', 'desc')
      .orderBy('id')
      .limit(limit)
      .execute();
    // Past reviews feed recommendations only with their document; sign-offs are not needed there.
    return rows.map((row) => reviewFromRow(row, []));
  }

  /** Writes `changes` and raises the version, only if nobody else wrote since `expectedVersion`. */
  private async bump(
    id: string,
    expectedVersion: number,
    changes: Partial<Omit<ReviewRow, 'id' | 'version'>>,
  ): Promise<void> {
    const result = await this.db
      .updateTable('reviews')
      .set({ ...changes, version: expectedVersion + 1 })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      throw conflict('version_conflict', `review ${id} was changed by someone else; reload and retry`);
    }
  }

  private async byId(id: string): Promise<Review> {
    const row = await this.db
      .selectFrom('reviews')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return this.withSignoffs(row);
  }

  private async withSignoffs(row: ReviewRow): Promise<Review> {
    return reviewFromRow(row, await signoffsOf(this.db, row.id));
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

function reviewFromRow(row: ReviewRow, signoffs: ReviewSignoff[]): Review {
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
    submitted_by: row.submitted_by,
    signoffs,
    time_to_review_business_days: row.time_to_review_business_days,
  };
}
