import { z } from 'zod';
import { ReviewStatus } from '../review.status.js';

// One status vocabulary for the stored review and its lifecycle.
export { ReviewStatus };

export const ReviewAction = z.enum(['submit', 'request_changes', 'approve', 'publish', 'reopen']);
export type ReviewAction = z.infer<typeof ReviewAction>;

/** Who moved a review from one state to another, and when; one per transition, kept as the audit trail. */
export const ReviewSignoff = z.object({
  action: ReviewAction,
  from: ReviewStatus,
  to: ReviewStatus,
  by: z.string(),
  by_name: z.string(),
  /** ISO-8601 instant, UTC. */
  at: z.string(),
});
export type ReviewSignoff = z.infer<typeof ReviewSignoff>;

/** The legal moves: action → the states it may start from, and where it leads. */
export const TRANSITIONS: Readonly<
  Record<ReviewAction, { from: readonly ReviewStatus[]; to: ReviewStatus }>
> = {
  submit: { from: ['draft'], to: 'in_review' },
  request_changes: { from: ['in_review'], to: 'draft' },
  approve: { from: ['in_review'], to: 'approved' },
  publish: { from: ['approved'], to: 'published' },
  reopen: { from: ['approved', 'published'], to: 'draft' },
};

/** The actions allowed from a state, for showing the right buttons. */
export function actionsFrom(status: ReviewStatus): ReviewAction[] {
  return ReviewAction.options.filter((action) => TRANSITIONS[action].from.includes(status));
}
