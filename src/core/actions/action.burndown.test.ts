import { describe, expect, it } from 'vitest';
import { isDomainError } from '../shared/errors.js';
import { burnDownPeriod, sampleInstants } from './action.burndown.js';

describe('burn-down samples', () => {
  it('spaces the samples evenly, both ends included, each dated in the working calendar', () => {
    const samples = sampleInstants('2025-01-01T02:00:00Z', '2025-01-03T02:00:00Z', 3, 'America/New_York');
    expect(samples).toEqual([
      { at_ms: Date.parse('2025-01-01T02:00:00Z'), date: '2024-12-31' },
      { at_ms: Date.parse('2025-01-02T02:00:00Z'), date: '2025-01-01' },
      { at_ms: Date.parse('2025-01-03T02:00:00Z'), date: '2025-01-02' },
    ]);
  });

  it('defaults to the 90 days to now and refuses a start after the end, naming from', () => {
    const now = new Date('2025-04-01T00:00:00Z');
    expect(burnDownPeriod({}, now)).toEqual({
      from: '2025-01-01T00:00:00.000Z',
      to: '2025-04-01T00:00:00.000Z',
    });
    let error: unknown;
    try {
      burnDownPeriod({ from: '2025-05-01T00:00:00.000Z' }, now);
    } catch (e) {
      error = e;
    }
    expect(isDomainError(error) && error.details.map((d) => d.path)).toEqual(['from']);
  });
});
