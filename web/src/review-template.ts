import type { ReviewDocument } from './api/reviews.js';

/** One field of the review form, by its path in the review document. */
export interface TemplateField {
  path: string;
  label: string;
  prompt: string;
  required: boolean;
}

/**
 * SEC10-BP08's Standard Post-Incident Review Template (Best Practice 2) as the form's layout: the same field
 * paths, labels, prompts and "Required" markers as the server's default template.
 */
export const STANDARD_TEMPLATE: {
  name: string;
  sections: { id: string; title: string; fields: TemplateField[] }[];
} = {
  name: 'SEC10-BP08 standard post-incident review',
  sections: [
    {
      id: 'metadata',
      title: 'Metadata',
      fields: [
        {
          path: 'incident_ids',
          label: 'Incident IDs',
          prompt: 'Which incidents does this review cover?',
          required: true,
        },
        {
          path: 'incident_date',
          label: 'Incident date',
          prompt: 'When did the incident happen?',
          required: false,
        },
        { path: 'review_date', label: 'Review date', prompt: 'When was the review held?', required: true },
        { path: 'facilitator', label: 'Facilitator', prompt: 'Who facilitated the review?', required: true },
        {
          path: 'participants',
          label: 'Participants',
          prompt: 'Who took part in the review?',
          required: true,
        },
      ],
    },
    {
      id: 'overview',
      title: 'Incident overview',
      fields: [
        { path: 'summary.description', label: 'Description', prompt: 'What happened?', required: false },
        {
          path: 'summary.impact',
          label: 'Impact',
          prompt: 'What was the business/technical impact?',
          required: false,
        },
        {
          path: 'summary.duration',
          label: 'Duration',
          prompt: 'Time from detection to resolution',
          required: false,
        },
        { path: 'timeline', label: 'Timeline', prompt: 'Key events and timeline', required: false },
      ],
    },
    {
      id: 'analysis',
      title: 'Analysis',
      fields: [
        {
          path: 'response_analysis.what_went_well',
          label: 'What went well',
          prompt: 'What aspects of the response were effective?',
          required: false,
        },
        {
          path: 'response_analysis.what_could_improve',
          label: 'What could improve',
          prompt: 'What could have been done better?',
          required: false,
        },
        {
          path: 'contributing_factors',
          label: 'Contributing factors',
          prompt: 'What were the underlying causes?',
          required: false,
        },
      ],
    },
    {
      id: 'lessons',
      title: 'Lessons learned',
      fields: [{ path: 'lessons', label: 'Lessons learned', prompt: 'What did we learn?', required: false }],
    },
    {
      id: 'actions',
      title: 'Action items',
      fields: [
        { path: 'action_items', label: 'Action items', prompt: 'What will we change?', required: false },
      ],
    },
  ],
};

/** Whether a field of the document has a value (a non-empty text or list). */
export function isFilled(document: ReviewDocument, path: string): boolean {
  let value: unknown = document;
  for (const key of path.split('.')) value = (value as Record<string, unknown> | null)?.[key];
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'string') return value.trim().length > 0;
  return value !== null && value !== undefined;
}

export function requiredStatus(document: ReviewDocument): { field: TemplateField; filled: boolean }[] {
  return STANDARD_TEMPLATE.sections.flatMap((s) =>
    s.fields.filter((f) => f.required).map((field) => ({ field, filled: isFilled(document, field.path) })),
  );
}

export function fieldOf(path: string): TemplateField {
  for (const section of STANDARD_TEMPLATE.sections) {
    const found = section.fields.find((f) => f.path === path);
    if (found) return found;
  }
  return { path, label: path, prompt: '', required: false };
}
