import { describe, expect, it } from 'vitest';
import { WorkingCalendar, DEFAULT_WORKING_CALENDAR } from './calendar.schema.js';
import { addDays, isoWeekday } from './calendar.dates.js';
import { instantOf, localDate, startOfLocalDay, wallClock } from './calendar.zone.js';

describe('localDate', () => {
  it('gives the date in the zone, which can differ from the UTC date', () => {
    const instant = new Date('2024-01-15T20:00:00Z');
    expect(localDate(instant, 'UTC')).toBe('2024-01-15');
    expect(localDate(instant, 'Pacific/Auckland')).toBe('2024-01-16');
    expect(localDate(new Date('2024-01-16T05:00:00Z'), 'America/Los_Angeles')).toBe('2024-01-15');
  });

  it('reads the wall clock with milliseconds', () => {
    expect(wallClock(new Date('2024-07-01T23:59:58.250Z'), 'Europe/Berlin')).toEqual({
      date: '2024-07-02',
      hour: 1,
      minute: 59,
      second: 58,
      millisecond: 250,
    });
  });
});

describe('instantOf', () => {
  it('round-trips ordinary wall-clock times', () => {
    const wall = { date: '2024-06-15', hour: 9, minute: 30, second: 0, millisecond: 0 };
    expect(instantOf(wall, 'America/Los_Angeles').toISOString()).toBe('2024-06-15T16:30:00.000Z');
    expect(instantOf(wall, 'Pacific/Auckland').toISOString()).toBe('2024-06-14T21:30:00.000Z');
  });

  it('finds the start of a 23-hour day', () => {
    expect(startOfLocalDay('2024-03-31', 'Europe/Berlin').toISOString()).toBe('2024-03-30T23:00:00.000Z');
    expect(startOfLocalDay('2024-04-01', 'Europe/Berlin').toISOString()).toBe('2024-03-31T22:00:00.000Z');
  });
});

describe('calendar dates', () => {
  it('computes ISO weekdays and day steps across year ends and leap days', () => {
    expect(isoWeekday('2024-01-15')).toBe(1);
    expect(isoWeekday('2024-01-21')).toBe(7);
    expect(isoWeekday('1970-01-01')).toBe(4);
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});

describe('WorkingCalendar', () => {
  it('defaults to Monday–Friday in UTC without holidays', () => {
    expect(DEFAULT_WORKING_CALENDAR).toEqual({
      time_zone: 'UTC',
      working_days: [1, 2, 3, 4, 5],
      holidays: [],
    });
  });

  it('names every bad field', () => {
    const result = WorkingCalendar.safeParse({
      time_zone: 'Mars/Olympus',
      working_days: [1, 1, 8],
      holidays: ['2024-13-01'],
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['time_zone', 'working_days.2', 'holidays.0']));
    expect(WorkingCalendar.safeParse({ working_days: [1, 1] }).success).toBe(false);
    expect(WorkingCalendar.safeParse({ working_days: [] }).success).toBe(false);
  });
});

describe('bad input', () => {
  it('refuses impossible dates and invalid instants with domain errors', () => {
    expect(() => isoWeekday('2024-02-30')).toThrow(
      expect.objectContaining({ code: 'calendar_date_invalid' }),
    );
    expect(() => addDays('2024-1-5', 1)).toThrow(expect.objectContaining({ code: 'calendar_date_invalid' }));
    expect(() => localDate(new Date('nope'), 'UTC')).toThrow(
      expect.objectContaining({ code: 'instant_invalid' }),
    );
  });
});
