import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { Actor } from '../../core/shared/actor.js';
import type { SlotOf } from '../prepared-queries.js';
import type { Database } from '../schema.js';

/**
 * Rows of the incidents table the need-to-know rule (below) hides from the viewer: restricted, of no team of
 * theirs (a restricted incident without a team is hidden too) and without them as a member. Nothing for an
 * admin. Written against the table itself, so it can use the partial index over restricted incidents:
 * counting what is visible as everything less this reads only the restricted rows.
 */
export function incidentHiddenFrom(
  viewer: Actor,
): ((eb: ExpressionBuilder<Database, 'incidents'>) => Expression<SqlBool>) | null {
  if (viewer.role === 'admin') return null;
  return (eb) =>
    eb.and([
      eb('incidents.restricted', '=', sql.lit(1)),
      ...(viewer.teamIds.length > 0
        ? [eb.or([eb('incidents.team', 'is', null), eb('incidents.team', 'not in', [...viewer.teamIds])])]
        : []),
      eb.not(
        eb.exists(
          eb
            .selectFrom('incident_members as m')
            .select(sql`1`.as('one'))
            .whereRef('m.incident_id', '=', 'incidents.id')
            .where('m.user_id', '=', viewer.id),
        ),
      ),
    ]);
}

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

/**
 * The need-to-know rule for a query compiled once (runPrepared): the shape of the SQL it makes for this
 * viewer (an admin's has no values; a member's has its id and one value per team), a viewer whose id and
 * teams are slots for building the template, and this viewer's values for those slots. Kept beside the rule
 * so the two cannot drift apart.
 */
export function visibilitySlots(viewer: Actor): {
  shape: string;
  viewerWithSlots: (slot: SlotOf) => Actor;
  values: Record<string, unknown>;
} {
  if (viewer.role === 'admin') return { shape: 'all', viewerWithSlots: () => viewer, values: {} };
  const values: Record<string, unknown> = { viewer_id: viewer.id };
  viewer.teamIds.forEach((team, i) => (values[`team_${i}`] = team));
  return {
    shape: `teams=${viewer.teamIds.length}`,
    viewerWithSlots: (slot) => ({
      ...viewer,
      id: slot('viewer_id'),
      teamIds: viewer.teamIds.map((_, i) => slot(`team_${i}`)),
    }),
    values,
  };
}
