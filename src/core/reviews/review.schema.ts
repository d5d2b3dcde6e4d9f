import { z } from 'zod';
import { CalendarDate, FactorCategory, Priority } from '../shared/vocabulary.js';
import { IncidentId } from '../incidents/incident.schema.js';
import { ReviewSignoff } from './lifecycle/lifecycle.schema.js';
import { ReviewStatus } from './review.status.js';

const line = (max = 2_000) => z.string().trim().max(max, `must be at most ${max} characters`);
const required = (max = 2_000) => line(max).min(1, 'must not be empty');
const list = <T extends z.ZodType>(item: T, max = 200) =>
  z.array(item).max(max, `must have at most ${max} entries`).default([]);

/** One entry of the review's timeline (SEC10-BP08 Step 1: time, event, source, action). */
export const ReviewTimelineEvent = z.strictObject({
  time: required(64).describe(
    'When it happened: an ISO date-time, or the wall-clock time as written (09:15).',
  ),
  event: required(),
  source: line(200).nullable().default(null),
  action: line().nullable().default(null),
});

export const FactorSource = z.strictObject({
  analysis: z.enum(['manual', 'five_whys', 'fishbone', 'fault_tree', 'timeline_analysis', 'import']),
  ref: z.string().max(120).optional(),
});

/** A contributing factor: one of many per review; no single root cause is required. */
export const ContributingFactor = z.strictObject({
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, _ or -')
    .optional(),
  category: FactorCategory,
  description: required(),
  primary: z.boolean().default(false),
  evidence: list(line(2_000), 50),
  /** Evidence items of the reviewed incidents that support this factor (checked on save). */
  evidence_ids: list(z.string().min(1).max(100), 50),
  source: FactorSource.default({ analysis: 'manual' }),
});
export type ContributingFactor = z.infer<typeof ContributingFactor>;

export const ReviewLesson = z.strictObject({
  lesson: required(),
  category: line(120).default(''),
  priority: Priority,
  owner: line(200).nullable().default(null),
  due_date: CalendarDate.nullable().default(null),
});

export const ActionItem = z.strictObject({
  action: required(),
  owner: line(200).nullable().default(null),
  due_date: CalendarDate.nullable().default(null),
  success_criteria: line().nullable().default(null),
});

/**
 * A post-incident review: every field of SEC10-BP08's Step 1 template and its Best Practice 2 standard
 * template. The whole document is written at once (PUT), validated by this schema.
 */
export const ReviewDocument = z.strictObject({
  incident_ids: z
    .array(IncidentId)
    .max(50, 'a review covers at most 50 incidents')
    .default([])
    .describe('Incidents this review covers; the first is the one it is filed under.'),
  incident_date: CalendarDate.nullable().default(null),
  review_date: CalendarDate.nullable().default(null),
  facilitator: line(200).nullable().default(null),
  participants: list(required(200), 100),
  summary: z
    .strictObject({
      description: line(20_000).default(''),
      impact: line(5_000).default(''),
      duration: line(500).default(''),
    })
    .default({ description: '', impact: '', duration: '' }),
  timeline: list(ReviewTimelineEvent, 1_000),
  response_analysis: z
    .strictObject({
      what_went_well: list(required(), 100),
      what_could_improve: list(required(), 100),
    })
    .default({ what_went_well: [], what_could_improve: [] }),
  contributing_factors: list(ContributingFactor, 200),
  lessons: list(ReviewLesson, 200),
  action_items: list(ActionItem, 200),
});
export type ReviewDocument = z.infer<typeof ReviewDocument>;
export type ReviewDocumentInput = z.input<typeof ReviewDocument>;

export { ReviewStatus };

export const Review = ReviewDocument.extend({
  id: z.string(),
  incident_id: IncidentId,
  status: ReviewStatus,
  created_by: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  published_at: z.string().nullable(),
  version: z.number().int(),
  /** Who submitted the current round for review; null while a draft. */
  submitted_by: z.string().nullable(),
  /** Every lifecycle transition, oldest first: who moved the review where, and when. */
  signoffs: z.array(ReviewSignoff),
  /** Business days from the incident's resolution to the first publication; null until then. */
  time_to_review_business_days: z.number().nullable(),
});
export type Review = z.infer<typeof Review>;
