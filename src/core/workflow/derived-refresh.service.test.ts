import { describe, expect, it } from 'vitest';
import { dayNumber } from '../calendar/calendar.dates.js';
import { dailySlotAt } from './derived-refresh.service.js';

const iso = (slot: { at: Date; next: Date }) => [slot.at.toISOString(), slot.next.toISOString()];

describe('the daily refresh time', () => {
  it("is today's hour once it has come, else yesterday's", () => {
    const before = dailySlotAt(new Date('2024-01-16T02:59:59Z'), 3, 'UTC');
    expect(iso(before)).toEqual(['2024-01-15T03:00:00.000Z', '2024-01-16T03:00:00.000Z']);
    expect(before.day).toBe(dayNumber('2024-01-15'));
    const at = dailySlotAt(new Date('2024-01-16T03:00:00Z'), 3, 'UTC');
    expect(iso(at)).toEqual(['2024-01-16T03:00:00.000Z', '2024-01-17T03:00:00.000Z']);
    expect(at.day).toBe(dayNumber('2024-01-16'));
  });

  it("follows the working calendar's zone, its local date naming the day", () => {
    // 03:00 in Auckland (UTC+13 in January) is 14:00 UTC the day before.
    const slot = dailySlotAt(new Date('2024-01-16T15:00:00Z'), 3, 'Pacific/Auckland');
    expect(iso(slot)).toEqual(['2024-01-16T14:00:00.000Z', '2024-01-17T14:00:00.000Z']);
    expect(slot.day).toBe(dayNumber('2024-01-17'));
  });

  it('moves an hour skipped by a DST change forward, and spans the shorter day', () => {
    // Berlin skips 02:00-03:00 on 2024-03-31: 02:00 is read as 03:00 CEST (01:00 UTC).
    const slot = dailySlotAt(new Date('2024-03-31T12:00:00Z'), 2, 'Europe/Berlin');
    expect(iso(slot)).toEqual(['2024-03-31T01:00:00.000Z', '2024-04-01T00:00:00.000Z']);
  });
});
