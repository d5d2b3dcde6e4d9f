import { z } from 'zod';
import { Severity } from '../../shared/vocabulary.js';
import { REVIEW_FIELD_PATHS, REVIEW_FIELDS } from './template.fields.js';

export const ReviewFieldPath = z.enum(REVIEW_FIELD_PATHS, {
  message: `must be a review document field: ${REVIEW_FIELD_PATHS.join(', ')}`,
});
export type ReviewFieldPath = z.infer<typeof ReviewFieldPath>;

/** One field a template asks for; label and prompt default to the field's standard wording. */
export const TemplateField = z
  .object({
    path: ReviewFieldPath,
    label: z.string().trim().min(1).optional(),
    prompt: z.string().optional(),
    required: z.boolean().default(false),
  })
  .transform((field) => ({
    path: field.path,
    label: field.label ?? REVIEW_FIELDS[field.path].label,
    prompt: field.prompt ?? REVIEW_FIELDS[field.path].prompt,
    required: field.required,
  }));
export type TemplateField = z.infer<typeof TemplateField>;

export const TemplateSection = z.object({
  id: z.string().trim().min(1),
  title: z.string().trim().min(1),
  fields: z.array(TemplateField),
});
export type TemplateSection = z.infer<typeof TemplateSection>;

/** Which incidents a template is for; an empty list means any. */
export const TemplateScope = z.object({
  categories: z.array(z.string().trim().min(1)).default([]),
  severities: z.array(Severity).default([]),
});

/**
 * A post-incident review template: which incidents it applies to, whether they need a review at all
 * (drills and tests do not), when the review is due, how strict sign-off and the blameless check are, and
 * the sections and fields the review must fill.
 */
export const ReviewTemplate = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, { message: 'must be lower-case letters, digits, - or _' }),
    name: z.string().trim().min(1),
    applies_to: TemplateScope.default({ categories: [], severities: [] }),
    requires_review: z.boolean().default(true),
    review_due_business_days: z.number().int().min(0).max(365).default(5),
    forbid_self_approval: z.boolean().default(true),
    blameless: z.enum(['warn', 'block']).default('warn'),
    sections: z.array(TemplateSection).min(1, { message: 'must have at least one section' }),
  })
  .superRefine((template, ctx) => {
    const sectionIds = new Set<string>();
    const paths = new Set<string>();
    template.sections.forEach((section, s) => {
      if (sectionIds.has(section.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['sections', s, 'id'],
          message: `repeats section id ${section.id}`,
        });
      }
      sectionIds.add(section.id);
      section.fields.forEach((field, f) => {
        if (paths.has(field.path)) {
          ctx.addIssue({
            code: 'custom',
            path: ['sections', s, 'fields', f, 'path'],
            message: `field ${field.path} appears in more than one place`,
          });
        }
        paths.add(field.path);
      });
    });
  });
export type ReviewTemplate = z.infer<typeof ReviewTemplate>;
export type ReviewTemplateInput = z.input<typeof ReviewTemplate>;
