import { describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/actor.js';
import { ManualClock } from '../../shared/clock.js';
import { DomainError } from '../../shared/errors.js';
import type { Role } from '../../shared/vocabulary.js';
import { DEFAULT_REVIEW_TEMPLATE } from '../templates/template.standard.js';
import { assessReview, type ReviewAssessment } from './lifecycle.assess.js';
import { ReviewAction, ReviewStatus, TRANSITIONS, actionsFrom } from './lifecycle.schema.js';
import { applyTransition, type ReviewState } from './lifecycle.transition.js';

const clock = new ManualClock('2024-01-22T10:00:00Z');
const person = (id: string, role: Role): Actor => ({
  id,
  name: id.toUpperCase(),
  role,
  teamIds: [],
  via: 'session',
});
const author = person('alice', 'responder');
const reviewer = person('rita', 'reviewer');
const admin = person('adam', 'admin');
const viewer = person('vic', 'viewer');
const clean: ReviewAssessment = { missing: [], findings: [] };
const warn = { forbid_self_approval: true, blameless: 'warn' as const };
const review = (status: ReviewStatus, submitted_by: string | null = null): ReviewState => ({
  status,
  author_id: 'alice',
  submitted_by,
});

function errorOf(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('applyTransition: legal moves', () => {
  it('walks draft → in_review → approved → published and records each sign-off', () => {
    const submitted = applyTransition(review('draft'), 'submit', author, warn, clean, clock.now());
    expect(submitted).toEqual({
      status: 'in_review',
      submitted_by: 'alice',
      signoff: {
        action: 'submit',
        from: 'draft',
        to: 'in_review',
        by: 'alice',
        by_name: 'ALICE',
        at: '2024-01-22T10:00:00.000Z',
      },
      warnings: [],
    });
    clock.advance(3_600_000);
    const approved = applyTransition(
      review('in_review', 'alice'),
      'approve',
      reviewer,
      warn,
      clean,
      clock.now(),
    );
    expect(approved.status).toBe('approved');
    expect(approved.submitted_by).toBe('alice');
    expect(approved.signoff).toEqual({
      action: 'approve',
      from: 'in_review',
      to: 'approved',
      by: 'rita',
      by_name: 'RITA',
      at: '2024-01-22T11:00:00.000Z',
    });
    const published = applyTransition(
      review('approved', 'alice'),
      'publish',
      admin,
      warn,
      clean,
      clock.now(),
    );
    expect(published.status).toBe('published');
  });

  it('returns to draft on request_changes and reopen, clearing the submitter', () => {
    expect(
      applyTransition(review('in_review', 'alice'), 'request_changes', reviewer, warn, clean, clock.now()),
    ).toMatchObject({
      status: 'draft',
      submitted_by: null,
    });
    for (const from of ['approved', 'published'] as const) {
      const result = applyTransition(review(from, 'alice'), 'reopen', reviewer, warn, clean, clock.now());
      expect(result).toMatchObject({ status: 'draft', submitted_by: null, signoff: { from, to: 'draft' } });
    }
  });

  it('lists the actions each state allows', () => {
    expect(actionsFrom('draft')).toEqual(['submit']);
    expect(actionsFrom('in_review')).toEqual(['request_changes', 'approve']);
    expect(actionsFrom('approved')).toEqual(['publish', 'reopen']);
    expect(actionsFrom('published')).toEqual(['reopen']);
  });
});

describe('applyTransition: illegal moves', () => {
  it('refuses every move not in the table with invalid_transition', () => {
    let refused = 0;
    for (const action of ReviewAction.options) {
      for (const status of ReviewStatus.options) {
        if (TRANSITIONS[action].from.includes(status)) continue;
        const error = errorOf(() =>
          applyTransition(review(status, 'alice'), action, admin, warn, clean, clock.now()),
        );
        expect(error.code).toBe('invalid_transition');
        expect(error.kind).toBe('conflict');
        refused += 1;
      }
    }
    expect(refused).toBe(14);
  });

  it('says what to do instead', () => {
    const message = (status: ReviewStatus, action: ReviewAction) =>
      errorOf(() => applyTransition(review(status), action, admin, warn, clean, clock.now())).message;
    expect(message('draft', 'publish')).toBe('cannot publish a review in draft: approve it first');
    expect(message('draft', 'approve')).toBe('cannot approve a review in draft: submit it for review first');
    expect(message('in_review', 'reopen')).toBe('cannot reopen a review in review: request changes instead');
    expect(message('published', 'submit')).toBe(
      'cannot submit a review in published state: it is already published; reopen it to change it',
    );
  });
});

describe('applyTransition: roles', () => {
  it('lets a viewer do nothing', () => {
    for (const action of ReviewAction.options) {
      const error = errorOf(() =>
        applyTransition(review('in_review'), action, viewer, warn, clean, clock.now()),
      );
      expect([error.kind, error.code]).toEqual(['forbidden', 'role_required']);
    }
  });

  it('keeps approve, publish and reopen for reviewers and admins', () => {
    const responder = person('bob', 'responder');
    const cases: Array<[ReviewStatus, ReviewAction]> = [
      ['in_review', 'approve'],
      ['approved', 'publish'],
      ['published', 'reopen'],
    ];
    for (const [status, action] of cases) {
      const error = errorOf(() =>
        applyTransition(review(status), action, responder, warn, clean, clock.now()),
      );
      expect(error.code).toBe('role_required');
      expect(error.message).toMatch(/reviewer or admin/);
    }
    expect(
      applyTransition(review('in_review'), 'request_changes', responder, warn, clean, clock.now()).status,
    ).toBe('draft');
  });
});

describe('applyTransition: self-approval', () => {
  const selfReviewer = person('alice', 'reviewer');

  it('refuses the author and the submitter when the template forbids it', () => {
    const byAuthor = errorOf(() =>
      applyTransition(review('in_review', 'bob'), 'approve', selfReviewer, warn, clean, clock.now()),
    );
    expect([byAuthor.kind, byAuthor.code]).toEqual(['forbidden', 'self_approval_forbidden']);
    const submitter = person('sam', 'reviewer');
    const bySubmitter = errorOf(() =>
      applyTransition(review('in_review', 'sam'), 'approve', submitter, warn, clean, clock.now()),
    );
    expect(bySubmitter.code).toBe('self_approval_forbidden');
  });

  it('allows it when the template does', () => {
    const lenient = { forbid_self_approval: false, blameless: 'warn' as const };
    expect(
      applyTransition(review('in_review', 'alice'), 'approve', selfReviewer, lenient, clean, clock.now())
        .status,
    ).toBe('approved');
  });
});

describe('applyTransition: submit checks', () => {
  const incomplete = assessReview(DEFAULT_REVIEW_TEMPLATE, {
    incident_ids: ['INC-1'],
    review_date: null,
    facilitator: 'Carol',
    participants: [],
    summary: { description: 'Alice forgot to renew the certificate', impact: '', duration: '' },
  });

  it('refuses an incomplete review, naming each missing field', () => {
    const error = errorOf(() =>
      applyTransition(review('draft'), 'submit', author, warn, incomplete, clock.now()),
    );
    expect([error.kind, error.code]).toEqual(['invalid', 'review_incomplete']);
    expect(error.details).toEqual([
      { path: 'review_date', problem: 'Review date is required' },
      { path: 'participants', problem: 'Participants is required' },
    ]);
  });

  it('adds blameful phrasing to an incomplete review when the template blocks it', () => {
    const block = { forbid_self_approval: true, blameless: 'block' as const };
    const error = errorOf(() =>
      applyTransition(review('draft'), 'submit', author, block, incomplete, clock.now()),
    );
    expect(error.code).toBe('review_incomplete');
    expect(error.details.map((d) => d.path)).toEqual(['review_date', 'participants', 'summary.description']);
  });

  it('refuses blameful language when the template blocks it, and only warns otherwise', () => {
    const complete = {
      incident_ids: ['INC-1'],
      review_date: '2024-01-20',
      facilitator: 'Carol',
      participants: ['Alice'],
      summary: { description: 'The outage was human error', impact: 'x', duration: '1h' },
    };
    const assessment = assessReview(DEFAULT_REVIEW_TEMPLATE, complete);
    const block = { forbid_self_approval: true, blameless: 'block' as const };
    const error = errorOf(() =>
      applyTransition(review('draft'), 'submit', author, block, assessment, clock.now()),
    );
    expect(error.code).toBe('blameful_language');
    expect(error.details).toHaveLength(1);
    expect(error.details[0]?.path).toBe('summary.description');
    expect(error.details[0]?.problem).toMatch(/^"human error": .*missing guardrail/);

    const result = applyTransition(review('draft'), 'submit', author, warn, assessment, clock.now());
    expect(result.status).toBe('in_review');
    expect(result.warnings.map((w) => w.rule)).toEqual(['human_error']);
  });
});
