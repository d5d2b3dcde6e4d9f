import type { Kysely } from 'kysely';
import type { Analysis } from '../../core/analysis/analysis.schema.js';
import type { AnalysisMethod } from '../../core/analysis/factor-promotion.js';
import type { AnalysisStore, StoredAnalysis } from '../../core/reviews/review.ports.js';
import type { Database } from '../schema.js';
import { toIso, toMs } from './instants.js';

type AnalysisRow = {
  method: string;
  document: string;
  review_version: number;
  updated_by: string;
  updated_at_ms: number;
};

/** Analyses stored as JSON, one row per review and method. */
export class AnalysisRepository implements AnalysisStore {
  constructor(private readonly db: Kysely<Database>) {}

  async find(reviewId: string, method: AnalysisMethod): Promise<StoredAnalysis | null> {
    const row = await this.db
      .selectFrom('review_analyses')
      .selectAll()
      .where('review_id', '=', reviewId)
      .where('method', '=', method)
      .executeTakeFirst();
    return row ? stored(row) : null;
  }

  async list(reviewId: string): Promise<StoredAnalysis[]> {
    const rows = await this.db
      .selectFrom('review_analyses')
      .selectAll()
      .where('review_id', '=', reviewId)
      .orderBy('method')
      .execute();
    return rows.map(stored);
  }

  async upsert(reviewId: string, analysis: StoredAnalysis): Promise<void> {
    const values = {
      document: JSON.stringify(analysis.analysis),
      review_version: analysis.review_version,
      updated_by: analysis.updated_by,
      updated_at_ms: toMs(analysis.updated_at),
    };
    await this.db
      .insertInto('review_analyses')
      .values({ review_id: reviewId, method: analysis.method, ...values })
      .onConflict((oc) => oc.columns(['review_id', 'method']).doUpdateSet(values))
      .execute();
  }
}

function stored(row: AnalysisRow): StoredAnalysis {
  return {
    method: row.method as AnalysisMethod,
    analysis: JSON.parse(row.document) as Analysis,
    review_version: row.review_version,
    updated_by: row.updated_by,
    updated_at: toIso(row.updated_at_ms),
  };
}
