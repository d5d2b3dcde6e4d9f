import { describe, expect, it } from 'vitest';
import { bob, buildAction } from '../actions/action.fixtures.js';
import { recordProgress, verify } from '../actions/action.lifecycle.js';
import type { DomainError } from '../shared/errors.js';
import { planActionEvent } from './action.events.js';
import { escapeHtml, renderHtml, renderMessage } from './notification.render.js';
import { nextAttemptAt, type RetryPolicy } from './outbox.backoff.js';

const actionData = {
  action_id: 'ACT-000012',
  title: 'Alert on root logins',
  due_date: '2026-12-01',
  priority: 'High',
  owner: 'user:alice',
  days_overdue: 1,
};

describe('renderMessage', () => {
  it('renders an overdue reminder', () => {
    expect(
      renderMessage('action_overdue', { ...actionData, link: 'https://h.example/actions/ACT-000012' }),
    ).toEqual({
      subject: '[Hindsight] ACT-000012 is 1 day overdue: Alert on root logins',
      text: [
        "This action is 1 day past its due date. Finish it, re-plan it, or close it as won't do with a reason.",
        '',
        'ACT-000012: Alert on root logins',
        'Priority: High',
        'Due: 2026-12-01',
        'Owner: user:alice',
        '',
        'Open: https://h.example/actions/ACT-000012',
      ].join('\n'),
    });
  });

  it('renders the review kinds', () => {
    const review = { incident_id: 'INC-2026-0042', incident_title: 'Leaked key', deadline: '2026-12-03' };
    expect(renderMessage('feedback_requested', review).subject).toBe(
      '[Hindsight] Your feedback on INC-2026-0042 by 2026-12-03',
    );
    expect(
      renderMessage('review_scheduled', { ...review, review_at: '2026-12-02T14:00:00Z' }).text,
    ).toContain('Review: 2026-12-02T14:00:00Z');
    expect(renderMessage('review_reminder', review).subject).toBe(
      '[Hindsight] Reminder: the review of INC-2026-0042 is not yet published',
    );
    expect(renderMessage('review_published', review).subject).toBe(
      '[Hindsight] Review of INC-2026-0042 published',
    );
  });

  it('keeps a subject on one line so it cannot inject mail headers', () => {
    const m = renderMessage('action_assigned', { ...actionData, title: 'x\r\nBcc: evil@example.com' });
    expect(m.subject).toBe('[Hindsight] ACT-000012 assigned to you: x Bcc: evil@example.com');
  });

  it('names the missing field of bad data', () => {
    try {
      renderMessage('action_due_soon', { title: 'x' });
      expect.unreachable();
    } catch (error) {
      expect((error as DomainError).code).toBe('validation_failed');
      expect((error as DomainError).details.map((d) => d.path)).toEqual([
        'action_id',
        'due_date',
        'priority',
        'owner',
      ]);
    }
  });

  it('escapes every character that matters in HTML', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe(
      '&#60;a href=&#34;x&#34; onclick=&#39;y&#39;&#62;&#38;&#60;/a&#62;',
    );
    const html = renderHtml({ subject: '<b>s</b>', text: 'one <script>alert(1)</script>\ntwo\n\nthree' });
    expect(html).toContain('<title>&#60;b&#62;s&#60;/b&#62;</title>');
    expect(html).toContain('<p>one &#60;script&#62;alert(1)&#60;/script&#62;<br>\ntwo</p>\n<p>three</p>');
    expect(html).not.toContain('<script>');
  });
});

describe('nextAttemptAt', () => {
  const now = new Date('2026-11-28T10:00:00Z');
  const policy: RetryPolicy = { max_attempts: 5, base_delay_ms: 1_000, factor: 2, max_delay_ms: 5_000 };

  it('backs off exponentially up to the cap, then gives up', () => {
    expect([1, 2, 3, 4].map((a) => nextAttemptAt(a, now, policy)?.toISOString())).toEqual([
      '2026-11-28T10:00:01.000Z',
      '2026-11-28T10:00:02.000Z',
      '2026-11-28T10:00:04.000Z',
      '2026-11-28T10:00:05.000Z',
    ]);
    expect(nextAttemptAt(5, now, policy)).toBeNull();
  });

  it('defaults to 30 s, 2 min, 8 min, 32 min, 128 min over six attempts', () => {
    const delays = [1, 2, 3, 4, 5].map((a) => (nextAttemptAt(a, now)?.getTime() ?? 0) - now.getTime());
    expect(delays).toEqual([30_000, 120_000, 480_000, 1_920_000, 7_680_000]);
    expect(nextAttemptAt(6, now)).toBeNull();
  });
});

describe('planActionEvent', () => {
  const directory = { users: { bob: { digest: true } }, teams: {} };

  it('tells the owner at once about an assignment, keyed by its instant', () => {
    const action = buildAction();
    const [n, ...rest] = planActionEvent('action_assigned', action, new Date('2026-11-20T09:00:05Z'), {
      link_base: 'https://h.example/',
    });
    expect(rest).toEqual([]);
    expect(n?.key).toBe('action:ACT-000001:assigned:2026-11-20T09:00:00.000Z:user:alice:email');
    expect(n?.text).toContain('Open: https://h.example/actions/ACT-000001');
  });

  it('announces a verification, and leaves digest readers to their digest', () => {
    const done = recordProgress(buildAction(), { progress: 100 }, bob, new Date('2026-11-21T00:00:00Z'));
    const verified = verify(
      done,
      { evidence_kind: 'test', evidence: 'ci' },
      bob,
      new Date('2026-11-22T00:00:00Z'),
    );
    const [n] = planActionEvent('action_verified', verified, new Date('2026-11-22T00:00:00Z'));
    expect(n?.subject).toBe('[Hindsight] ACT-000001 verified: Alert on root-account console logins');
    expect(n?.text).toContain('Verified by bob with test evidence.');
    const bobs = { ...verified, owner: { kind: 'user' as const, id: 'bob' } };
    expect(planActionEvent('action_verified', bobs, new Date('2026-11-22T00:00:00Z'), {}, directory)).toEqual(
      [],
    );
    expect(() => planActionEvent('action_verified', done, new Date('2026-11-22T00:00:00Z'))).toThrow(
      'ACT-000001 has no verification',
    );
  });
});
