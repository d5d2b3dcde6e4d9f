import { invalid } from '../shared/errors.js';
import { addDays, isoWeekday } from './calendar.dates.js';
import type { WorkingCalendar } from './calendar.schema.js';
import { instantOf, localDate, startOfLocalDay, wallClock } from './calendar.zone.js';

/*
 * Conventions, shared by addBusinessDays and businessDaysBetween so that
 * businessDaysBetween(t, addBusinessDays(t, n, c), c) === n:
 * - A business day is a working day of the calendar read in its time zone, whatever its length (23 or 25
 *   hours across a DST change); each counts as exactly one.
 * - Time on non-working days (weekends, holidays) does not count at all.
 * - An instant on a non-working day is treated as the start of the next working day: no working time has
 *   passed yet, so a review for an incident resolved on Saturday with n = 5 is due at the start of the
 *   following Monday (that is, by the end of Friday).
 */

function requireWorkingDays(calendar: WorkingCalendar): void {
  if (calendar.working_days.length === 0) {
    throw invalid('calendar_without_working_days', 'the working calendar lists no working days', [
      { path: 'working_days', problem: 'must list at least one working day (1 = Monday ... 7 = Sunday)' },
    ]);
  }
}

/**
 * Whether a day is a working day: its ISO weekday is listed and it is not a holiday. A `Date` is read as
 * its local date in the calendar's zone; a `YYYY-MM-DD` string is taken as is.
 */
export function isWorkingDay(date: Date | string, calendar: WorkingCalendar): boolean {
  const day = typeof date === 'string' ? date : localDate(date, calendar.time_zone);
  return calendar.working_days.includes(isoWeekday(day)) && !calendar.holidays.includes(day);
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: string, calendar: WorkingCalendar): string {
  requireWorkingDays(calendar);
  let day = addDays(date, 1);
  while (!isWorkingDay(day, calendar)) day = addDays(day, 1);
  return day;
}

/**
 * The instant `n` working days after `instant`, at the same local wall-clock time in the calendar's zone.
 * An instant on a non-working day counts from the start (00:00) of the next working day. A wall-clock time
 * that does not exist on the due day (DST gap) moves forward by the gap; one that occurs twice takes the
 * earlier occurrence.
 * @example
 * // Friday 14:00 in Los Angeles + 1 business day = Monday 14:00 in Los Angeles.
 * addBusinessDays(new Date('2024-03-08T22:00:00Z'), 1, calendar) // 2024-03-11T21:00:00Z (after the DST change)
 */
export function addBusinessDays(instant: Date, n: number, calendar: WorkingCalendar): Date {
  if (!Number.isInteger(n) || n < 0) {
    throw invalid('business_days_invalid', `business days to add must be a whole number ≥ 0, got ${n}`);
  }
  requireWorkingDays(calendar);
  let wall = wallClock(instant, calendar.time_zone);
  if (!isWorkingDay(wall.date, calendar)) {
    wall = { date: nextWorkingDay(wall.date, calendar), hour: 0, minute: 0, second: 0, millisecond: 0 };
  }
  let day = wall.date;
  for (let i = 0; i < n; i += 1) day = nextWorkingDay(day, calendar);
  return instantOf({ ...wall, date: day }, calendar.time_zone);
}

/**
 * Business days elapsed from `from` to `to`: every whole working day counts 1, a partial working day counts
 * the share of that local day that has elapsed (so 12:00 on a 24-hour day is 0.5), non-working days count 0.
 * Negative when `to` is before `from`. Rounded to 6 decimals (under 0.1 s) so sums of shares compare cleanly.
 * @example businessDaysBetween(fridayNoon, mondayNoon, mondayToFriday) // 1
 */
export function businessDaysBetween(from: Date, to: Date, calendar: WorkingCalendar): number {
  requireWorkingDays(calendar);
  if (to.getTime() < from.getTime()) return -businessDaysBetween(to, from, calendar);
  const zone = calendar.time_zone;
  const last = localDate(to, zone);
  let total = 0;
  for (let day = localDate(from, zone); day <= last; day = addDays(day, 1)) {
    if (!isWorkingDay(day, calendar)) continue;
    const start = startOfLocalDay(day, zone).getTime();
    const end = startOfLocalDay(addDays(day, 1), zone).getTime();
    const overlap = Math.min(end, to.getTime()) - Math.max(start, from.getTime());
    if (overlap > 0) total += overlap / (end - start);
  }
  return Math.round(total * 1e6) / 1e6;
}
