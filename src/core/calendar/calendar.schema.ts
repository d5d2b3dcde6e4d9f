import { z } from 'zod';
import { CalendarDate } from '../shared/vocabulary.js';

/** True when the runtime's Intl knows the zone; Intl is the only zone database core relies on. */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** An ISO weekday: 1 = Monday ... 7 = Sunday. */
export const IsoWeekday = z.number().int().min(1).max(7);

/**
 * The days on which review deadlines run. Dates and weekdays are read in `time_zone`, so a team in
 * Auckland and one in Los Angeles can count the same instant as different working days.
 */
export const WorkingCalendar = z.object({
  time_zone: z
    .string()
    .refine(isKnownTimeZone, { message: 'must be an IANA time zone such as Europe/Berlin or UTC' })
    .default('UTC'),
  working_days: z
    .array(IsoWeekday)
    .min(1, { message: 'must list at least one working day (1 = Monday ... 7 = Sunday)' })
    .refine((days) => new Set(days).size === days.length, { message: 'must not repeat a weekday' })
    .default([1, 2, 3, 4, 5]),
  holidays: z.array(CalendarDate).default([]),
});
export type WorkingCalendar = z.infer<typeof WorkingCalendar>;
/** The calendar as written in config or API input, before defaults are applied. */
export type WorkingCalendarInput = z.input<typeof WorkingCalendar>;

/** Monday to Friday in UTC with no holidays. */
export const DEFAULT_WORKING_CALENDAR: WorkingCalendar = WorkingCalendar.parse({});
