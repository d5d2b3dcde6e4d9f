import { describe, expect, it, vi } from 'vitest';
import { alice, buildAction } from '../actions/action.fixtures.js';
import { changeStatus } from '../actions/action.lifecycle.js';
import { ManualClock } from '../shared/clock.js';
import { DigestData } from './notification.data.js';
import { WITHHELD_TITLE } from './need-to-know.js';
import { renderMessage } from './notification.render.js';
import { Notification, type RecipientDirectory } from './notification.schema.js';
import {
  ReminderPlan,
  planActionReminders,
  type ReminderSettings,
  type ReminderSubject,
} from './reminder.planner.js';

// Rendering as usual, watched: which messages a plan renders shows which it planned.
vi.mock(import('./notification.render.js'), async (original) => {
  const actual = await original();
  return { ...actual, renderMessage: vi.fn(actual.renderMessage) };
});

const HOUR = 3_600_000;
const directory: RecipientDirectory = {
  users: {
    alice: { email: 'alice@example.com', channels: ['email', 'slack'], digest: false },
    bob: { email: 'bob@example.com', digest: true },
  },
  teams: { sre: { channels: ['webhook'], digest: false, lead_id: 'lena' } },
};

/** Runs the planner twice a day (09:00 and 17:00 UTC) and keeps what a unique-keyed outbox would keep. */
function simulate(
  subjects: ReminderSubject[],
  from: string,
  days: number,
  settings: Partial<ReminderSettings> = {},
) {
  const clock = new ManualClock(`${from}T09:00:00Z`);
  const outbox = new Map<string, Notification>();
  const firstSeen: Record<string, string> = {};
  let planned = 0;
  for (let d = 0; d < days; d += 1) {
    for (const offset of [0, 8 * HOUR]) {
      const at = new Date(clock.now().getTime() + offset);
      for (const n of planActionReminders(subjects, at, settings, directory)) {
        planned += 1;
        if (!outbox.has(n.key)) {
          outbox.set(n.key, n);
          firstSeen[n.key] = at.toISOString().slice(0, 10);
        }
      }
    }
    clock.advance(24 * HOUR);
  }
  return { outbox, firstSeen, planned };
}

/**
 * Thirty actions of alice, bob (a digest reader), carol and team sre, due between 2026-11-10 and 11-29,
 * the even ones assigned on 11-27; every fifth escalates to lena; n % 6 === 4 is restricted from bob and lena.
 */
function mixedSubjects(): ReminderSubject[] {
  const owners = ['alice', 'bob', 'carol'] as const;
  return Array.from({ length: 30 }, (_, n) => ({
    action: buildAction(
      {
        due_date: `2026-11-${String(10 + (n % 20)).padStart(2, '0')}`,
        owner: n % 7 === 0 ? { kind: 'team', id: 'sre' } : { kind: 'user', id: owners[n % 3] ?? 'alice' },
      },
      `ACT-${String(n + 1).padStart(6, '0')}`,
      new Date(`2026-11-${n % 2 === 0 ? 27 : 20}T10:00:00Z`),
    ),
    team_lead_id: n % 5 === 0 ? 'lena' : undefined,
    may_know: n % 6 === 4 ? (who) => who.id !== 'bob' && who.id !== 'lena' : undefined,
  }));
}

describe('planActionReminders', () => {
  const action = buildAction({ due_date: '2026-12-01' });
  const subject: ReminderSubject = { action, team_lead_id: 'lena' };

  it('sends due soon once, overdue daily with stable keys, and escalates after 3 days', () => {
    const { outbox, firstSeen, planned } = simulate([subject], '2026-11-26', 11);
    expect(firstSeen).toEqual({
      'action:ACT-000001:due_soon:2026-12-01:user:alice:email': '2026-11-28',
      'action:ACT-000001:due_soon:2026-12-01:user:alice:slack': '2026-11-28',
      'action:ACT-000001:overdue:2026-12-02:user:alice:email': '2026-12-02',
      'action:ACT-000001:overdue:2026-12-02:user:alice:slack': '2026-12-02',
      'action:ACT-000001:overdue:2026-12-03:user:alice:email': '2026-12-03',
      'action:ACT-000001:overdue:2026-12-03:user:alice:slack': '2026-12-03',
      'action:ACT-000001:escalated:2026-12-01:user:lena:email': '2026-12-04',
      'action:ACT-000001:overdue:2026-12-04:user:alice:email': '2026-12-04',
      'action:ACT-000001:overdue:2026-12-04:user:alice:slack': '2026-12-04',
      'action:ACT-000001:overdue:2026-12-05:user:alice:email': '2026-12-05',
      'action:ACT-000001:overdue:2026-12-05:user:alice:slack': '2026-12-05',
      'action:ACT-000001:overdue:2026-12-06:user:alice:email': '2026-12-06',
      'action:ACT-000001:overdue:2026-12-06:user:alice:slack': '2026-12-06',
    });
    // Planned again on every run (4 days × 2 runs × 2 channels of due soon, ...), stored once each.
    expect(planned).toBeGreaterThan(outbox.size);
    const escalation = outbox.get('action:ACT-000001:escalated:2026-12-01:user:lena:email');
    expect(escalation?.recipient).toEqual({ kind: 'user', id: 'lena' });
    expect(escalation?.subject).toBe(
      '[Hindsight] Escalation: ACT-000001 is 3 days overdue (owner user:alice)',
    );
    const dueSoon = outbox.get('action:ACT-000001:due_soon:2026-12-01:user:alice:email');
    expect(dueSoon?.subject).toBe(
      '[Hindsight] ACT-000001 is due in 3 days (2026-12-01): Alert on root-account console logins',
    );
    expect(dueSoon?.recipient).toEqual({ kind: 'user', id: 'alice', email: 'alice@example.com' });
    expect(dueSoon?.not_before).toBe('2026-11-28T09:00:00.000Z');
  });

  it('is deterministic: the same instant planned twice gives identical, schema-valid notifications', () => {
    const at = new Date('2026-12-04T12:00:00Z');
    for (const n of planActionReminders([subject], at, {}, directory))
      expect(Notification.parse(n)).toEqual(n);
    expect(planActionReminders([subject], at, {}, directory)).toEqual(
      planActionReminders([subject], at, {}, directory),
    );
  });

  it('repeats overdue reminders every N days, keyed by the period start', () => {
    const { firstSeen } = simulate([{ action }], '2026-12-01', 6, {
      overdue_repeat_days: 2,
      due_soon_days: 0,
    });
    expect(Object.keys(firstSeen).filter((k) => k.endsWith(':email'))).toEqual([
      'action:ACT-000001:due_soon:2026-12-01:user:alice:email',
      'action:ACT-000001:overdue:2026-12-02:user:alice:email',
      'action:ACT-000001:overdue:2026-12-04:user:alice:email',
      'action:ACT-000001:overdue:2026-12-06:user:alice:email',
    ]);
  });

  it('escalates a team-owned action to the lead named in the directory, over the default channel', () => {
    const teamAction = buildAction(
      { due_date: '2026-12-01', owner: { kind: 'team', id: 'sre' } },
      'ACT-000002',
    );
    const keys = planActionReminders(
      [{ action: teamAction }],
      new Date('2026-12-04T09:00:00Z'),
      {},
      directory,
    ).map((n) => n.key);
    expect(keys).toEqual([
      'action:ACT-000002:overdue:2026-12-04:team:sre:webhook',
      'action:ACT-000002:escalated:2026-12-01:user:lena:email',
    ]);
  });

  it('stays silent about finished actions', () => {
    const dropped = changeStatus(
      action,
      'wont_do',
      { reason: 'retired' },
      alice,
      new Date('2026-11-30T00:00:00Z'),
    );
    expect(
      planActionReminders([{ action: dropped }], new Date('2026-12-04T09:00:00Z'), {}, directory),
    ).toEqual([]);
  });

  it('ends days in the organisation time zone, for due dates and the digest hour', () => {
    const settings = { time_zone: 'Pacific/Auckland' }; // UTC+13 in December
    // 11:30 UTC on 12-01 is 00:30 on 12-02 in Auckland: already overdue there, still due today in UTC.
    const at = new Date('2026-12-01T11:30:00Z');
    expect(planActionReminders([{ action }], at, settings, directory).map((n) => n.key)).toEqual([
      'action:ACT-000001:overdue:2026-12-02:user:alice:email',
      'action:ACT-000001:overdue:2026-12-02:user:alice:slack',
    ]);
    expect(planActionReminders([{ action }], at, {}, directory).map((n) => n.key)).toEqual([
      'action:ACT-000001:due_soon:2026-12-01:user:alice:email',
      'action:ACT-000001:due_soon:2026-12-01:user:alice:slack',
    ]);
    const bobs = buildAction({ due_date: '2026-12-01', owner: { kind: 'user', id: 'bob' } }, 'ACT-000010');
    // 08:00 on 11-28 in Auckland is 19:00 UTC on 11-27.
    expect(
      planActionReminders([{ action: bobs }], new Date('2026-11-27T18:59:59Z'), settings, directory),
    ).toEqual([]);
    const [digest] = planActionReminders(
      [{ action: bobs }],
      new Date('2026-11-27T19:00:00Z'),
      settings,
      directory,
    );
    expect(digest?.key).toBe('digest:user:bob:2026-11-28:email');
    expect(digest?.not_before).toBe('2026-11-27T19:00:00.000Z');
  });

  it('refuses an unknown time zone', () => {
    expect(() =>
      planActionReminders([], new Date('2026-12-01T00:00:00Z'), { time_zone: 'Mars/Olympus' }),
    ).toThrow('reminder settings is invalid: time_zone: must be an IANA time zone such as Europe/Berlin');
  });

  it('batches a digest reader into one digest a day from the digest hour', () => {
    const dueSoon = buildAction({ due_date: '2026-12-01', owner: { kind: 'user', id: 'bob' } }, 'ACT-000010');
    const fresh = buildAction(
      { due_date: '2026-12-20', owner: { kind: 'user', id: 'bob' }, title: 'Add <script> & "quotes"' },
      'ACT-000011',
      new Date('2026-11-27T10:00:00Z'),
    );
    const subjects = [{ action: fresh }, { action: dueSoon }];
    expect(planActionReminders(subjects, new Date('2026-11-28T07:59:59Z'), {}, directory)).toEqual([]);
    const [digest, ...rest] = planActionReminders(subjects, new Date('2026-11-28T08:00:00Z'), {}, directory);
    expect(rest).toEqual([]);
    expect(digest?.key).toBe('digest:user:bob:2026-11-28:email');
    expect(digest?.kind).toBe('digest');
    expect(digest?.not_before).toBe('2026-11-28T08:00:00.000Z');
    expect(digest?.subject).toBe('[Hindsight] Daily digest for 2026-11-28: 2 actions need attention');
    expect(digest?.text).toBe(
      [
        'Your Hindsight digest for 2026-11-28.',
        '',
        'Due soon (1):',
        '- ACT-000010 Alert on root-account console logins (due 2026-12-01; High; user:bob)',
        '',
        'Newly assigned (1):',
        '- ACT-000011 Add <script> & "quotes" (due 2026-12-20; High; user:bob)',
      ].join('\n'),
    );
    // Later the same day: same key, so the outbox keeps the first; the next day the assignment has aged out.
    expect(planActionReminders(subjects, new Date('2026-11-28T20:00:00Z'), {}, directory)[0]?.key).toBe(
      'digest:user:bob:2026-11-28:email',
    );
    const nextDay = planActionReminders(subjects, new Date('2026-11-29T08:00:00Z'), {}, directory);
    expect(nextDay.map((n) => n.key)).toEqual(['digest:user:bob:2026-11-29:email']);
    expect(nextDay[0]?.text).not.toContain('Newly assigned');
  });

  it('plans the same in pages as in one call, digests gathered across pages', () => {
    const subjects = mixedSubjects();
    const at = new Date('2026-11-28T09:00:00Z');
    const whole = planActionReminders(subjects, at, {}, directory);
    expect(whole.filter((n) => n.kind === 'digest')).toHaveLength(1);
    expect(whole.filter((n) => n.kind === 'action_escalated').length).toBeGreaterThan(0);
    const plan = new ReminderPlan(at, {}, directory);
    const pages = [subjects.slice(0, 7), subjects.slice(7, 14), subjects.slice(14, 21), subjects.slice(21)];
    const paged = pages.flatMap((page) => plan.add(page));
    expect([...paged, ...plan.digests()]).toEqual(whole);
  });

  it('plans the same single reminders with `singles` as with `add`, keeping nothing for digests', () => {
    const subjects = mixedSubjects();
    const pages = [subjects.slice(0, 7), subjects.slice(7, 14), subjects.slice(14, 21), subjects.slice(21)];
    const at = new Date('2026-11-28T09:00:00Z');
    const full = new ReminderPlan(at, {}, directory);
    const lean = new ReminderPlan(at, {}, directory);
    const added = pages.flatMap((page) => full.add(page));
    const singles = pages.flatMap((page) => lean.singles(page));
    expect(singles).toEqual(added);
    // Owners and the lead who read single messages hear of overdue actions, restricted ones without title.
    expect(new Set(singles.map((n) => n.kind))).toEqual(
      new Set(['action_due_soon', 'action_overdue', 'action_escalated']),
    );
    expect(singles.some((n) => n.data.title === WITHHELD_TITLE)).toBe(true);
    expect(singles.filter((n) => n.recipient.id === 'bob')).toEqual([]);
    // Both plans are past the digest hour with a digest reader, but only `add` kept bob's items.
    expect(lean.digestsDue).toBe(true);
    expect(lean.digests()).toEqual([]);
    const [digest, ...more] = full.digests();
    expect(more).toEqual([]);
    expect(digest?.key).toBe('digest:user:bob:2026-11-28:email');
  });

  it('leaves the digests to a plan fed with `add`, the same as planned in one call', () => {
    const subjects = mixedSubjects();
    const at = new Date('2026-11-28T09:00:00Z');
    const plan = new ReminderPlan(at, {}, directory);
    for (const page of [subjects.slice(0, 10), subjects.slice(10, 20), subjects.slice(20)]) plan.add(page);
    const digests = plan.digests();
    expect(digests).toEqual(
      planActionReminders(subjects, at, {}, directory).filter((n) => n.kind === 'digest'),
    );
    const items = DigestData.parse(digests[0]?.data).items;
    // Bob owns n % 3 === 1 but not n % 7 === 0: his overdue and due-soon actions, those assigned on 11-27,
    // and the restricted ones (n = 4, 10, 16, 22) without their titles.
    expect(
      items.map((i) => `${i.action_id} ${i.reason}${i.title === WITHHELD_TITLE ? ' withheld' : ''}`),
    ).toEqual([
      'ACT-000002 overdue',
      'ACT-000005 overdue withheld',
      'ACT-000005 assigned withheld',
      'ACT-000011 overdue withheld',
      'ACT-000011 assigned withheld',
      'ACT-000014 overdue',
      'ACT-000017 overdue withheld',
      'ACT-000017 assigned withheld',
      'ACT-000020 due_soon',
      'ACT-000023 overdue withheld',
      'ACT-000023 assigned withheld',
      'ACT-000026 overdue',
    ]);
  });

  it('gathers with `digestItems` the same digests as `add`, rendering no single reminder', () => {
    const subjects = mixedSubjects();
    const pages = [subjects.slice(0, 7), subjects.slice(7, 14), subjects.slice(14, 21), subjects.slice(21)];
    const at = new Date('2026-11-28T09:00:00Z');
    const full = new ReminderPlan(at, {}, directory);
    for (const page of pages) full.add(page);
    const expected = full.digests();
    const rendered = vi.mocked(renderMessage);
    rendered.mockClear();

    const lean = new ReminderPlan(at, {}, directory);
    for (const page of pages) lean.digestItems(page);
    // Alice, carol, team sre and lena read single messages (some overdue, due soon or escalated), yet
    // gathering bob's items renders nothing: only the digest itself is rendered, once.
    expect(rendered).not.toHaveBeenCalled();
    expect(lean.digests()).toEqual(expected);
    expect(rendered.mock.calls.map(([kind]) => kind)).toEqual(['digest']);
    expect(expected.map((n) => n.key)).toEqual(['digest:user:bob:2026-11-28:email']);
    expect(DigestData.parse(expected[0]?.data).items).toHaveLength(12);
  });

  it('has digests due only from the digest hour and only when someone chose the digest', () => {
    expect(new ReminderPlan(new Date('2026-11-28T07:59:59Z'), {}, directory).digestsDue).toBe(false);
    expect(new ReminderPlan(new Date('2026-11-28T08:00:00Z'), {}, directory).digestsDue).toBe(true);
    const nobody: RecipientDirectory = { users: { alice: { digest: false } }, teams: {} };
    expect(new ReminderPlan(new Date('2026-11-28T09:00:00Z'), {}, nobody).digestsDue).toBe(false);
    const team: RecipientDirectory = { users: {}, teams: { sre: { digest: true } } };
    expect(new ReminderPlan(new Date('2026-11-28T09:00:00Z'), {}, team).digestsDue).toBe(true);
  });
});
