/** One changed field between two configuration items. */
export interface ConfigChange {
  path: string;
  before: unknown;
  after: unknown;
}

/** AWS Config writes `configuration` and supplementary values as JSON strings; compare what they hold. */
function decoded(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (text === 'null') return null;
  if (!(text.startsWith('{') || text.startsWith('['))) return value;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return value;
  }
}

const isPlain = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The fields that differ between two configurations, as `{ path, before, after }` with dotted paths and
 * `[i]` for array positions (`ipPermissions[0].ipRanges[0]`). JSON-string values are decoded first, so a
 * change inside Config's stringified `configuration` is reported field by field. Missing is `undefined`.
 *
 * @example diffConfiguration({ a: 1, b: [1] }, { a: 2, b: [1, 2] })
 * // [{ path: 'a', before: 1, after: 2 }, { path: 'b[1]', before: undefined, after: 2 }]
 */
export function diffConfiguration(prev: unknown, next: unknown, path = ''): ConfigChange[] {
  const before = decoded(prev);
  const after = decoded(next);
  if (isPlain(before) && isPlain(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => diffConfiguration(before[key], after[key], path ? `${path}.${key}` : key));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const out: ConfigChange[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      out.push(...diffConfiguration(before[i], after[i], `${path}[${i}]`));
    }
    return out;
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path: path || '(root)', before, after }];
}
