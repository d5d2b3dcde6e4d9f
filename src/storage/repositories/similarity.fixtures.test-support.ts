import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { SimilarityDocumentInput } from '../../core/similarity/similarity.document.js';
import { insertIncidentRow, insertReviewRow } from '../kpis/kpi.rows.test-support.js';
import type { Database } from '../schema.js';

/** A labelled incident of test/fixtures/similarity (written for Hindsight's tests; see its README). */
export interface SimilarityFixture extends SimilarityDocumentInput {
  id: string;
  family: string;
  category: string;
  attack_vector?: string;
  severity: string;
}

/** A query incident and the incidents a person judged similar to it. */
export interface LabelledPair {
  query: string;
  relevant: string[];
}

const dir = new URL('../../../test/fixtures/similarity/', import.meta.url);
export const SIMILARITY_FIXTURES = JSON.parse(
  readFileSync(new URL('incidents.json', dir), 'utf8'),
) as SimilarityFixture[];
export const LABELLED_PAIRS = JSON.parse(
  readFileSync(new URL('labelled-pairs.json', dir), 'utf8'),
) as LabelledPair[];

/** Stores every fixture as an incident of team secops with a review holding its contributing factors. */
export async function insertSimilarityFixtures(db: Kysely<Database>): Promise<void> {
  for (const f of SIMILARITY_FIXTURES) {
    await insertIncidentRow(db, {
      id: f.id,
      title: f.title,
      description: f.description ?? '',
      severity: f.severity,
      category: f.category,
      attack_vector: f.attack_vector ?? null,
      services: f.services ?? [],
      team: 'secops',
      at: { impact_started: f.occurred_at, detected: f.occurred_at, declared: f.occurred_at },
    });
    const factors = (f.factors ?? []).map((x) => ({
      category: x.category,
      description: x.description ?? '',
    }));
    await insertReviewRow(db, { incident_id: f.id, factors });
  }
}
