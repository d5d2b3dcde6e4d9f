import { z } from 'zod';

/** The working calendar review deadlines are counted in. */
export const CALENDAR_KEY = 'calendar';
const TEMPLATE_PREFIX = 'template:';

export const TemplateId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be 1-64 lower-case letters, digits, - or _');

/** `template:standard` */
export const templateKey = (id: string): string => `${TEMPLATE_PREFIX}${id}`;
export const TEMPLATE_KEY_PREFIX = TEMPLATE_PREFIX;
