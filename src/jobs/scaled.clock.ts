import type { Clock } from '../core/shared/clock.js';

export interface ClockSettings {
  /** Milliseconds added to the wall clock. */
  offset_ms: number;
  /** How many times faster than the wall clock time runs from the anchor (1 = real time). */
  speed: number;
  /** Wall-clock epoch milliseconds from which the speed applies; instances that share it share the time. */
  anchor_ms: number;
}

/**
 * A clock for tests and demos: `anchor + offset + (wall − anchor) × speed`. With the defaults (offset 0,
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
    return new Date(Math.floor(anchor_ms + offset_ms + (this.wall() - anchor_ms) * speed));
  }
}
