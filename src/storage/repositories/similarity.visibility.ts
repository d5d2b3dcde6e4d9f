import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { Actor } from '../../core/shared/actor.js';
import type { Database } from '../schema.js';
import { incidentHiddenFrom, incidentVisibleTo } from './visibility.js';

/**
 * The shared need-to-know rule (visibility.ts) for queries over aliased or derived tables, whose expression
 * builders Kysely types differently; the SQL is exactly incidentVisibleTo's.
 * Use: `.where((eb) => visibleIncident(viewer, sql.ref('p.incident_id'), eb))`.
 */
export function visibleIncident(
  viewer: Actor,
  incidentId: Expression<string>,
  eb: unknown,
): Expression<SqlBool> {
  return incidentVisibleTo(viewer, incidentId)(eb as ExpressionBuilder<Database, keyof Database>);
}

/**
 * The ids of the incidents the need-to-know rule hides from the viewer (restricted, of another team, not a
 * member), or null for an admin. For queries that check thousands of rows: `id not in (this)` reads the
 * hidden set once, through the partial index over restricted incidents, and probes it per row, where the
 * correlated rule (visibleIncident) reads every row's incident.
 */
export function hiddenIncidentIds(db: Kysely<Database>, viewer: Actor) {
  const hidden = incidentHiddenFrom(viewer);
  return hidden ? db.selectFrom('incidents').select('incidents.id').where(hidden) : null;
}
