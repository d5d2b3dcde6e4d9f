import { describe, expect, it } from 'vitest';
import { ScaledClock } from './scaled.clock.js';

describe('ScaledClock', () => {
  it('runs speed times faster from the anchor, shifted by the offset, and stands still before it', () => {
    let wall = 1_000_000;
    const clock = new ScaledClock({ anchor_ms: 1_000_000, offset_ms: 5_000, speed: 60 }, () => wall);
    expect(clock.now().getTime()).toBe(1_005_000);
    wall += 1_000;
    expect(clock.now().getTime()).toBe(1_005_000 + 60_000);
    wall = 999_000;
    expect(clock.now().getTime(), 'held still before the anchor').toBe(1_005_000);
  });

  it('is the wall clock with the defaults', () => {
    const clock = new ScaledClock({ anchor_ms: 0, offset_ms: 0, speed: 1 }, () => 1_700_000_000_000);
    expect(clock.now().toISOString()).toBe('2023-11-14T22:13:20.000Z');
  });
});
