import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Actor } from '../../core/shared/actor.js';
import type { Database } from '../schema.js';
import { incidentVisibleTo } from './visibility.js';

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
