import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Actor } from '../../core/shared/actor.js';
import type { CandidateVector } from '../../core/similarity/similarity.document.js';
import type { StoreKind } from '../database.js';
import type { Database } from '../schema.js';
import { candidateOf, similarityDb } from './similarity.vectors.js';
import { hiddenIncidentIds } from './similarity.visibility.js';

/** What selects and ranks candidates: weighted term postings and services (weight 1), earlier than `before`. */
export interface CandidateSelection {
  /** Selecting terms with their weight (the term's IDF). */
  terms: ReadonlyArray<readonly [string, number]>;
  /** Normalised services, each worth 1. */
  services: readonly string[];
  /** Epoch ms: only incidents that occurred strictly earlier. */
  before: number;
  /** The query incident, never its own candidate. */
  exclude: string;
  limit: number;
}

/**
 * The `limit` earlier incidents the viewer may see with the most summed posting weight (mass), most first,
 * ties by id, as stored vectors.
 *
 * The postings are grouped and sorted first; the vectors, the "earlier" filter and the visibility rule are
 * then applied in that order and the scan stops at `limit` survivors: a lookup over 100k incidents has
 * about 10 000 groups but needs only a few thousand joins (before, every group was joined and checked, then
 * sorted). The outer ORDER BY is the same as the grouped rows' own, so it states the result and costs no
 * second sort. The join must keep the grouped side outer: SQLite's CROSS JOIN fixes the loop order, and on
 * PostgreSQL a LATERAL subquery with LIMIT 1 (one vector per id) cannot be turned into a hash join over
 * every vector, which would read them all and sort again.
 */
export async function candidateVectors(
  db: Kysely<Database>,
  kind: StoreKind,
  viewer: Actor,
  selection: CandidateSelection,
): Promise<CandidateVector[]> {
  const postings = postingsOf(selection);
  if (!postings) return [];
  const ranked = sql<{
    incident_id: string;
    mass: number;
  }>`(select p.incident_id as incident_id, sum(p.w) as mass from (${postings}) p group by p.incident_id order by mass desc, p.incident_id)`.as(
    'm',
  );
  const from = similarityDb(db).selectFrom(ranked);
  const joined =
    kind === 'postgres'
      ? from.crossJoinLateral((eb) =>
          eb
            .selectFrom('similarity_vectors as v')
            .selectAll('v')
            .whereRef('v.incident_id', '=', 'm.incident_id')
            .where('v.occurred_ms', '<', selection.before)
            .limit(1)
            .as('v'),
        )
      : from
          .crossJoin('similarity_vectors as v')
          .whereRef('v.incident_id', '=', 'm.incident_id')
          .where('v.occurred_ms', '<', selection.before);
  const hidden = hiddenIncidentIds(db, viewer);
  const visible = joined.selectAll('v').where('v.incident_id', '<>', selection.exclude);
  const rows = await (hidden ? visible.where('v.incident_id', 'not in', hidden) : visible)
    .orderBy('m.mass', 'desc')
    .orderBy('m.incident_id')
    .limit(selection.limit)
    .execute();
  return rows.map(candidateOf);
}

function postingsOf(selection: CandidateSelection): RawBuilder<unknown> | null {
  const parts: RawBuilder<unknown>[] = [];
  const { terms, services } = selection;
  if (terms.length > 0) {
    const weights = sql.join(
      terms.map(([term, weight]) => sql`when ${term} then cast(${weight} as double precision)`),
      sql` `,
    );
    const names = sql.join(terms.map(([term]) => term));
    parts.push(
      sql`select t.incident_id as incident_id, case t.term ${weights} end as w from similarity_terms t where t.term in (${names})`,
    );
  }
  if (services.length > 0) {
    parts.push(
      sql`select s.incident_id as incident_id, cast(1 as double precision) as w from similarity_services s where s.service in (${sql.join([...services])})`,
    );
  }
  return parts.length === 0 ? null : sql.join(parts, sql` union all `);
}
