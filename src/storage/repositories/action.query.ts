import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import { ACTIVE_STATUSES } from '../../core/actions/action.lifecycle.js';
import type { ActionFilter } from '../../core/actions/action.ports.js';
import type { Actor } from '../../core/shared/actor.js';
import type { Database } from '../schema.js';
import { incidentVisibleTo } from './visibility.js';

type ActionsEb = ExpressionBuilder<Database, 'actions'>;

/**
 * Need-to-know for actions: an action is visible when every incident it comes from is visible to the
 * viewer, so an action of a restricted incident is hidden exactly as the incident is.
 */
export function actionVisibleTo(viewer: Actor): (eb: ActionsEb) => Expression<SqlBool> {
  return (eb) => {
    if (viewer.role === 'admin') return sql<SqlBool>`1 = 1`;
    const visible = incidentVisibleTo(viewer, sql.ref('ai.incident_id'));
    return eb.not(
      eb.exists(
        eb
          .selectFrom('action_incidents as ai')
          .select(sql`1`.as('one'))
          .whereRef('ai.action_id', '=', 'actions.id')
          .where((w) => w.not(visible(w as unknown as ExpressionBuilder<Database, keyof Database>))),
      ),
    );
  };
}

/** Overdue as SQL: still to be done and due before `today` (the rule of isOverdue in core). */
export function overdueCondition(today: string): (eb: ActionsEb) => Expression<SqlBool> {
  return (eb) =>
    eb.and([eb('actions.status', 'in', [...ACTIVE_STATUSES]), eb('actions.due_date', '<', today)]);
}

/** The filter's conditions, ANDed; `today` decides overdue. */
export function filterConditions(
  filter: ActionFilter,
  today: string,
): (eb: ActionsEb) => Expression<SqlBool> {
  return (eb) => {
    const all: Expression<SqlBool>[] = [];
    if (filter.owner) {
      const colon = filter.owner.indexOf(':');
      if (colon > 0) {
        all.push(eb('actions.owner_kind', '=', filter.owner.slice(0, colon)));
        all.push(eb('actions.owner_id', '=', filter.owner.slice(colon + 1)));
      } else all.push(eb('actions.owner_id', '=', filter.owner));
    }
    if (filter.team) all.push(eb('actions.team', '=', filter.team));
    if (filter.service) {
      const service = filter.service;
      all.push(
        eb.exists(
          eb
            .selectFrom('action_incidents as si')
            .innerJoin('incident_services as s', 's.incident_id', 'si.incident_id')
            .select(sql`1`.as('one'))
            .whereRef('si.action_id', '=', 'actions.id')
            .where('s.service', '=', service),
        ),
      );
    }
    if (filter.status) all.push(eb('actions.status', '=', filter.status));
    if (filter.priority) all.push(eb('actions.priority', '=', filter.priority));
    if (filter.type) all.push(eb('actions.type', '=', filter.type));
    if (filter.category) all.push(eb('actions.category', '=', filter.category));
    if (filter.incident) {
      const incident = filter.incident;
      all.push(
        eb.exists(
          eb
            .selectFrom('action_incidents as fi')
            .select(sql`1`.as('one'))
            .whereRef('fi.action_id', '=', 'actions.id')
            .where('fi.incident_id', '=', incident),
        ),
      );
    }
    if (filter.overdue === true) all.push(overdueCondition(today)(eb));
    if (filter.overdue === false) all.push(eb.not(overdueCondition(today)(eb)));
    return eb.and(all);
  };
}
