import { z } from 'zod';
import { priorityScore, suggestedPriority } from './action.priority.js';
import { isOverdue } from './action.report.js';
import { Action } from './action.schema.js';
import { Priority } from '../shared/vocabulary.js';

/** An action as the API and CLI show it: the stored action plus what is derived from it. */
export const ActionView = Action.extend({
  /** SEC10-BP08's rank by risk reduction and feasibility, 0..100 (see priorityScore). */
  priority_score: z.number().int(),
  suggested_priority: Priority,
  /** Past due and still to be done, on the organisation's calendar day. */
  overdue: z.boolean(),
});
export type ActionView = z.infer<typeof ActionView>;

/** Adds the derived fields; `today` is `YYYY-MM-DD` in the organisation's time zone. */
export function presentAction(action: Action, today: string): ActionView {
  const score = priorityScore(action.risk_reduction, action.feasibility);
  return {
    ...action,
    priority_score: score,
    suggested_priority: suggestedPriority(score),
    overdue: isOverdue(action, today),
  };
}
