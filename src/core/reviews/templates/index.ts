export {
  ReviewTemplate,
  TemplateField,
  TemplateSection,
  TemplateScope,
  ReviewFieldPath,
} from './template.schema.js';
export type { ReviewTemplateInput } from './template.schema.js';
export { REVIEW_FIELDS, REVIEW_FIELD_PATHS, SEED_FIELD_PATHS } from './template.fields.js';
export {
  STANDARD_TEMPLATE_YAML,
  DEFAULT_REVIEW_TEMPLATE,
  DRILL_TEMPLATE,
  BUILT_IN_TEMPLATES,
} from './template.standard.js';
export { parseTemplateYaml } from './template.parse.js';
export type { ParseTemplateOptions } from './template.parse.js';
export { templateFromBp2 } from './template.bp2.js';
export { selectTemplate } from './template.select.js';
export { checkCompleteness, isFilled } from './template.completeness.js';
export type { MissingField } from './template.completeness.js';
