import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { Actor } from '../../core/shared/actor.js';
import type { Database } from '../schema.js';

/**
 * The need-to-know rule, as SQL: an incident is visible when it is not restricted, when the viewer is an
 * admin, belongs to the incident's team, or is one of its members. Every read of incident data joins
 * through this, so new read paths inherit it.
 */
export function incidentVisibleTo(
  viewer: Actor,
  incidentId: Expression<string>,
): (eb: ExpressionBuilder<Database, keyof Database>) => Expression<SqlBool> {
  return (eb) => {
    if (viewer.role === 'admin') return sql<SqlBool>`1 = 1`;
    const visible = eb
      .selectFrom('incidents as vis')
      .select(sql`1`.as('one'))
      .whereRef('vis.id', '=', incidentId)
      .where((w) =>
        w.or([
          w('vis.restricted', '=', sql.lit(0)),
          ...(viewer.teamIds.length > 0 ? [w('vis.team', 'in', [...viewer.teamIds])] : []),
          w.exists(
            w
              .selectFrom('incident_members as m')
              .select(sql`1`.as('one'))
              .whereRef('m.incident_id', '=', 'vis.id')
              .where('m.user_id', '=', viewer.id),
          ),
        ]),
      );
    return eb.exists(visible);
  };
}
