import { request } from './http.js';

/**
 * Participant feedback (SEC10-BP08 Example 1): each participant gets a link with a token, rates the response
 * and the improvements 1–10 and answers two questions, optionally anonymously.
 */
export interface FeedbackInput {
  response_rating: number;
  improvement_rating: number;
  went_well: string;
  to_improve: string;
  anonymous: boolean;
}

export interface FeedbackRequestView {
  incident_id: string;
  incident_title: string;
  deadline: string | null;
  submitted: boolean;
}

/** `responded` is true only for a named answer: an anonymous one shows as no answer (counted in the summary). */
export interface FeedbackStatus {
  participants: { participant: string; requested_at: string | null; responded: boolean }[];
  summary: {
    requested: number;
    responses: number;
    anonymous: number;
    mean_response_rating: number | null;
    mean_improvement_rating: number | null;
  };
}

const feedbackPath = (token: string) => `/api/v1/feedback/${encodeURIComponent(token)}`;

export async function getFeedbackRequest(token: string): Promise<FeedbackRequestView> {
  return (await request<FeedbackRequestView>('GET', feedbackPath(token))).data;
}

export async function submitFeedback(token: string, input: FeedbackInput): Promise<void> {
  await request<unknown>('POST', feedbackPath(token), { body: input });
}

/** Who was asked for feedback on a review and who answered. */
export async function feedbackStatus(incidentId: string): Promise<FeedbackStatus> {
  return (
    await request<FeedbackStatus>(
      'GET',
      `/api/v1/incidents/${encodeURIComponent(incidentId)}/review/feedback`,
    )
  ).data;
}

/** The answers without who gave them (shuffled by the server), with mean and median ratings. */
export interface FeedbackSummary {
  responses: number;
  median_response_rating: number | null;
  median_improvement_rating: number | null;
  went_well: string[];
  to_improve: string[];
}

export async function feedbackSummary(incidentId: string): Promise<FeedbackSummary> {
  return (
    await request<FeedbackSummary>(
      'GET',
      `/api/v1/incidents/${encodeURIComponent(incidentId)}/feedback/summary`,
    )
  ).data;
}
