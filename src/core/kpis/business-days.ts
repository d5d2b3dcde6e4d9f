const DAY_MS = 86_400_000;

/**
 * Business days from one instant to a later one: the number of weekdays (Monday–Friday, UTC calendar dates)
 * after the start date up to and including the end date. No holiday calendar. A review published the same day
 * is 0; resolved on Friday and published on Monday is 1; resolved on Saturday and published on Monday is 1.
 * The SQL stores implement the same rule. Negative spans (end before start) return a negative count.
 */
export function businessDaysBetween(from: string | Date, to: string | Date): number {
  const start = utcDay(from);
  const end = utcDay(to);
  if (end < start) return -businessDaysBetween(new Date(end * DAY_MS), new Date(start * DAY_MS));
  const days = end - start;
  const fullWeeks = Math.floor(days / 7);
  let count = fullWeeks * 5;
  // Walk the remaining (< 7) days one by one: cheap and obviously right.
  for (let d = start + fullWeeks * 7 + 1; d <= end; d++) {
    if (isWeekday(d)) count++;
  }
  return count;
}

function utcDay(value: string | Date): number {
  const ms = new Date(value).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not a date: ${String(value)}`);
  return Math.floor(ms / DAY_MS);
}

function isWeekday(dayNumber: number): boolean {
  // 1970-01-01 (day 0) was a Thursday: 0=Thu … 2=Sat, 3=Sun.
  const dow = (((dayNumber + 4) % 7) + 7) % 7; // 0=Sunday
  return dow !== 0 && dow !== 6;
}
