import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.js';
import { alice, bob, buildAction } from './action.fixtures.js';
import { applyPatch, changeStatus, recordProgress, verify } from './action.lifecycle.js';
import type { Action } from './action.schema.js';

const t1 = new Date('2026-11-21T10:00:00Z');
const t2 = new Date('2026-11-22T10:00:00Z');

function caught(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

const completed = (): Action => recordProgress(buildAction(), { progress: 100 }, alice, t1);

describe('recordProgress', () => {
  it('moves an open action to in progress and keeps a history entry with the note', () => {
    const a = recordProgress(buildAction(), { progress: 40, note: 'rule drafted' }, alice, t1);
    expect(a.status).toBe('in_progress');
    expect(a.progress).toBe(40);
    expect(a.version).toBe(2);
    expect(a.updated_at).toBe('2026-11-21T10:00:00.000Z');
    expect(a.history.at(-1)).toEqual({
      at: '2026-11-21T10:00:00.000Z',
      by: 'alice',
      kind: 'progress',
      from_status: 'open',
      to_status: 'in_progress',
      progress: 40,
      note: 'rule drafted',
    });
  });

  it('completes at 100 with the completion date, and reopens as in progress when it drops', () => {
    const done = completed();
    expect(done.status).toBe('completed');
    expect(done.completed_at).toBe('2026-11-21T10:00:00.000Z');
    const again = recordProgress(done, { progress: 100, note: 'tidied' }, alice, t2);
    expect(again.completed_at).toBe('2026-11-21T10:00:00.000Z');
    const back = recordProgress(done, { progress: 80 }, alice, t2);
    expect(back.status).toBe('in_progress');
    expect(back.completed_at).toBeUndefined();
  });

  it('keeps a blocked action blocked while progress moves', () => {
    const blocked = changeStatus(buildAction(), 'blocked', { reason: 'waiting for IAM' }, alice, t1);
    expect(recordProgress(blocked, { progress: 30 }, alice, t2).status).toBe('blocked');
  });

  it('refuses progress outside 0..100 or not whole', () => {
    for (const progress of [-1, 101, 12.5]) {
      const e = caught(() => recordProgress(buildAction(), { progress }, alice, t1));
      expect(e.code).toBe('action_progress_out_of_range');
      expect(e.details).toEqual([{ path: 'progress', problem: 'must be a whole number from 0 to 100' }]);
    }
  });

  it("refuses progress on verified and won't-do actions", () => {
    const wontDo = changeStatus(buildAction(), 'wont_do', { reason: 'service retired' }, alice, t1);
    expect(caught(() => recordProgress(wontDo, { progress: 10 }, alice, t2)).code).toBe(
      'invalid_action_transition',
    );
    const verified = verify(completed(), { evidence_kind: 'test', evidence: 'drill passed' }, bob, t2);
    const e = caught(() => recordProgress(verified, { progress: 10 }, alice, t2));
    expect(e.code).toBe('invalid_action_transition');
    expect(e.message).toBe('ACT-000001 is verified; reopen it before recording progress');
  });
});

describe('changeStatus', () => {
  it('moves freely between open, in progress and blocked', () => {
    let a = buildAction();
    for (const to of ['in_progress', 'blocked', 'open', 'blocked', 'in_progress', 'open'] as const) {
      a = changeStatus(a, to, {}, alice, t1);
      expect(a.status).toBe(to);
    }
    expect(a.version).toBe(7);
  });

  it('refuses to complete below 100% unless allowed with a reason', () => {
    const a = recordProgress(buildAction(), { progress: 60 }, alice, t1);
    const e = caught(() => changeStatus(a, 'completed', {}, alice, t2));
    expect(e.kind).toBe('invalid');
    expect(e.code).toBe('invalid_action_transition');
    expect(e.message).toBe(
      'ACT-000001 cannot move from in_progress to completed: progress is 60%; record progress 100, or pass allow_incomplete with a reason',
    );
    expect(
      caught(() => changeStatus(a, 'completed', { allow_incomplete: true }, alice, t2)).message,
    ).toContain('needs a reason');
    const done = changeStatus(
      a,
      'completed',
      { allow_incomplete: true, reason: 'rest moved to ACT-000009' },
      alice,
      t2,
    );
    expect(done.status).toBe('completed');
    expect(done.progress).toBe(60);
    expect(done.completed_at).toBe('2026-11-22T10:00:00.000Z');
    expect(done.history.at(-1)?.note).toBe('rest moved to ACT-000009');
  });

  it('completes at progress 100 without a reason', () => {
    const a = changeStatus(buildAction(), 'blocked', {}, alice, t1);
    const full = { ...a, progress: 100 };
    expect(changeStatus(full, 'completed', {}, alice, t2).status).toBe('completed');
  });

  it("needs a reason for won't do (blank counts as none) and records it", () => {
    const e = caught(() => changeStatus(buildAction(), 'wont_do', { reason: '   ' }, alice, t1));
    expect(e.code).toBe('invalid_action_transition');
    expect(e.message).toBe("ACT-000001 cannot move from open to wont_do: won't do needs a reason");
    const a = changeStatus(buildAction(), 'wont_do', { reason: 'risk accepted by CISO' }, alice, t1);
    expect(a.wont_do_reason).toBe('risk accepted by CISO');
  });

  it("reopens completed and won't-do actions, clearing what they carried", () => {
    const reopened = changeStatus(completed(), 'in_progress', {}, alice, t2);
    expect(reopened.completed_at).toBeUndefined();
    const wontDo = changeStatus(buildAction(), 'wont_do', { reason: 'dup' }, alice, t1);
    const open = changeStatus(wontDo, 'open', {}, alice, t2);
    expect(open.status).toBe('open');
    expect(open.wont_do_reason).toBeUndefined();
  });

  it('refuses verified by status, moves out of verified, blocking a finished action, and no-op moves', () => {
    expect(caught(() => changeStatus(completed(), 'verified', {}, bob, t2)).message).toContain(
      'verify it with evidence',
    );
    const verified = verify(completed(), { evidence_kind: 'link', evidence: 'https://ci/run/1' }, bob, t2);
    expect(caught(() => changeStatus(verified, 'open', {}, bob, t2)).message).toContain(
      'a verified action is final',
    );
    expect(caught(() => changeStatus(completed(), 'blocked', {}, alice, t2)).code).toBe(
      'invalid_action_transition',
    );
    expect(caught(() => changeStatus(buildAction(), 'open', {}, alice, t2)).message).toContain(
      'already open',
    );
  });
});

describe('verify', () => {
  it('refuses to verify an open action', () => {
    const e = caught(() => verify(buildAction(), { evidence_kind: 'text', evidence: 'looks fine' }, bob, t1));
    expect(e.code).toBe('action_not_completed');
    expect(e.message).toBe('ACT-000001 is open; only a completed action can be verified');
  });

  it('records the evidence, verifier and time', () => {
    const v = verify(
      completed(),
      { evidence_kind: 'exercise', evidence: 'game day 2026-11 detected in 3 min', recheck_on: '2027-05-01' },
      bob,
      t2,
    );
    expect(v.status).toBe('verified');
    expect(v.verification).toEqual({
      evidence_kind: 'exercise',
      evidence: 'game day 2026-11 detected in 3 min',
      recheck_on: '2027-05-01',
      verified_by: 'bob',
      verified_at: '2026-11-22T10:00:00.000Z',
    });
  });

  it('refuses self-verification by the owner or owning team when the policy says so', () => {
    const e = caught(() => verify(completed(), { evidence_kind: 'text', evidence: 'done' }, alice, t2));
    expect(e.kind).toBe('forbidden');
    expect(e.code).toBe('self_verification_forbidden');
    const teamOwned = recordProgress(
      buildAction({ owner: { kind: 'team', id: 'sre' } }),
      { progress: 100 },
      bob,
      t1,
    );
    expect(caught(() => verify(teamOwned, { evidence_kind: 'text', evidence: 'ok' }, alice, t2)).code).toBe(
      'self_verification_forbidden',
    );
    const allowed = verify(completed(), { evidence_kind: 'text', evidence: 'done' }, alice, t2, {
      forbid_self_verification: false,
    });
    expect(allowed.verification?.verified_by).toBe('alice');
  });

  it('lists every problem with the evidence', () => {
    const e = caught(() => verify(completed(), { evidence_kind: 'video', evidence: '' }, bob, t2));
    expect(e.code).toBe('validation_failed');
    expect(e.details.map((d) => d.path)).toEqual(['evidence_kind', 'evidence']);
  });
});

describe('applyPatch', () => {
  it('restarts assigned_at only when the owner changes', () => {
    const a = buildAction();
    const retitled = applyPatch(a, { title: 'Page on root login' }, alice, t1);
    expect(retitled.assigned_at).toBe(a.assigned_at);
    expect(retitled.history.at(-1)?.note).toBe('changed title');
    const moved = applyPatch(a, { owner: { kind: 'team', id: 'security' } }, alice, t1);
    expect(moved.assigned_at).toBe('2026-11-21T10:00:00.000Z');
  });

  it('refuses fields the lifecycle owns', () => {
    expect(caught(() => applyPatch(buildAction(), { status: 'verified' }, alice, t1)).code).toBe(
      'validation_failed',
    );
  });
});
