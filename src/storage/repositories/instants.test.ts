import { describe, expect, it } from 'vitest';
import { isoOfEpochMs, toIsoOrNull } from './instants.js';

const viaDate = (ms: number): string => new Date(ms).toISOString();

describe('isoOfEpochMs', () => {
  it('writes what Date writes at the edges of its range and of days, months, years and leap days', () => {
    const edges = [
      0,
      1,
      999,
      86_399_999,
      86_400_000,
      Date.UTC(1972, 1, 29, 23, 59, 59, 999), // leap day
      Date.UTC(2000, 1, 29), // leap (divisible by 400)
      Date.UTC(2100, 2, 1) - 1, // 2100-02-28, not leap
      Date.UTC(2024, 11, 31, 23, 59, 59, 999),
      Date.UTC(2025, 0, 1),
      253_402_300_799_999, // 9999-12-31T23:59:59.999Z
    ];
    for (const ms of edges) expect(isoOfEpochMs(ms), String(ms)).toBe(viaDate(ms));
  });

  it('writes what Date writes for a million instants spread over 1970–9999', () => {
    let seed = 42;
    const next = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648), seed / 2_147_483_648);
    for (let i = 0; i < 1_000_000; i++) {
      const ms = Math.floor(next() * 253_402_300_800_000);
      if (isoOfEpochMs(ms) !== viaDate(ms)) expect(isoOfEpochMs(ms), String(ms)).toBe(viaDate(ms));
    }
  });

  it('leaves times before 1970, from the year 10000 on and fractions of a millisecond to Date, and throws for NaN', () => {
    for (const ms of [-1, -86_400_001, 253_402_300_800_000, 1.5, 8.64e15]) {
      expect(isoOfEpochMs(ms)).toBe(viaDate(ms));
    }
    expect(() => isoOfEpochMs(Number.NaN)).toThrow(RangeError);
    expect(toIsoOrNull(null)).toBeNull();
  });
});
