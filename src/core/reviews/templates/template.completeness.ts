import type { ReviewTemplate } from './template.schema.js';

/** A required field the review has not filled: `lessons[1].owner`, labelled for people. */
export interface MissingField {
  path: string;
  label: string;
}

/** Filled means: a non-blank string, a number or boolean, a list with a filled item, an object with a filled value. */
export function isFilled(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim().length > 0;
  if (Array.isArray(value)) return value.some(isFilled);
  if (typeof value === 'object') return Object.values(value).some(isFilled);
  return true;
}

function valueAt(document: unknown, dotted: string): unknown {
  let current: unknown = document;
  for (const key of dotted.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * The template's required fields the review document leaves empty, in template order. A required item
 * field (`lessons[].owner`) needs a non-empty list and the field in every item; each gap is reported at the
 * item (`lessons[2].owner`).
 * @example checkCompleteness(DEFAULT_REVIEW_TEMPLATE, { participants: [] }) // includes { path: 'participants', label: 'Participants' }
 */
export function checkCompleteness(
  template: Pick<ReviewTemplate, 'sections'>,
  document: unknown,
): MissingField[] {
  const missing: MissingField[] = [];
  for (const field of template.sections.flatMap((section) => section.fields)) {
    if (!field.required) continue;
    const [listPath, itemPath] = field.path.split('[].');
    if (itemPath === undefined || listPath === undefined) {
      if (!isFilled(valueAt(document, field.path))) missing.push({ path: field.path, label: field.label });
      continue;
    }
    const list = valueAt(document, listPath);
    if (!Array.isArray(list) || list.length === 0) {
      missing.push({ path: listPath, label: field.label });
      continue;
    }
    list.forEach((item: unknown, i) => {
      if (!isFilled(valueAt(item, itemPath)))
        missing.push({ path: `${listPath}[${i}].${itemPath}`, label: field.label });
    });
  }
  return missing;
}
