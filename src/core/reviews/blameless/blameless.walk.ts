import { joinPath } from '../../shared/validation.js';

/** A string found in a document and where: `response_analysis.what_could_improve[1]`. */
export interface StringAt {
  path: string;
  text: string;
}

/** Every string in a JSON-like value, depth first, in key order, with its path. */
export function collectStrings(value: unknown, path: readonly (string | number)[] = []): StringAt[] {
  if (typeof value === 'string') return [{ path: joinPath('', path), text: value }];
  if (Array.isArray(value))
    return value.flatMap((item: unknown, index) => collectStrings(item, [...path, index]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) =>
      collectStrings(item, [...path, key]),
    );
  }
  return [];
}
