import { describe, expect, it } from 'vitest';
import { isDomainError } from '../shared/errors.js';
import {
  addBusinessDays,
  businessDaysBetween,
  isWorkingDay,
  nextWorkingDay,
} from './calendar.business-days.js';
import { WorkingCalendar, type WorkingCalendarInput } from './calendar.schema.js';

const cal = (input: WorkingCalendarInput = {}): WorkingCalendar => WorkingCalendar.parse(input);
const at = (iso: string): Date => new Date(iso);
const iso = (date: Date): string => date.toISOString();

const utc = cal();
const la = cal({ time_zone: 'America/Los_Angeles' });
const auckland = cal({ time_zone: 'Pacific/Auckland' });

describe('isWorkingDay', () => {
  it('reads weekdays and holidays of calendar dates', () => {
    expect(isWorkingDay('2024-01-19', utc)).toBe(true); // Friday
    expect(isWorkingDay('2024-01-20', utc)).toBe(false); // Saturday
    expect(isWorkingDay('2024-01-21', utc)).toBe(false); // Sunday
    expect(isWorkingDay('2025-01-01', cal({ holidays: ['2025-01-01'] }))).toBe(false);
    expect(isWorkingDay('2025-01-02', cal({ holidays: ['2025-01-01'] }))).toBe(true);
  });

  it('reads an instant in the calendar zone, where the local date can differ from UTC', () => {
    // Sunday 20:00 UTC is Monday 09:00 in Auckland and Sunday 12:00 in Los Angeles.
    const instant = at('2024-01-21T20:00:00Z');
    expect(isWorkingDay(instant, utc)).toBe(false);
    expect(isWorkingDay(instant, auckland)).toBe(true);
    expect(isWorkingDay(instant, la)).toBe(false);
    // Friday 20:00 UTC is already Saturday in Auckland.
    expect(isWorkingDay(at('2024-01-19T20:00:00Z'), auckland)).toBe(false);
    expect(isWorkingDay(at('2024-01-19T20:00:00Z'), la)).toBe(true);
  });

  it('honours custom working weeks', () => {
    const sundayToThursday = cal({ time_zone: 'Asia/Jerusalem', working_days: [7, 1, 2, 3, 4] });
    expect(isWorkingDay('2024-01-21', sundayToThursday)).toBe(true); // Sunday
    expect(isWorkingDay('2024-01-19', sundayToThursday)).toBe(false); // Friday
    expect(nextWorkingDay('2024-01-18', sundayToThursday)).toBe('2024-01-21');
  });
});

describe('addBusinessDays', () => {
  it('keeps the wall-clock time across a plain week', () => {
    expect(iso(addBusinessDays(at('2024-01-15T10:00:00Z'), 5, utc))).toBe('2024-01-22T10:00:00.000Z');
    expect(iso(addBusinessDays(at('2024-01-15T10:00:00Z'), 0, utc))).toBe('2024-01-15T10:00:00.000Z');
    expect(iso(addBusinessDays(at('2024-01-15T10:00:00Z'), 10, utc))).toBe('2024-01-29T10:00:00.000Z');
  });

  it('moves from Friday to Monday over the weekend', () => {
    expect(iso(addBusinessDays(at('2024-01-19T16:30:00Z'), 1, utc))).toBe('2024-01-22T16:30:00.000Z');
    expect(iso(addBusinessDays(at('2024-01-19T16:30:00Z'), 2, utc))).toBe('2024-01-23T16:30:00.000Z');
  });

  it('counts a start on a weekend from the start of the next working day', () => {
    expect(iso(addBusinessDays(at('2024-01-20T14:00:00Z'), 0, utc))).toBe('2024-01-22T00:00:00.000Z');
    expect(iso(addBusinessDays(at('2024-01-20T14:00:00Z'), 1, utc))).toBe('2024-01-23T00:00:00.000Z');
    // Resolved Saturday, due 5 business days later: the end of the next Friday.
    expect(iso(addBusinessDays(at('2024-01-20T14:00:00Z'), 5, utc))).toBe('2024-01-29T00:00:00.000Z');
  });

  it('skips holidays across a year end (Dec 31 → Jan 2 with Jan 1 a holiday)', () => {
    const newYear = cal({ holidays: ['2025-01-01'] });
    expect(iso(addBusinessDays(at('2024-12-31T09:00:00Z'), 1, newYear))).toBe('2025-01-02T09:00:00.000Z');
    expect(iso(addBusinessDays(at('2024-12-31T09:00:00Z'), 1, utc))).toBe('2025-01-01T09:00:00.000Z');
    // 2026-12-31 is a Thursday; with Jan 1 a holiday, the next working day is Monday Jan 4.
    const newYear27 = cal({ holidays: ['2027-01-01'] });
    expect(iso(addBusinessDays(at('2026-12-31T12:00:00Z'), 1, newYear27))).toBe('2027-01-04T12:00:00.000Z');
  });

  it('counts in the calendar zone, not in UTC', () => {
    // Friday 12:00 in Los Angeles → Monday 12:00 there.
    expect(iso(addBusinessDays(at('2024-01-19T20:00:00Z'), 1, la))).toBe('2024-01-22T20:00:00.000Z');
    // The same instant is Saturday 09:00 in Auckland: count from Monday 00:00 NZDT, due Tuesday 00:00 NZDT.
    expect(iso(addBusinessDays(at('2024-01-19T20:00:00Z'), 1, auckland))).toBe('2024-01-22T11:00:00.000Z');
    // Sunday in UTC but Monday 09:00 in Auckland: a working day there.
    expect(iso(addBusinessDays(at('2024-01-21T20:00:00Z'), 1, auckland))).toBe('2024-01-22T20:00:00.000Z');
  });

  it('keeps local wall-clock time across DST changes', () => {
    // Los Angeles springs forward on Sunday 2024-03-10: Friday 14:00 PST → Monday 14:00 PDT.
    expect(iso(addBusinessDays(at('2024-03-08T22:00:00Z'), 1, la))).toBe('2024-03-11T21:00:00.000Z');
    // ... and falls back on Sunday 2024-11-03: Friday 09:00 PDT → Monday 09:00 PST.
    expect(iso(addBusinessDays(at('2024-11-01T16:00:00Z'), 1, la))).toBe('2024-11-04T17:00:00.000Z');
    // Auckland leaves DST on Sunday 2024-04-07: Friday 10:00 NZDT → Monday 10:00 NZST.
    expect(iso(addBusinessDays(at('2024-04-04T21:00:00Z'), 1, auckland))).toBe('2024-04-07T22:00:00.000Z');
  });

  it('moves a wall-clock time that DST skips forward, and takes the first of a repeated one', () => {
    const everyDay = cal({ time_zone: 'America/Los_Angeles', working_days: [1, 2, 3, 4, 5, 6, 7] });
    // Saturday 02:30 PST + 1 → Sunday 02:30 does not exist → 03:30 PDT.
    expect(iso(addBusinessDays(at('2024-03-09T10:30:00Z'), 1, everyDay))).toBe('2024-03-10T10:30:00.000Z');
    // Saturday 01:30 PDT + 1 → Sunday 01:30 happens twice → the first (PDT).
    expect(iso(addBusinessDays(at('2024-11-02T08:30:00Z'), 1, everyDay))).toBe('2024-11-03T08:30:00.000Z');
  });

  it('refuses a negative or fractional count', () => {
    for (const n of [-1, 1.5, Number.NaN]) {
      try {
        addBusinessDays(at('2024-01-15T10:00:00Z'), n, utc);
        expect.unreachable();
      } catch (error) {
        expect(isDomainError(error) && error.code).toBe('business_days_invalid');
      }
    }
  });

  it('refuses a calendar without working days instead of looping', () => {
    const broken: WorkingCalendar = { time_zone: 'UTC', working_days: [], holidays: [] };
    expect(() => addBusinessDays(at('2024-01-15T10:00:00Z'), 1, broken)).toThrow(/no working days/);
  });
});

describe('businessDaysBetween', () => {
  it('counts whole and partial working days', () => {
    expect(businessDaysBetween(at('2024-01-15T09:00:00Z'), at('2024-01-15T15:00:00Z'), utc)).toBe(0.25);
    expect(businessDaysBetween(at('2024-01-15T00:00:00Z'), at('2024-01-29T00:00:00Z'), utc)).toBe(10);
    expect(businessDaysBetween(at('2024-01-15T12:00:00Z'), at('2024-01-15T12:00:00Z'), utc)).toBe(0);
  });

  it('counts Friday noon to Monday noon as one business day and ignores weekend time', () => {
    expect(businessDaysBetween(at('2024-01-19T12:00:00Z'), at('2024-01-22T12:00:00Z'), utc)).toBe(1);
    expect(businessDaysBetween(at('2024-01-19T18:00:00Z'), at('2024-01-21T10:00:00Z'), utc)).toBe(0.25);
    expect(businessDaysBetween(at('2024-01-20T01:00:00Z'), at('2024-01-21T23:00:00Z'), utc)).toBe(0);
  });

  it('skips holidays across a year end', () => {
    const newYear = cal({ holidays: ['2025-01-01'] });
    expect(businessDaysBetween(at('2024-12-31T09:00:00Z'), at('2025-01-02T09:00:00Z'), newYear)).toBe(1);
    expect(businessDaysBetween(at('2024-12-31T09:00:00Z'), at('2025-01-02T09:00:00Z'), utc)).toBe(2);
  });

  it('is negative when the end is before the start', () => {
    expect(businessDaysBetween(at('2024-01-22T12:00:00Z'), at('2024-01-19T12:00:00Z'), utc)).toBe(-1);
  });

  it('reads days in the calendar zone', () => {
    // Friday 20:00 UTC → Monday 20:00 UTC: in Auckland that is Saturday 09:00 → Tuesday 09:00 NZDT.
    const from = at('2024-01-19T20:00:00Z');
    const to = at('2024-01-22T20:00:00Z');
    expect(businessDaysBetween(from, to, utc)).toBe(1);
    expect(businessDaysBetween(from, to, auckland)).toBe(1.375); // all of Monday + 9/24 of Tuesday
    expect(businessDaysBetween(from, to, la)).toBe(1); // Friday 12:00 → Monday 12:00 PST
  });

  it('gives a 23-hour DST day the weight of one business day', () => {
    const everyDay = cal({ time_zone: 'America/Los_Angeles', working_days: [1, 2, 3, 4, 5, 6, 7] });
    // Sunday 2024-03-10 runs 08:00Z → 07:00Z next day (23 h); 11.5 h into it is half the day.
    expect(businessDaysBetween(at('2024-03-10T08:00:00Z'), at('2024-03-10T19:30:00Z'), everyDay)).toBe(0.5);
    expect(businessDaysBetween(at('2024-03-10T08:00:00Z'), at('2024-03-11T07:00:00Z'), everyDay)).toBe(1);
    // Across the weekend DST change with Mon–Fri: Friday 14:00 PST → Monday 14:00 PDT is one day.
    expect(businessDaysBetween(at('2024-03-08T22:00:00Z'), at('2024-03-11T21:00:00Z'), la)).toBe(1);
  });

  it('measures exactly n between a start and its due instant', () => {
    const holidays = cal({ holidays: ['2024-12-25', '2024-12-26', '2025-01-01'] });
    for (let hours = 0; hours < 24 * 21; hours += 7) {
      const start = new Date(Date.UTC(2024, 11, 16) + hours * 3_600_000);
      for (const n of [0, 1, 3, 5]) {
        expect(businessDaysBetween(start, addBusinessDays(start, n, holidays), holidays)).toBe(n);
      }
    }
  });
});
