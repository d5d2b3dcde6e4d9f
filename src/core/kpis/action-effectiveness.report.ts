import { z } from 'zod';
import type { KpiScope } from './kpi.source.js';
import { round } from './stats.js';

export const ACTION_EFFECTIVENESS_DEFINITION =
  'Actions verified in the period whose incidents did not happen again after the verification ÷ actions ' +
  'verified in the period. "Happened again" is a later incident with one of the same repeat signatures ' +
  '(unless a reviewer rejected that pair) or one a reviewer confirmed as a recurrence.';

/** A verified action followed by a recurrence, as a viewer may see it. */
export const FollowedAction = z.object({
  action_id: z.string(),
  title: z.string(),
  verified_at: z.string(),
  /** Later incidents that recur one of the action's incidents (all of them, restricted ones included). */
  recurrences: z.number().int(),
  /** The earliest of them the viewer may see; null when every one is hidden from the viewer. */
  first_recurrence_id: z.string().nullable(),
});
export type FollowedAction = z.infer<typeof FollowedAction>;

/** What a store counts for effectiveness by recurrence over the actions verified in a scope. */
export interface RecurrenceAfterVerification {
  /** Actions verified in [from, to) in the scope. */
  verified: number;
  /** Of those, followed by at least one recurrence. */
  followed: number;
  /** Followed actions the viewer may see, earliest verification first, at most `limit`. */
  listed: FollowedAction[];
}

/** The port: effectiveness by recurrence computed by the store (SQL aggregates, not rows in memory). */
export interface EffectivenessSource {
  recurrenceAfterVerification(scope: KpiScope, limit: number): Promise<RecurrenceAfterVerification>;
}

export const ActionEffectivenessReport = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  definition: z.string(),
  /** Actions verified in the period. */
  n: z.number().int(),
  not_followed: z.number().int(),
  /** not_followed ÷ n in percent; null when nothing was verified. */
  value: z.number().nullable(),
  followed: z.array(FollowedAction),
});
export type ActionEffectivenessReport = z.infer<typeof ActionEffectivenessReport>;

export function effectivenessReport(
  scope: Pick<KpiScope, 'from' | 'to'>,
  counted: RecurrenceAfterVerification,
): ActionEffectivenessReport {
  const notFollowed = counted.verified - counted.followed;
  return {
    period: { from: scope.from, to: scope.to },
    definition: ACTION_EFFECTIVENESS_DEFINITION,
    n: counted.verified,
    not_followed: notFollowed,
    value: counted.verified > 0 ? round((100 * notFollowed) / counted.verified, 2) : null,
    followed: counted.listed,
  };
}
