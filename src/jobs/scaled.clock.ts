import type { Clock } from '../core/shared/clock.js';

export interface ClockSettings {
  /** Milliseconds added to the wall clock. */
  offset_ms: number;
  /** How many times faster than the wall clock time runs from the anchor (1 = real time). */
  speed: number;
  /** Wall-clock epoch milliseconds from which the clock runs (at `speed`); instances that share it share the time. */
  anchor_ms: number;
}

/**
 * A clock for tests and demos: `anchor + offset + max(0, wall − anchor) × speed`. With the defaults (offset 0,
 * speed 1) it is the wall clock. Several processes given the same settings agree on the time, so a test
 * can run days of reminders in seconds across server instances.
 */
export class ScaledClock implements Clock {
  constructor(
    private readonly settings: ClockSettings,
    private readonly wall: () => number = Date.now,
  ) {}

  now(): Date {
    const { offset_ms, speed, anchor_ms } = this.settings;
    // Held still before the anchor, so processes started together all begin at the same moment however
    // long each took to start.
    const elapsed = Math.max(0, this.wall() - anchor_ms);
    return new Date(Math.floor(anchor_ms + offset_ms + elapsed * speed));
  }

  get speed(): number {
    return this.settings.speed;
  }
}

/**
 * How many clock milliseconds pass per real millisecond. Leases guard real work (a send, a job run), so
 * a lease read on a fast clock must be this much longer, or it runs out while the work is still going
 * and a second instance repeats it.
 */
export function clockSpeed(clock: Clock): number {
  return clock instanceof ScaledClock ? clock.speed : 1;
}
