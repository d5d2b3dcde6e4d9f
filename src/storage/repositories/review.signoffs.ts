import type { Kysely } from 'kysely';
import type { ReviewAction, ReviewSignoff } from '../../core/reviews/lifecycle/lifecycle.schema.js';
import type { ReviewStatus } from '../../core/reviews/review.schema.js';
import type { Database } from '../schema.js';
import { toIso, toMs } from './instants.js';

/** The sign-offs of one review, oldest first. */
export async function signoffsOf(db: Kysely<Database>, reviewId: string): Promise<ReviewSignoff[]> {
  const rows = await db
    .selectFrom('review_signoffs')
    .selectAll()
    .where('review_id', '=', reviewId)
    .orderBy('seq')
    .execute();
  return rows.map((row) => ({
    action: row.action as ReviewAction,
    from: row.from_status as ReviewStatus,
    to: row.to_status as ReviewStatus,
    by: row.by_id,
    by_name: row.by_name,
    at: toIso(row.at_ms),
  }));
}

/** Appends a sign-off after the review's last one. */
export async function writeSignoff(
  db: Kysely<Database>,
  reviewId: string,
  signoff: ReviewSignoff,
): Promise<void> {
  const last = await db
    .selectFrom('review_signoffs')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('review_id', '=', reviewId)
    .executeTakeFirst();
  await db
    .insertInto('review_signoffs')
    .values({
      review_id: reviewId,
      seq: Number(last?.seq ?? 0) + 1,
      action: signoff.action,
      from_status: signoff.from,
      to_status: signoff.to,
      by_id: signoff.by,
      by_name: signoff.by_name,
      at_ms: toMs(signoff.at),
    })
    .execute();
}
