import { describe, expect, it } from 'vitest';
import { alice, buildAction } from './action.fixtures.js';
import { changeStatus, recordProgress } from './action.lifecycle.js';
import { priorityScore, suggestedPriority } from './action.priority.js';
import { isOverdue, summariseActions } from './action.report.js';
import { formatActionId } from './action.schema.js';

const now = new Date('2026-11-21T00:00:00Z');

describe('priorityScore', () => {
  it('weights risk reduction double on a 0..100 scale', () => {
    expect(priorityScore(1, 1)).toBe(0);
    expect(priorityScore(3, 3)).toBe(50);
    expect(priorityScore(5, 5)).toBe(100);
    expect(priorityScore(5, 1)).toBe(67);
    expect(priorityScore(1, 5)).toBe(33);
    expect(priorityScore(4, 3)).toBe(67);
    expect(priorityScore(2, 4)).toBe(42);
  });

  it('suggests a band and refuses scores outside 1..5', () => {
    expect([100, 75, 74, 50, 49, 25, 24, 0].map(suggestedPriority)).toEqual([
      'Critical',
      'Critical',
      'High',
      'High',
      'Medium',
      'Medium',
      'Low',
      'Low',
    ]);
    expect(() => priorityScore(0, 3)).toThrow('risk_reduction must be a whole number from 1 to 5, got 0');
    expect(() => priorityScore(3, 2.5)).toThrow('feasibility must be a whole number from 1 to 5, got 2.5');
  });
});

describe('formatActionId', () => {
  it('pads to six digits and refuses non-positive numbers', () => {
    expect(formatActionId(12)).toBe('ACT-000012');
    expect(formatActionId(1234567)).toBe('ACT-1234567');
    expect(() => formatActionId(0)).toThrow('an action number must be a positive whole number, got 0');
  });
});

describe('isOverdue and summariseActions', () => {
  const open = buildAction({ due_date: '2026-11-27' }, 'ACT-000001');
  const dueToday = buildAction(
    { due_date: '2026-11-28', category: 'iam', priority: 'Critical' },
    'ACT-000002',
  );
  const blocked = changeStatus(
    buildAction({ due_date: '2026-11-01', owner: { kind: 'team', id: 'sre' } }, 'ACT-000003'),
    'blocked',
    {},
    alice,
    now,
  );
  const done = recordProgress(
    buildAction({ due_date: '2026-11-01', owner: { kind: 'user', id: 'bob' } }, 'ACT-000004'),
    { progress: 100 },
    alice,
    now,
  );
  const wontDo = changeStatus(
    buildAction({ due_date: '2026-10-01', priority: 'Low' }, 'ACT-000005'),
    'wont_do',
    { reason: 'retired' },
    alice,
    now,
  );

  it('counts only unfinished actions past their due date', () => {
    const today = '2026-11-28';
    expect([open, dueToday, blocked, done, wontDo].map((a) => isOverdue(a, today))).toEqual([
      true,
      false,
      true,
      false,
      false,
    ]);
  });

  it('summarises by status, priority, category, owner and team', () => {
    const teams: Record<string, string> = { alice: 'sre' };
    const s = summariseActions([open, dueToday, blocked, done, wontDo], '2026-11-28', (u) => teams[u]);
    expect(s).toEqual({
      total: 5,
      overdue: 2,
      by_status: { open: 2, in_progress: 0, blocked: 1, completed: 1, verified: 0, wont_do: 1 },
      by_priority: { Critical: 1, High: 3, Medium: 0, Low: 1 },
      by_category: { monitoring: 4, iam: 1 },
      by_owner: { 'user:alice': 3, 'team:sre': 1, 'user:bob': 1 },
      by_team: { sre: 4, '(none)': 1 },
    });
  });
});
