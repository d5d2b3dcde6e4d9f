/** Small readers for untrusted AWS records: never throw, return null when the shape is not what is hoped. */

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The object at `key`, or an empty object. */
export const objectAt = (value: unknown, key: string): Json => {
  const inner = isObject(value) ? value[key] : undefined;
  return isObject(inner) ? inner : {};
};

/** A non-empty string at `key` (numbers are written out), or null. */
export const stringAt = (value: unknown, key: string): string | null => {
  const inner = isObject(value) ? value[key] : undefined;
  if (typeof inner === 'string') return inner.length > 0 ? inner : null;
  if (typeof inner === 'number' && Number.isFinite(inner)) return String(inner);
  return null;
};

export const numberAt = (value: unknown, key: string): number | null => {
  const inner = isObject(value) ? value[key] : undefined;
  if (typeof inner === 'number' && Number.isFinite(inner)) return inner;
  if (typeof inner === 'string' && inner.trim() !== '' && Number.isFinite(Number(inner)))
    return Number(inner);
  return null;
};

export const arrayAt = (value: unknown, key: string): unknown[] => {
  const inner = isObject(value) ? value[key] : undefined;
  return Array.isArray(inner) ? inner : [];
};

/** The first non-null result of `read` over `keys`. */
export function firstOf(value: unknown, keys: readonly string[]): string | null {
  for (const key of keys) {
    const found = stringAt(value, key);
    if (found !== null) return found;
  }
  return null;
}

/** Reads a key in either wire (camelCase) or SDK (PascalCase) spelling. */
export function anyCase(value: unknown, camel: string): unknown {
  if (!isObject(value)) return undefined;
  if (camel in value) return value[camel];
  const pascal = camel.charAt(0).toUpperCase() + camel.slice(1);
  return value[pascal];
}

/** Shortens long free text for a one-line summary. */
export function clip(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
