export { ReviewStatus, ReviewAction, ReviewSignoff, TRANSITIONS, actionsFrom } from './lifecycle.schema.js';
export { applyTransition } from './lifecycle.transition.js';
export type { ReviewState, TransitionResult } from './lifecycle.transition.js';
export { assessReview } from './lifecycle.assess.js';
export type { ReviewAssessment } from './lifecycle.assess.js';
export { invalidTransitionMessage } from './lifecycle.messages.js';
export { reviewDeadline } from './lifecycle.deadline.js';
export type { ReviewDeadline, DeadlineState } from './lifecycle.deadline.js';
