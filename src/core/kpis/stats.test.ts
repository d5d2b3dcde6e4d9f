import { describe, expect, it } from 'vitest';
import { mean, median, percentile, trendOf } from './stats.js';

describe('stats', () => {
  it('interpolates percentiles linearly between closest ranks', () => {
    expect(percentile([1, 2, 5], 0.9)).toBeCloseTo(4.4);
    expect(percentile([10, 1, 7, 3], 0.5)).toBe(5);
    expect(percentile([4], 0.9)).toBe(4);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1);
    expect(percentile([], 0.5)).toBeNull();
    expect(() => percentile([1], 1.5)).toThrow(RangeError);
  });

  it('computes median and mean, null when empty', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([])).toBeNull();
    expect(mean([8, 9, 7, 10, 6])).toBe(8);
    expect(mean([])).toBeNull();
  });

  it('judges trends by the KPI direction and treats no change as not good', () => {
    expect(trendOf(12, 20, 'lower_is_better')).toEqual({ previous: 20, change: -8, direction_good: true });
    expect(trendOf(0.3, 0.1, 'higher_is_better')).toEqual({
      previous: 0.1,
      change: 0.2,
      direction_good: true,
    });
    expect(trendOf(5, 5, 'lower_is_better')?.direction_good).toBe(false);
    expect(trendOf(null, 5, 'lower_is_better')).toBeUndefined();
    expect(trendOf(5, null, 'lower_is_better')).toBeUndefined();
  });
});
