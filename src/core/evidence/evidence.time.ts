/**
 * Normalises a timestamp to an ISO-8601 UTC string (`...Z`), or null when it cannot be read.
 * Accepts ISO strings with any offset and any number of fraction digits, epoch milliseconds and Dates.
 * A string without a zone is refused rather than guessed, because a local time would misplace evidence.
 *
 * @example toUtcInstant('2017-02-04T06:10:33.880000-05:00') // '2017-02-04T11:10:33.880Z'
 */
export function toUtcInstant(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value === 'number') {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? null : date.toISOString();
  }
  if (typeof value !== 'string') return null;
  const exact = wholeSecondsUtc(value);
  if (exact !== null) return exact;
  const text = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(text)) return null;
  const date = new Date(text.replace(' ', 'T'));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

const WHOLE_SECONDS_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * CloudTrail's own spelling (`2026-11-01T12:34:56Z`) read by hand: building a Date and printing it was a
 * tenth of a CloudTrail import. Returns what the Date path returns, or null to leave the value to it (a day
 * or hour out of range, which Date rolls over, such as `24:00:00`).
 */
function wholeSecondsUtc(text: string): string | null {
  if (text.length !== 20 || !WHOLE_SECONDS_UTC.test(text)) return null;
  const two = (at: number): number => (text.charCodeAt(at) - 48) * 10 + text.charCodeAt(at + 1) - 48;
  const year = two(0) * 100 + two(2);
  const month = two(5);
  const day = two(8);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  if (days === undefined || day < 1 || day > days) return null;
  if (two(11) > 23 || two(14) > 59 || two(17) > 59) return null;
  return `${text.slice(0, 19)}.000Z`;
}
