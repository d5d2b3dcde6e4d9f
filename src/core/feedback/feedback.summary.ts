import type { FeedbackAggregate } from './feedback.ports.js';
import type { FeedbackSummary, StoredFeedback } from './feedback.schema.js';

const oneDecimal = (value: number | null): number | null =>
  value === null ? null : Math.round(value * 10) / 10;

/** The middle rating (the mean of the two middle ones for an even count); null without ratings. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? 0) + upper) / 2;
}

/**
 * The feedback summary a review report shows: counts, means and medians to one decimal (the improvement
 * rating is SEC10-BP08's improvement effectiveness score) and the non-empty answers, without who gave them.
 * @example summarise('INC-2024-0001', { responses: 2, anonymous: 1, mean_response_rating: 7.5, mean_improvement_rating: 6.25 }, list, 3).mean_improvement_rating // 6.3
 */
export function summarise(
  incidentId: string,
  aggregate: FeedbackAggregate,
  list: readonly StoredFeedback[],
  requested: number,
): FeedbackSummary {
  return {
    incident_id: incidentId,
    requested,
    responses: aggregate.responses,
    anonymous: aggregate.anonymous,
    mean_response_rating: oneDecimal(aggregate.mean_response_rating),
    mean_improvement_rating: oneDecimal(aggregate.mean_improvement_rating),
    median_response_rating: oneDecimal(median(list.map((f) => f.response_rating))),
    median_improvement_rating: oneDecimal(median(list.map((f) => f.improvement_rating))),
    went_well: list.map((f) => f.went_well).filter((t) => t !== ''),
    to_improve: list.map((f) => f.to_improve).filter((t) => t !== ''),
  };
}
