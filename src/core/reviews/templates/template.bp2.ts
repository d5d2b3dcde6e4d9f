import type { Problem } from '../../shared/errors.js';
import { SEED_FIELD_PATHS } from './template.fields.js';
import type { ReviewTemplateInput } from './template.schema.js';

type FieldInput = NonNullable<ReviewTemplateInput['sections'][number]['fields']>[number];
type SectionInput = ReviewTemplateInput['sections'][number];

// "Required", "Required list", or "Required: <prompt>" / "Required list - <prompt>".
const REQUIRED = /^required(?:\s+list)?(?:\s*[:\-–]\s*(.*))?$/i;

const title = (key: string): string => {
  const words = key.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

function fieldOf(seedKey: string, value: unknown, at: string, problems: Problem[]): FieldInput | undefined {
  const path = SEED_FIELD_PATHS[seedKey];
  if (!path) {
    problems.push({ path: at, problem: `no review document field matches ${seedKey}` });
    return undefined;
  }
  if (typeof value !== 'string') {
    problems.push({ path: at, problem: 'must be a prompt string, "Required" or "Required list"' });
    return undefined;
  }
  const marker = REQUIRED.exec(value.trim());
  if (marker) {
    const prompt = marker[1]?.trim();
    return prompt ? { path, required: true, prompt } : { path, required: true };
  }
  return { path, required: false, prompt: value.trim() };
}

function sectionFields(key: string, value: unknown, at: string, problems: Problem[]): FieldInput[] {
  if (typeof value === 'string') {
    const field = fieldOf(key, value, at, problems);
    return field ? [field] : [];
  }
  if (Array.isArray(value)) {
    // A list section describes the fields of each item; items may repeat or extend one another.
    return value.flatMap((item: unknown, i) => {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        problems.push({ path: `${at}[${i}]`, problem: 'must be a mapping of field names to prompts' });
        return [];
      }
      return Object.entries(item).flatMap(([name, prompt]) => {
        const field = fieldOf(`${key}[].${name}`, prompt, `${at}[${i}].${name}`, problems);
        return field ? [field] : [];
      });
    });
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([name, prompt]) => {
      const field = fieldOf(`${key}.${name}`, prompt, `${at}.${name}`, problems);
      return field ? [field] : [];
    });
  }
  problems.push({ path: at, problem: 'must be a mapping, a list of mappings, or a prompt string' });
  return [];
}

function dedupe(fields: FieldInput[]): FieldInput[] {
  const byPath = new Map<string, FieldInput>();
  for (const field of fields) {
    const seen = byPath.get(field.path);
    byPath.set(
      field.path,
      seen ? { ...seen, required: (seen.required ?? false) || (field.required ?? false) } : field,
    );
  }
  return [...byPath.values()];
}

/**
 * Turns the body of a template in SEC10-BP08's Best Practice 2 shape (`post_incident_review:` with
 * sections of `field: "Required" | "Required list" | "prompt"`) into ReviewTemplate input. A required field
 * inside a list section (`lessons_learned: [{ lesson: Required }]`) means every item must have it and the
 * list must not be empty. Returns the problems instead of throwing so the caller reports them all at once.
 */
export function templateFromBp2(
  body: unknown,
  identity: { id: string; name: string },
): { template: ReviewTemplateInput; problems: Problem[] } {
  const problems: Problem[] = [];
  const sections: SectionInput[] = [];
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    problems.push({ path: 'post_incident_review', problem: 'must be a mapping of sections' });
  } else {
    for (const [key, value] of Object.entries(body)) {
      const fields = dedupe(sectionFields(key, value, `post_incident_review.${key}`, problems));
      sections.push({ id: key, title: title(key), fields });
    }
  }
  return { template: { ...identity, sections }, problems };
}
