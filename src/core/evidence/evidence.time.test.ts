import { describe, expect, it } from 'vitest';
import { toUtcInstant } from './evidence.time.js';

/** The general path: what every string was read as before whole seconds in UTC were read by hand. */
const viaDate = (text: string): string | null => {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
};

describe('toUtcInstant', () => {
  it('reads offsets, fractions and a space for T into UTC with milliseconds', () => {
    expect(toUtcInstant('2017-02-04T06:10:33.880000-05:00')).toBe('2017-02-04T11:10:33.880Z');
    expect(toUtcInstant('2017-02-04 06:10:33Z')).toBe('2017-02-04T06:10:33.000Z');
    expect(toUtcInstant(' 2017-02-04T06:10:33+0100 ')).toBe('2017-02-04T05:10:33.000Z');
    expect(toUtcInstant(1_486_188_633_880)).toBe('2017-02-04T06:10:33.880Z');
    expect(toUtcInstant(new Date('2017-02-04T06:10:33Z'))).toBe('2017-02-04T06:10:33.000Z');
  });

  it('refuses times without a zone, non-dates and other types', () => {
    expect(toUtcInstant('2017-02-04T06:10:33')).toBeNull();
    expect(toUtcInstant('yesterday')).toBeNull();
    expect(toUtcInstant('2017-13-04T06:10:33Z')).toBeNull();
    expect(toUtcInstant(Number.NaN)).toBeNull();
    expect(toUtcInstant(null)).toBeNull();
    expect(toUtcInstant({ eventTime: '2017-02-04T06:10:33Z' })).toBeNull();
  });

  it('reads whole seconds in UTC exactly as a Date would, including days and hours a Date rolls over', () => {
    const cases = [
      '2024-02-29T23:59:59Z', // leap day
      '2023-02-29T00:00:00Z', // no such day: a Date rolls it to 1 March
      '2000-02-29T12:00:00Z', // leap (divisible by 400)
      '1900-02-29T12:00:00Z', // not leap (divisible by 100)
      '2026-04-31T00:00:00Z',
      '2026-12-31T23:59:59Z',
      '2026-11-01T24:00:00Z', // a Date reads this as the next midnight
      '2026-11-01T23:60:00Z',
      '2026-11-01T23:59:60Z',
      '2026-00-10T00:00:00Z',
      '2026-11-00T00:00:00Z',
      '0000-01-01T00:00:00Z',
    ];
    for (const text of cases) expect(toUtcInstant(text), text).toBe(viaDate(text));
    // every day of a leap year and of a common year, at a few times of day
    for (const year of [2023, 2024]) {
      for (let day = 0; day < 366; day++) {
        const midnight = Date.UTC(year, 0, 1) + day * 86_400_000;
        for (const seconds of [0, 3_599, 86_399]) {
          const text = `${new Date(midnight + seconds * 1000).toISOString().slice(0, 19)}Z`;
          expect(toUtcInstant(text)).toBe(viaDate(text));
        }
      }
    }
  });
});
