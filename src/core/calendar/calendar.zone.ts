/**
 * Wall-clock time in an IANA zone using only Intl. An instant maps to one wall-clock reading; a wall-clock
 * reading maps back to zero instants (DST gap), one, or two (DST overlap), resolved like Temporal's
 * `compatible` disambiguation: a time in a gap moves forward by the gap, a time in an overlap takes the
 * earlier instant.
 */

import { invalid } from '../shared/errors.js';

export interface WallClock {
  /** `YYYY-MM-DD` */
  date: string;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The wall-clock reading of `instant` in `zone`. */
export function wallClock(instant: Date, zone: string): WallClock {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw invalid('instant_invalid', 'the instant is not a valid date');
  const parts: Record<string, string> = {};
  for (const part of formatterFor(zone).formatToParts(instant)) parts[part.type] = part.value;
  const year = Number(parts.year);
  const yearText = year < 0 ? `-${String(-year).padStart(6, '0')}` : String(year).padStart(4, '0');
  return {
    date: `${yearText}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: ((ms % 1000) + 1000) % 1000,
  };
}

/**
 * The calendar date (`YYYY-MM-DD`) of an instant in a zone.
 * @example localDate(new Date('2024-01-15T20:00:00Z'), 'Pacific/Auckland') // '2024-01-16'
 */
export function localDate(instant: Date, zone: string): string {
  return wallClock(instant, zone).date;
}

function wallAsUtcMs(wall: WallClock): number {
  const [y, m, d] = wall.date.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, wall.hour, wall.minute, wall.second, wall.millisecond);
}

/** The zone's offset from UTC, in ms, at an instant. */
function offsetAt(ms: number, zone: string): number {
  return wallAsUtcMs(wallClock(new Date(ms), zone)) - ms;
}

/** The instant at which the zone's clocks read `wall` (see the module note on gaps and overlaps). */
export function instantOf(wall: WallClock, zone: string): Date {
  const local = wallAsUtcMs(wall);
  // Offsets a day either side bracket any single transition near this reading.
  const before = offsetAt(local - 86_400_000, zone);
  const after = offsetAt(local + 86_400_000, zone);
  const candidates = [local - before, local - after]
    .filter((ms) => offsetAt(ms, zone) === local - ms)
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first !== undefined) return new Date(first);
  // In a gap: read the wall time with the offset in force before the jump, which lands after it.
  return new Date(local - before);
}

/** The first instant of a calendar date in a zone (usually local midnight; later if midnight is skipped). */
export function startOfLocalDay(date: string, zone: string): Date {
  return instantOf({ date, hour: 0, minute: 0, second: 0, millisecond: 0 }, zone);
}
