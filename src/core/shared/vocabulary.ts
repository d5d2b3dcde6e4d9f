import { z } from 'zod';

/** Incident severity, highest first (SEC10-BP08's scale). */
export const Severity = z.enum(['Critical', 'High', 'Medium', 'Low']);
export type Severity = z.infer<typeof Severity>;
export const SEVERITIES = Severity.options;

/** Priority of a lesson or action; same scale as severity. */
export const Priority = z.enum(['Critical', 'High', 'Medium', 'Low']);
export type Priority = z.infer<typeof Priority>;

/** The four kinds of contributing factor SEC10-BP08 names. */
export const FactorCategory = z.enum(['technical', 'process', 'human', 'organizational']);
export type FactorCategory = z.infer<typeof FactorCategory>;
export const FACTOR_CATEGORIES = FactorCategory.options;

/** Who may do what; checked in the core policy, never in handlers. */
export const Role = z.enum(['viewer', 'responder', 'reviewer', 'admin']);
export type Role = z.infer<typeof Role>;

/** ISO-8601 instant with an offset, normalised to UTC `...Z` on the way in. */
export const Instant = z.iso
  .datetime({
    offset: true,
    message: 'must be an ISO-8601 date-time with a time zone, e.g. 2024-01-15T09:00:00Z',
  })
  .transform((value) => new Date(value).toISOString());

/** Calendar date `YYYY-MM-DD`. */
export const CalendarDate = z.iso.date({ message: 'must be a date in the form YYYY-MM-DD' });
