import type { Priority } from '../shared/vocabulary.js';
import { ACTIVE_STATUSES } from './action.lifecycle.js';
import { ACTION_STATUSES, type Action, type ActionStatus } from './action.schema.js';

/**
 * Overdue means past its due date and still to be done (not completed, verified or won't do). `today` is a
 * `YYYY-MM-DD` date in the organisation's calendar; an action due today is not yet overdue.
 */
export function isOverdue(action: Pick<Action, 'status' | 'due_date'>, today: string): boolean {
  return ACTIVE_STATUSES.includes(action.status) && action.due_date < today;
}

export interface ActionSummary {
  total: number;
  overdue: number;
  by_status: Record<ActionStatus, number>;
  by_priority: Record<Priority, number>;
  by_category: Record<string, number>;
  /** Keyed `user:<id>` or `team:<id>`. */
  by_owner: Record<string, number>;
  /** Keyed by team id; actions whose team is unknown count under `(none)`. */
  by_team: Record<string, number>;
}

const bump = (counts: Record<string, number>, key: string): void => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/**
 * Counts a small set of actions by status, priority, category, owner and team (storage does large
 * aggregates in SQL). A team-owned action belongs to that team; for a user-owned one `teamOf` names it.
 */
export function summariseActions(
  actions: readonly Action[],
  today: string,
  teamOf: (userId: string) => string | undefined = () => undefined,
): ActionSummary {
  const summary: ActionSummary = {
    total: actions.length,
    overdue: 0,
    by_status: Object.fromEntries(ACTION_STATUSES.map((s) => [s, 0])) as Record<ActionStatus, number>,
    by_priority: { Critical: 0, High: 0, Medium: 0, Low: 0 },
    by_category: {},
    by_owner: {},
    by_team: {},
  };
  for (const action of actions) {
    summary.by_status[action.status] += 1;
    summary.by_priority[action.priority] += 1;
    bump(summary.by_category, action.category);
    bump(summary.by_owner, `${action.owner.kind}:${action.owner.id}`);
    const team = action.owner.kind === 'team' ? action.owner.id : teamOf(action.owner.id);
    bump(summary.by_team, team ?? '(none)');
    if (isOverdue(action, today)) summary.overdue += 1;
  }
  return summary;
}
