import { Instant } from '../shared/vocabulary.js';

/** Milliseconds since the epoch of an ISO-8601 instant with a time zone, or null when it does not parse. */
export function parseInstant(value: string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const parsed = Instant.safeParse(value.trim());
  return parsed.success ? Date.parse(parsed.data) : null;
}

export function minutesBetween(from: number, to: number): number {
  return (to - from) / 60_000;
}
