import { z } from 'zod';
import { CalendarDate } from '../shared/vocabulary.js';

/** What an action notification carries; the same payload goes to webhooks and SNS as `data`. */
export const ActionMessageData = z.object({
  action_id: z.string(),
  title: z.string(),
  due_date: CalendarDate,
  priority: z.string(),
  /** `user:alice` or `team:sre`. */
  owner: z.string(),
  days_to_due: z.number().int().optional(),
  days_overdue: z.number().int().optional(),
  verified_by: z.string().optional(),
  evidence_kind: z.string().optional(),
  link: z.string().optional(),
});
export type ActionMessageData = z.infer<typeof ActionMessageData>;

export const ReviewMessageData = z.object({
  incident_id: z.string(),
  incident_title: z.string(),
  /** When the review meeting is (ISO instant). */
  review_at: z.string().optional(),
  /** When feedback is due (ISO instant or date). */
  deadline: z.string().optional(),
  link: z.string().optional(),
});
export type ReviewMessageData = z.infer<typeof ReviewMessageData>;

export const DigestReason = z.enum(['assigned', 'due_soon', 'overdue', 'escalated', 'verified']);
export type DigestReason = z.infer<typeof DigestReason>;

export const DigestItem = ActionMessageData.extend({ reason: DigestReason });
export type DigestItem = z.infer<typeof DigestItem>;

export const DigestData = z.object({ date: CalendarDate, items: z.array(DigestItem).min(1) });
export type DigestData = z.infer<typeof DigestData>;
