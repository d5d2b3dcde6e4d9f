import type { ReviewAction, ReviewStatus } from './lifecycle.schema.js';

const STATE_NAMES: Record<ReviewStatus, string> = {
  draft: 'draft',
  in_review: 'review',
  approved: 'approved state',
  published: 'published state',
};

const VERBS: Record<ReviewAction, string> = {
  submit: 'submit',
  request_changes: 'request changes on',
  approve: 'approve',
  publish: 'publish',
  reopen: 'reopen',
};

// What to do instead, for each illegal (action, state) pair.
const HINTS: Record<ReviewAction, Partial<Record<ReviewStatus, string>>> = {
  submit: {
    in_review: 'it is already in review',
    approved: 'it is already approved; reopen it to change it',
    published: 'it is already published; reopen it to change it',
  },
  request_changes: {
    draft: 'it is not in review; submit it first',
    approved: 'it is already approved; reopen it instead',
    published: 'it is already published; reopen it instead',
  },
  approve: {
    draft: 'submit it for review first',
    approved: 'it is already approved',
    published: 'it is already published',
  },
  publish: {
    draft: 'approve it first',
    in_review: 'approve it first',
    published: 'it is already published',
  },
  reopen: {
    draft: 'it is already a draft',
    in_review: 'request changes instead',
  },
};

/** "cannot publish a review in draft: approve it first" */
export function invalidTransitionMessage(action: ReviewAction, status: ReviewStatus): string {
  const hint = HINTS[action][status];
  return `cannot ${VERBS[action]} a review in ${STATE_NAMES[status]}${hint ? `: ${hint}` : ''}`;
}
