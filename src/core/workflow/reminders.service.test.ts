import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildAction } from '../actions/action.fixtures.js';
import type { Action } from '../actions/action.schema.js';
import { DEFAULT_WORKING_CALENDAR } from '../calendar/calendar.schema.js';
import { addDays } from '../calendar/index.js';
import { DigestData } from '../notifications/notification.data.js';
import { renderMessage } from '../notifications/notification.render.js';
import type { Notification } from '../notifications/notification.schema.js';
import { mayKnow, WITHHELD_TITLE, type RestrictedAudience } from '../notifications/need-to-know.js';
import {
  planActionReminders,
  ReminderPlan,
  type ReminderSubject,
} from '../notifications/reminder.planner.js';
import { ManualClock } from '../shared/clock.js';
import { teamLeadOf, type DirectorySnapshot } from './notify.ports.js';
import { ReminderService } from './reminders.service.js';

// Rendering as usual, watched: which messages a pass renders shows which it planned.
vi.mock(import('../notifications/notification.render.js'), async (original) => {
  const actual = await original();
  return { ...actual, renderMessage: vi.fn(actual.renderMessage) };
});

const NOW = new Date('2026-11-28T09:00:00Z');
const OWNERS = ['alice', 'bob', 'carol'] as const;

/** alice and carol read single messages (carol's lead is lena); bob and team sre chose the digest. */
const snapshot: DirectorySnapshot = {
  directory: {
    users: {
      alice: { email: 'alice@example.com', channels: ['email', 'slack'], digest: false },
      bob: { email: 'bob@example.com', digest: true },
      carol: { digest: false },
    },
    teams: { ops: { lead_id: 'lena', digest: false }, sre: { channels: ['webhook'], digest: true } },
  },
  teamsOf: { carol: ['ops'] },
};

/** 250 actions (three pages of 100), due 11-10 to 12-04, the even ones assigned on 11-27 (after 11-27 08:00). */
const actions: Action[] = Array.from({ length: 250 }, (_, n) =>
  buildAction(
    {
      due_date: addDays('2026-11-10', n % 25),
      owner: n % 11 === 0 ? { kind: 'team', id: 'sre' } : { kind: 'user', id: OWNERS[n % 3] ?? 'alice' },
    },
    `ACT-${String(n + 1).padStart(6, '0')}`,
    new Date(`2026-11-${n % 2 === 0 ? 27 : 20}T10:00:00Z`),
  ),
);

/** Every seventh action belongs to a restricted incident only alice may see. */
const restricted: Record<string, RestrictedAudience[]> = Object.fromEntries(
  actions
    .filter((_, n) => n % 7 === 0)
    .map((a) => [a.id, [{ incident_id: 'INC-2026-0001', team: null, members: ['alice'] }]]),
);

function service(outbox: Notification[]): ReminderService {
  return new ReminderService({
    actions: {
      async *listForReminders(_changedSince: string, pageSize: number) {
        for (let at = 0; at < actions.length; at += pageSize) {
          await Promise.resolve(); // a turn between pages, as the stores give one
          yield actions.slice(at, at + pageSize);
        }
      },
    },
    directory: { load: () => Promise.resolve(snapshot) },
    audience: { restrictedActions: () => Promise.resolve(restricted), admins: () => Promise.resolve([]) },
    outbox: {
      enqueue: (n) => {
        outbox.push(n);
        return Promise.resolve(true);
      },
      enqueueAll: (ns) => {
        outbox.push(...ns);
        return Promise.resolve(ns.length);
      },
    },
    settings: { get: () => Promise.resolve(null), list: () => Promise.resolve([]) },
    clock: new ManualClock(NOW),
  });
}

/** What both passes together sent before they were split: every action planned at once, in one call. */
function plannedInOneCall(): Notification[] {
  const subjects: ReminderSubject[] = actions.map((action) => ({
    action,
    team_lead_id: action.owner.kind === 'user' ? teamLeadOf(action.owner.id, snapshot) : undefined,
    may_know: (who) => mayKnow(who, restricted[action.id] ?? [], { admins: [], teamsOf: snapshot.teamsOf }),
  }));
  const settings = { time_zone: DEFAULT_WORKING_CALENDAR.time_zone };
  return planActionReminders(subjects, NOW, settings, snapshot.directory);
}

describe('ReminderService', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('sends the single reminders page by page, keeping nothing for the digest pass', async () => {
    const add = vi.spyOn(ReminderPlan.prototype, 'add');
    const singles = vi.spyOn(ReminderPlan.prototype, 'singles');
    const outbox: Notification[] = [];
    const report = await service(outbox).reminders();
    // The plans the pass used, whichever way it fed them its pages.
    const calls = add.mock.calls.length + singles.mock.calls.length;
    const plans = [...add.mock.contexts, ...singles.mock.contexts].filter(
      (c): c is ReminderPlan => c instanceof ReminderPlan,
    );
    vi.restoreAllMocks();

    const expected = plannedInOneCall().filter((n) => n.kind !== 'digest');
    expect(outbox).toEqual(expected);
    expect(report).toEqual({ planned: expected.length, recorded: expected.length });
    expect(new Set(outbox.map((n) => n.kind))).toEqual(
      new Set(['action_due_soon', 'action_overdue', 'action_escalated']),
    );
    expect(outbox.filter((n) => n.recipient.id === 'lena').length).toBeGreaterThan(0);
    expect(outbox.filter((n) => n.data.title === WITHHELD_TITLE).length).toBeGreaterThan(0);
    expect(outbox.filter((n) => n.recipient.id === 'bob' || n.recipient.id === 'sre')).toEqual([]);

    // Three pages on one plan which, past the digest hour, holds no digest reader's items.
    expect(calls).toBe(3);
    expect(new Set(plans).size).toBe(1);
    expect(plans[0]?.digestsDue).toBe(true);
    expect(plans[0]?.digests()).toEqual([]);
  });

  it('sends the digest readers the same digests as planned in one call, rendering nothing else', async () => {
    const rendered = vi.mocked(renderMessage);
    rendered.mockClear();
    const outbox: Notification[] = [];
    const report = await service(outbox).digests();
    const kinds = rendered.mock.calls.map(([kind]) => kind);

    // Three pages with many single reminders for alice, carol and lena, none of them rendered: only the two
    // digests (bob's, and team sre's on its webhook).
    expect(kinds).toEqual(['digest', 'digest']);
    const expected = plannedInOneCall().filter((n) => n.kind === 'digest');
    expect(outbox).toEqual(expected);
    expect(report).toEqual({ planned: 2, recorded: 2 });
    expect(outbox.map((n) => n.key)).toEqual([
      'digest:team:sre:2026-11-28:webhook',
      'digest:user:bob:2026-11-28:email',
    ]);
    const bobs = DigestData.parse(outbox[1]?.data).items;
    const reasons = new Set(bobs.map((i) => i.reason));
    expect(reasons).toEqual(new Set(['overdue', 'due_soon', 'assigned']));
    // Items from all three pages, in action order; restricted ones without their titles.
    expect(bobs.map((i) => i.action_id)).toEqual([...bobs.map((i) => i.action_id)].sort());
    expect(bobs.at(-1)?.action_id).toBe('ACT-000245');
    expect(bobs.filter((i) => i.title === WITHHELD_TITLE).length).toBeGreaterThan(0);
  });
});
