export { WorkingCalendar, IsoWeekday, DEFAULT_WORKING_CALENDAR, isKnownTimeZone } from './calendar.schema.js';
export type { WorkingCalendarInput } from './calendar.schema.js';
export {
  addBusinessDays,
  businessDaysBetween,
  isWorkingDay,
  nextWorkingDay,
} from './calendar.business-days.js';
export { localDate, wallClock, instantOf, startOfLocalDay } from './calendar.zone.js';
export type { WallClock } from './calendar.zone.js';
export { addDays, isoWeekday } from './calendar.dates.js';
