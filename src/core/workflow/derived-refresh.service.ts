import { dayNumber } from '../calendar/calendar.dates.js';
import { addDays, instantOf, localDate } from '../calendar/index.js';
import { loadReviewSettings } from '../settings/review-settings.js';
import type { SettingsStore } from '../settings/settings.ports.js';

/** What bringing one derived table up to date did: how many rows it re-derived (-1: built from scratch). */
export interface DerivedRefreshStep {
  name: string;
  derived: number;
  ms: number;
}

/**
 * The tables derived from incidents, reviews and actions (similarity index, repeat signatures, KPI facts with
 * their day rollups, action days, overdue groups), kept current from change logs that writes append to. Reads
 * keep them current on their own; `refresh` brings every one up to date at once, as of `now`, and so empties
 * the logs.
 */
export interface DerivedDataStore {
  refresh(now: Date): Promise<DerivedRefreshStep[]>;
}

/** The local hour of the daily refresh when none is configured: the quiet of the night in most organisations. */
export const DEFAULT_DERIVED_REFRESH_HOUR = 3;

/** A daily time: its instant, its local date as a day number, and the instant of the next one. */
export interface DailySlot {
  day: number;
  at: Date;
  next: Date;
}

/**
 * The latest `hour`:00 in `zone` at or before `now`, and the one after it. A local time skipped by a DST
 * change moves forward by the gap (see calendar.zone.ts).
 * @example dailySlotAt(new Date('2024-01-16T02:00:00Z'), 3, 'UTC') // 2024-01-15T03:00Z, next 2024-01-16T03:00Z
 */
export function dailySlotAt(now: Date, hour: number, zone: string): DailySlot {
  const at = (date: string) => instantOf({ date, hour, minute: 0, second: 0, millisecond: 0 }, zone);
  const today = localDate(now, zone);
  const date = at(today).getTime() <= now.getTime() ? today : addDays(today, -1);
  return { day: dayNumber(date), at: at(date), next: at(addDays(date, 1)) };
}

export interface DerivedRefreshDeps {
  derived: DerivedDataStore;
  settings: Pick<SettingsStore, 'get' | 'list'>;
}

/**
 * Keeps the change logs behind the derived tables bounded when nobody reads KPIs or similar incidents for a
 * while: without it, the logs grow until the next read, which then pays for all of it. The time of day follows
 * the working calendar's time zone, as digests do.
 */
export class DerivedRefreshService {
  constructor(private readonly deps: DerivedRefreshDeps) {}

  /** The latest daily refresh time at or before `now`, at local `hour` in the working calendar's zone. */
  async slotAt(now: Date, hour: number): Promise<DailySlot> {
    const { calendar } = await loadReviewSettings(this.deps.settings);
    return dailySlotAt(now, hour, calendar.time_zone);
  }

  /** Brings every derived table up to date: rows re-derived per table (-1: from scratch) and the time taken. */
  async refresh(now: Date): Promise<Record<string, number>> {
    const steps = await this.deps.derived.refresh(now);
    const outcome: Record<string, number> = {};
    for (const step of steps) outcome[step.name] = step.derived;
    outcome.ms = steps.reduce((sum, step) => sum + step.ms, 0);
    return outcome;
  }
}
