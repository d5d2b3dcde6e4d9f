import { z } from 'zod';

/** Timing of the review workflow (SEC10-BP08 Example 1). */
export const ReviewWorkflowSettings = z.object({
  /** The review meeting is scheduled this many business days after the incident is resolved. */
  review_after_business_days: z.number().int().min(0).max(30).default(2),
  /** Participants are asked for feedback by this many calendar days after they were asked. */
  feedback_deadline_days: z.number().int().min(1).max(60).default(3),
  /** Participants are reminded every this many days until the review is published. */
  reminder_every_days: z.number().int().min(1).max(30).default(1),
});
export type ReviewWorkflowSettings = z.infer<typeof ReviewWorkflowSettings>;
