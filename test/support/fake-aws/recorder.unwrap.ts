/**
 * Unwraps a Cloud Custodian "placebo" recording for tests: `{"status_code":200,"data":{…}}` becomes the
 * boto3 response, and `{"__class__":"datetime","year":…}` objects become ISO UTC strings, which is what the
 * AWS wire format carries. Product normalisers only ever see real AWS shapes.
 */
export function unwrapRecording(recording: unknown): unknown {
  const data =
    typeof recording === 'object' && recording !== null && 'data' in recording && 'status_code' in recording
      ? (recording as { data: unknown }).data
      : recording;
  return unwrapDatetimes(data);
}

interface WrappedDatetime {
  __class__: 'datetime';
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  microsecond?: number;
}

function isWrappedDatetime(value: unknown): value is WrappedDatetime {
  return (
    typeof value === 'object' && value !== null && (value as { __class__?: unknown }).__class__ === 'datetime'
  );
}

/** Replaces every wrapped datetime in a value, recursively; the recorder wrote them in UTC. */
export function unwrapDatetimes(value: unknown): unknown {
  if (isWrappedDatetime(value)) {
    const ms = Date.UTC(
      value.year,
      value.month - 1,
      value.day,
      value.hour ?? 0,
      value.minute ?? 0,
      value.second ?? 0,
      Math.floor((value.microsecond ?? 0) / 1000),
    );
    return new Date(ms).toISOString();
  }
  if (Array.isArray(value)) return value.map(unwrapDatetimes);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapDatetimes(v)]));
  }
  return value;
}
