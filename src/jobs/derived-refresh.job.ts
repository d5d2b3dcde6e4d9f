import type { DailySlot, DerivedRefreshService } from '../core/workflow/derived-refresh.service.js';
import type { ScheduledJob } from './scheduler.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * The derived tables brought up to date once a day, from a local hour in the working calendar's time zone
 * (as digests are), so the change logs behind them stay bounded when nobody reads KPIs or similar incidents.
 *
 * Why daily at a fixed hour: reads keep the tables current on their own, so this only bounds the logs, and
 * a day's writes is a bound worth having; an hour the operator picks (the quiet of the night by default) is
 * when a refresh that has a day to catch up, or a first build after an upgrade, costs nobody anything.
 * Why only a time that comes while this process runs, never one already past at start-up (as cron does):
 * start-up time and memory right after start matter, a deploy or a crash loop must not turn into a refresh
 * each time, and a day missed because every instance restarted after the hour costs one more day of log,
 * not correctness. The first pass only notes when the process started, reading nothing.
 *
 * Several instances: the day is one tick, claimed with a lease row, so one of them runs it; the refreshes
 * take their own locks besides. The lease is an hour, so if the runner dies mid-refresh, another instance
 * that was up at the hour takes the day over.
 */
export function derivedRefreshJob(refresh: DerivedRefreshService, hour: number): ScheduledJob {
  let startedAt: number | undefined;
  let slot: DailySlot | undefined;
  return {
    name: 'derived-refresh',
    every_ms: DAY_MS,
    lease_ms: HOUR_MS,
    exclusive: true,
    due: async (now) => {
      if (startedAt === undefined) {
        startedAt = now.getTime();
        return undefined;
      }
      // The time zone is read once per slot, not on every pass; a change takes effect from the next day.
      if (!slot || now.getTime() >= slot.next.getTime()) slot = await refresh.slotAt(now, hour);
      return slot.at.getTime() > startedAt ? slot.day : undefined;
    },
    run: (now) => refresh.refresh(now),
  };
}
