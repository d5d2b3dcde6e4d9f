import { z } from 'zod';

const Rating = z
  .number()
  .int({ message: 'must be a whole number from 1 to 10' })
  .min(1, { message: 'must be a whole number from 1 to 10' })
  .max(10, { message: 'must be a whole number from 1 to 10' });

const Answer = z.string().trim().max(5_000, { message: 'must be at most 5000 characters' }).default('');

/**
 * A participant's feedback on a response (SEC10-BP08 Example 1): how well the response went and how
 * effective the improvements are (1–10, the improvement effectiveness score), what went well and what to
 * improve. Anonymous feedback stores no identity at all.
 */
export const FeedbackInput = z.strictObject({
  response_rating: Rating,
  improvement_rating: Rating,
  went_well: Answer,
  to_improve: Answer,
  anonymous: z.boolean().default(false),
});
export type FeedbackInput = z.infer<typeof FeedbackInput>;

/** Feedback as stored: the participant is absent when it was given anonymously; only the day is kept. */
export interface StoredFeedback {
  id: string;
  incident_id: string;
  participant: string | null;
  response_rating: number;
  improvement_rating: number;
  went_well: string;
  to_improve: string;
  submitted_on: string;
}

/** A feedback request: one per participant and incident; the token itself is only in the link sent. */
export interface FeedbackRequest {
  token_hash: string;
  incident_id: string;
  participant: string;
  requested_at: string;
  deadline: string;
  /** The single-use link was used; the answer may be anonymous, so no read path shows this flag. */
  responded: boolean;
  /** Sent by the review workflow; false for the request recorded when someone not asked answered signed in. */
  invited: boolean;
}

export const FeedbackSummary = z.object({
  incident_id: z.string(),
  requested: z.number().int(),
  responses: z.number().int(),
  anonymous: z.number().int(),
  /** Means and medians to one decimal; null without responses. */
  mean_response_rating: z.number().nullable(),
  mean_improvement_rating: z.number().nullable(),
  median_response_rating: z.number().nullable(),
  median_improvement_rating: z.number().nullable(),
  /** Answers, without who gave them, in no meaningful order (not the order given, which could hint at who). */
  went_well: z.array(z.string()),
  to_improve: z.array(z.string()),
});
export type FeedbackSummary = z.infer<typeof FeedbackSummary>;

/**
 * Who was asked for feedback on an incident and who answered by name (never what they answered). Someone who
 * answered anonymously looks exactly like someone who has not answered; only the counts include them.
 */
export const FeedbackStatus = z.object({
  participants: z.array(
    z.object({
      participant: z.string(),
      /** Null for someone not asked who answered by name, signed in. */
      requested_at: z.string().nullable(),
      /** Answered by name; false for an anonymous answer as for no answer. */
      responded: z.boolean(),
    }),
  ),
  summary: z.object({
    /** Participants with a feedback request (asked, or answered signed in without being asked). */
    requested: z.number().int(),
    responses: z.number().int(),
    anonymous: z.number().int(),
    mean_response_rating: z.number().nullable(),
    mean_improvement_rating: z.number().nullable(),
  }),
});
export type FeedbackStatus = z.infer<typeof FeedbackStatus>;

/** What a feedback link shows before the participant answers. */
export const FeedbackRequestView = z.object({
  incident_id: z.string(),
  incident_title: z.string(),
  deadline: z.string().nullable(),
  submitted: z.boolean(),
});
export type FeedbackRequestView = z.infer<typeof FeedbackRequestView>;
