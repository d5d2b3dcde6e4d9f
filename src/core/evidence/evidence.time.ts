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
  const text = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(text)) return null;
  const date = new Date(text.replace(' ', 'T'));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
