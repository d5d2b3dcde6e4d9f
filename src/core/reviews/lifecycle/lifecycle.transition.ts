import type { Actor } from '../../shared/actor.js';
import { DomainError, forbidden, invalid, type Problem } from '../../shared/errors.js';
import type { Role } from '../../shared/vocabulary.js';
import type { BlamelessFinding } from '../blameless/blameless.finding.js';
import type { ReviewTemplate } from '../templates/template.schema.js';
import type { ReviewAssessment } from './lifecycle.assess.js';
import { invalidTransitionMessage } from './lifecycle.messages.js';
import { TRANSITIONS, type ReviewAction, type ReviewSignoff, type ReviewStatus } from './lifecycle.schema.js';

/** The parts of a review the lifecycle reads. */
export interface ReviewState {
  status: ReviewStatus;
  author_id: string;
  /** Who submitted the current round for review; null while a draft. */
  submitted_by: string | null;
}

export interface TransitionResult {
  status: ReviewStatus;
  submitted_by: string | null;
  signoff: ReviewSignoff;
  /** Blameful phrasing found on submit when the template only warns; empty otherwise. */
  warnings: BlamelessFinding[];
}

const ROLES_FOR: Record<ReviewAction, readonly Role[]> = {
  submit: ['responder', 'reviewer', 'admin'],
  request_changes: ['responder', 'reviewer', 'admin'],
  approve: ['reviewer', 'admin'],
  publish: ['reviewer', 'admin'],
  reopen: ['reviewer', 'admin'],
};

function blamefulProblems(findings: readonly BlamelessFinding[]): Problem[] {
  return findings.map((f) => ({ path: f.path, problem: `"${f.phrase}": ${f.message} ${f.suggestion}` }));
}

function checkSubmit(template: Pick<ReviewTemplate, 'blameless'>, assessment: ReviewAssessment): void {
  const missing: Problem[] = assessment.missing.map((m) => ({
    path: m.path,
    problem: `${m.label} is required`,
  }));
  const blameful = template.blameless === 'block' ? blamefulProblems(assessment.findings) : [];
  if (missing.length > 0) {
    // Blameful phrasing rides along so the author can fix everything in one pass.
    const also = blameful.length > 0 ? `; also ${blameful.length} blameful phrase(s) to reword` : '';
    throw invalid(
      'review_incomplete',
      `the review cannot be submitted until these fields are filled: ${missing.map((p) => p.path).join(', ')}${also}`,
      [...missing, ...blameful],
    );
  }
  if (blameful.length > 0) {
    throw invalid(
      'blameful_language',
      `the review template requires blameless language; reword ${blameful.length} phrase(s): ${blameful.map((p) => p.path).join(', ')}`,
      blameful,
    );
  }
}

/**
 * Moves a review through draft → in_review → approved → published (request_changes and reopen lead back to
 * draft) and returns the new state with its sign-off record. Pure: the caller loads the review, assesses the
 * document (`assessReview`) and stores the result. Throws DomainError:
 * - `role_required` (forbidden): viewers change nothing; approve, publish and reopen need reviewer or admin;
 * - `invalid_transition` (conflict): the action is not allowed from the current state, with what to do instead;
 * - `self_approval_forbidden` (forbidden): the author or submitter approves while the template forbids it;
 * - `review_incomplete` / `blameful_language` (invalid): on submit, listing each field or phrase as a problem.
 * @example applyTransition({ status: 'draft', author_id: 'u1', submitted_by: null }, 'submit', alice, template, assessment, clock.now())
 */
export function applyTransition(
  review: ReviewState,
  action: ReviewAction,
  actor: Actor,
  template: Pick<ReviewTemplate, 'forbid_self_approval' | 'blameless'>,
  assessment: ReviewAssessment,
  now: Date,
): TransitionResult {
  if (actor.role === 'viewer') {
    throw forbidden('role_required', `viewers can read reviews but not ${action.replace('_', ' ')} them`);
  }
  const move = TRANSITIONS[action];
  if (!move.from.includes(review.status)) {
    throw new DomainError('conflict', 'invalid_transition', invalidTransitionMessage(action, review.status));
  }
  const roles = ROLES_FOR[action];
  if (!roles.includes(actor.role)) {
    throw forbidden(
      'role_required',
      `to ${action.replace('_', ' ')} a review you need the role ${roles.join(' or ')}`,
    );
  }
  if (action === 'approve' && template.forbid_self_approval) {
    if (actor.id === review.author_id || actor.id === review.submitted_by) {
      throw forbidden(
        'self_approval_forbidden',
        'this review template forbids approving a review you wrote or submitted; ask another reviewer',
      );
    }
  }
  let warnings: BlamelessFinding[] = [];
  if (action === 'submit') {
    checkSubmit(template, assessment);
    warnings = [...assessment.findings];
  }
  return {
    status: move.to,
    submitted_by: action === 'submit' ? actor.id : move.to === 'draft' ? null : review.submitted_by,
    signoff: {
      action,
      from: review.status,
      to: move.to,
      by: actor.id,
      by_name: actor.name,
      at: now.toISOString(),
    },
    warnings,
  };
}
