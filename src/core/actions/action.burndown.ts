import { z } from 'zod';
import { localDate } from '../calendar/calendar.zone.js';
import { invalid } from '../shared/errors.js';
import { Instant } from '../shared/vocabulary.js';
import { ActionFilter } from './action.ports.js';

const DAY_MS = 86_400_000;
export const BURN_DOWN_DEFAULT_DAYS = 90;
export const BURN_DOWN_MAX_POINTS = 100;

/**
 * `GET /api/v1/actions/burn-down`: a closed period (default the 90 days to now), how many evenly spaced
 * instants to sample in it, and the filters of a report that make sense over time (not status or overdue,
 * which the burn-down itself measures).
 */
export const BurnDownQuery = ActionFilter.pick({ team: true, owner: true, service: true, priority: true })
  .extend({
    from: Instant.optional(),
    to: Instant.optional(),
    points: z.coerce
      .number()
      .int({ message: 'must be a whole number' })
      .min(2, { message: 'must be at least 2' })
      .max(BURN_DOWN_MAX_POINTS, { message: `must be at most ${BURN_DOWN_MAX_POINTS}` })
      .default(20),
  })
  .superRefine((q, ctx) => {
    if (q.from !== undefined && q.to !== undefined && Date.parse(q.from) > Date.parse(q.to)) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'must not be after to' });
    }
  });
export type BurnDownQuery = z.infer<typeof BurnDownQuery>;
export type BurnDownFilter = Pick<ActionFilter, 'team' | 'owner' | 'service' | 'priority'>;

/** One sample instant and the organisation's calendar day it falls on (which decides overdue). */
export interface BurnDownSample {
  at_ms: number;
  date: string;
}

/** The counts at one sample, in the order the samples were given. */
export interface BurnDownCounts {
  open: number;
  overdue: number;
}

export interface BurnDownPoint extends BurnDownCounts {
  at: string;
  date: string;
}

export interface BurnDown {
  from: string;
  to: string;
  time_zone: string;
  points: BurnDownPoint[];
}

/**
 * The period a query names: `to` defaults to now, `from` to 90 days before `to`. Throws `validation_failed`
 * naming `from` when it falls after `to` (possible once `to` defaults to now).
 */
export function burnDownPeriod(
  q: Pick<BurnDownQuery, 'from' | 'to'>,
  now: Date,
): { from: string; to: string } {
  const to = q.to ?? now.toISOString();
  const from = q.from ?? new Date(Date.parse(to) - BURN_DOWN_DEFAULT_DAYS * DAY_MS).toISOString();
  if (Date.parse(from) > Date.parse(to)) {
    throw invalid('validation_failed', `burn-down query is invalid: from: must not be after to (${to})`, [
      { path: 'from', problem: `must not be after to (${to})` },
    ]);
  }
  return { from, to };
}

/**
 * `n` instants evenly spaced from `from` to `to`, both ends included, each with its local date.
 * @example sampleInstants('2025-01-01T00:00:00Z', '2025-01-03T00:00:00Z', 3, 'UTC') // 1, 2 and 3 January
 */
export function sampleInstants(from: string, to: string, n: number, timeZone: string): BurnDownSample[] {
  const start = Date.parse(from);
  const span = Date.parse(to) - start;
  return Array.from({ length: n }, (_, i) => {
    const at_ms = start + Math.round((span * i) / Math.max(1, n - 1));
    return { at_ms, date: localDate(new Date(at_ms), timeZone) };
  });
}
