import { parseInput } from '../shared/validation.js';
import { z } from 'zod';
import { ACTIVE_STATUSES } from '../actions/action.lifecycle.js';
import { dayNumber } from '../calendar/calendar.dates.js';
import { addDays, instantOf, isKnownTimeZone, localDate } from '../calendar/index.js';
import type { Action, ActionOwner } from '../actions/action.schema.js';
import type { ActionMessageData, DigestItem, DigestReason } from './notification.data.js';
import { renderMessage } from './notification.render.js';
import {
  ChannelName,
  type Notification,
  type NotificationKind,
  type RecipientDirectory,
} from './notification.schema.js';
import { withheld, type Addressee } from './need-to-know.js';
import { recipientRef, resolveRecipient, type ResolvedRecipient } from './recipient.resolve.js';

export const ReminderSettings = z.object({
  /** A `due soon` reminder goes out this many days before the due date. */
  due_soon_days: z.number().int().min(0).default(3),
  /** An overdue action is reminded about again every this many days. */
  overdue_repeat_days: z.number().int().min(1).default(1),
  /** After this many days overdue the owner's team lead is told too. */
  escalate_after_days: z.number().int().min(1).default(3),
  /** The organisation's IANA time zone: it decides when a day (and so a due date) ends. */
  time_zone: z
    .string()
    .refine(isKnownTimeZone, { message: 'must be an IANA time zone such as Europe/Berlin' })
    .default('UTC'),
  /** Daily digests go out from this hour, local time in `time_zone`. */
  digest_hour: z.number().int().min(0).max(23).default(8),
  default_channels: z.array(ChannelName).min(1).default(['email']),
  /** Public base URL, for links to the action (`<base>/actions/ACT-000012`). */
  link_base: z.string().url().optional(),
});
export type ReminderSettings = z.infer<typeof ReminderSettings>;
export const defaultReminderSettings: ReminderSettings = ReminderSettings.parse({});

/** An action with what the planner cannot see on it: the lead of the owner's team, for escalations. */
export interface ReminderSubject {
  action: Action;
  /** Defaults to the owning team's `lead_id` in the directory when the owner is a team. */
  team_lead_id?: string | undefined;
  /**
   * False for an addressee who may not see the action's restricted incident: they are told of the action
   * with its title withheld (need-to-know.ts). Absent: everyone may know.
   */
  may_know?: ((who: Addressee) => boolean) | undefined;
}

interface Reminder {
  who: ActionOwner;
  kind: NotificationKind;
  reason: DigestReason;
  /** The key without recipient and channel; unique per action and occasion. */
  key: string;
  data: ActionMessageData;
}

function messageData(
  action: Action,
  settings: ReminderSettings,
  extra: Partial<ActionMessageData> = {},
): ActionMessageData {
  const link = settings.link_base
    ? `${settings.link_base.replace(/\/+$/, '')}/actions/${action.id}`
    : undefined;
  return {
    action_id: action.id,
    title: action.title,
    due_date: action.due_date,
    priority: action.priority,
    owner: recipientRef(action.owner),
    ...(link ? { link } : {}),
    ...extra,
  };
}

function leadOf(subject: ReminderSubject, directory: RecipientDirectory): string | undefined {
  const { owner } = subject.action;
  const lead =
    subject.team_lead_id ?? (owner.kind === 'team' ? directory.teams[owner.id]?.lead_id : undefined);
  // An owner who leads their own team already hears the overdue reminders.
  return lead !== undefined && !(owner.kind === 'user' && owner.id === lead) ? lead : undefined;
}

/** The time-driven reminders for one action on `today`: due soon once, overdue every period, escalation once. */
function remindersFor(
  subject: ReminderSubject,
  today: number,
  settings: ReminderSettings,
  directory: RecipientDirectory,
): Reminder[] {
  const { action } = subject;
  if (!ACTIVE_STATUSES.includes(action.status)) return [];
  const base = `action:${action.id}`;
  const toDue = dayNumber(action.due_date) - today;
  const out: Reminder[] = [];
  if (toDue >= 0 && toDue <= settings.due_soon_days) {
    out.push({
      who: action.owner,
      kind: 'action_due_soon',
      reason: 'due_soon',
      key: `${base}:due_soon:${action.due_date}`,
      data: messageData(action, settings, { days_to_due: toDue }),
    });
  }
  const overdue = -toDue;
  if (overdue >= 1) {
    // Keyed by the first day of the current repeat period, so a run anywhere in the period finds the same key.
    const period = Math.floor((overdue - 1) / settings.overdue_repeat_days);
    const periodStart = addDays(action.due_date, 1 + period * settings.overdue_repeat_days);
    const data = messageData(action, settings, { days_overdue: overdue });
    out.push({
      who: action.owner,
      kind: 'action_overdue',
      reason: 'overdue',
      key: `${base}:overdue:${periodStart}`,
      data,
    });
    const lead = leadOf(subject, directory);
    if (overdue >= settings.escalate_after_days && lead !== undefined) {
      out.push({
        who: { kind: 'user', id: lead },
        kind: 'action_escalated',
        reason: 'escalated',
        key: `${base}:escalated:${action.due_date}`,
        data,
      });
    }
  }
  return out;
}

/** What a page is planned for: the single reminders, the digest readers' items, or both. */
type Wanted = 'singles' | 'digest_items' | 'both';

function fanOut(reminder: Reminder, to: ResolvedRecipient, notBefore: string): Notification[] {
  const { subject, text } = renderMessage(reminder.kind, reminder.data);
  return to.channels.map((channel) => ({
    key: `${reminder.key}:${recipientRef(to.recipient)}:${channel}`,
    kind: reminder.kind,
    recipient: to.recipient,
    channel,
    subject,
    text,
    data: { ...reminder.data },
    not_before: notBefore,
  }));
}

/** Events of the last day (before the digest instant) that a digest reader should still hear about. */
function digestEvents(action: Action, since: number, until: number, settings: ReminderSettings): Reminder[] {
  const within = (iso: string | undefined): boolean =>
    iso !== undefined && Date.parse(iso) > since && Date.parse(iso) <= until;
  const out: Reminder[] = [];
  if (ACTIVE_STATUSES.includes(action.status) && within(action.assigned_at)) {
    out.push({
      who: action.owner,
      kind: 'action_assigned',
      reason: 'assigned',
      key: '',
      data: messageData(action, settings),
    });
  }
  if (action.verification && within(action.verification.verified_at)) {
    out.push({
      who: action.owner,
      kind: 'action_verified',
      reason: 'verified',
      key: '',
      data: messageData(action, settings),
    });
  }
  return out;
}

/**
 * The action reminders due at `now`: due soon (once per due date, `due_soon_days` ahead), overdue (once per
 * `overdue_repeat_days` period), escalation to the owner's team lead (once, after `escalate_after_days`).
 * Keys are deterministic (`action:ACT-000012:overdue:2026-11-28:user:alice:email`), so planning the same
 * day again, on any instance or after a crash, yields the same keys and the outbox sends each once.
 * Days are calendar days in `time_zone`. Recipients who chose the digest get, from `digest_hour` on, one
 * `digest` a day per channel listing their reminders and the assignments and verifications since the
 * previous digest time, instead of single ones.
 *
 * A plan takes its actions in pages, so a large store is planned without holding every action at once; the
 * digests, which gather items across pages, come last (`digests`). A pass that wants only one of the two
 * feeds its pages to `singles` or to `digestItems`; `add` does both.
 */
export class ReminderPlan {
  private readonly settings: ReminderSettings;
  private readonly date: string;
  private readonly today: number;
  private readonly digestAt: number;
  private readonly previousDigestAt: number;
  private readonly notBefore: string;
  private readonly gathered = new Map<string, { to: ResolvedRecipient; items: DigestItem[] }>();

  constructor(
    private readonly now: Date,
    settingsInput: Partial<ReminderSettings> = {},
    private readonly directory: RecipientDirectory = { users: {}, teams: {} },
  ) {
    const settings = parseInput(ReminderSettings, settingsInput, 'reminder settings');
    const digestTime = (day: string): number =>
      instantOf(
        { date: day, hour: settings.digest_hour, minute: 0, second: 0, millisecond: 0 },
        settings.time_zone,
      ).getTime();
    this.settings = settings;
    this.date = localDate(now, settings.time_zone);
    this.today = dayNumber(this.date);
    this.digestAt = digestTime(this.date);
    this.previousDigestAt = digestTime(addDays(this.date, -1));
    this.notBefore = now.toISOString();
  }

  /** True once today's digest hour has come and someone chose the digest: only then are there digests. */
  get digestsDue(): boolean {
    const { users, teams } = this.directory;
    const chosen = [...Object.values(users), ...Object.values(teams)].some((prefs) => prefs?.digest);
    return chosen && this.now.getTime() >= this.digestAt;
  }

  /**
   * The single reminders for these actions; what digest readers should hear is kept for `digests`. Pages
   * come in ascending action order, so a digest lists its items in that order.
   */
  add(subjects: readonly ReminderSubject[]): Notification[] {
    return this.plan(subjects, 'both');
  }

  /**
   * The same single reminders as `add`, keeping nothing for `digests`: for a pass that sends no digests, so
   * its memory does not grow with the digest readers' actions.
   */
  singles(subjects: readonly ReminderSubject[]): Notification[] {
    return this.plan(subjects, 'singles');
  }

  /**
   * Keeps for `digests` what `add` keeps, planning no single reminder: for a pass that sends only digests,
   * so it does not render, for nothing, a message for every reader who did not choose the digest.
   */
  digestItems(subjects: readonly ReminderSubject[]): void {
    this.plan(subjects, 'digest_items');
  }

  private plan(subjects: readonly ReminderSubject[], wanted: Wanted): Notification[] {
    const { settings, directory } = this;
    const singles = wanted !== 'digest_items';
    const items = wanted !== 'singles';
    const out: Notification[] = [];
    const sorted = [...subjects].sort((a, b) =>
      a.action.id < b.action.id ? -1 : a.action.id > b.action.id ? 1 : 0,
    );
    for (const subject of sorted) {
      const found = remindersFor(subject, this.today, settings, directory);
      // Assignments and verifications (keyless) are told only in digests.
      if (items) found.push(...digestEvents(subject.action, this.previousDigestAt, this.digestAt, settings));
      for (const each of found) {
        const to = resolveRecipient(each.who, directory, settings.default_channels);
        if (to.digest ? !items : !singles) continue;
        const reminder =
          subject.may_know?.(each.who) === false ? { ...each, data: withheld(each.data) } : each;
        if (!to.digest) {
          if (reminder.key !== '') out.push(...fanOut(reminder, to, this.notBefore));
          continue;
        }
        const ref = recipientRef(to.recipient);
        const bucket = this.gathered.get(ref) ?? { to, items: [] };
        bucket.items.push({ ...reminder.data, reason: reminder.reason });
        this.gathered.set(ref, bucket);
      }
    }
    return out;
  }

  /** One digest per reader and channel for today, from the digest hour on (before it, none). */
  digests(): Notification[] {
    if (this.now.getTime() < this.digestAt) return [];
    const out: Notification[] = [];
    for (const [ref, { to, items }] of this.gathered) {
      const data = { date: this.date, items };
      const { subject, text } = renderMessage('digest', data);
      for (const channel of to.channels) {
        out.push({
          key: `digest:${ref}:${this.date}:${channel}`,
          kind: 'digest',
          recipient: to.recipient,
          channel,
          subject,
          text,
          data,
          not_before: new Date(this.digestAt).toISOString(),
        });
      }
    }
    return out;
  }
}

/** Every reminder and digest due at `now` for these actions, in one call (see `ReminderPlan`). */
export function planActionReminders(
  subjects: readonly ReminderSubject[],
  now: Date,
  settingsInput: Partial<ReminderSettings> = {},
  directory: RecipientDirectory = { users: {}, teams: {} },
): Notification[] {
  const plan = new ReminderPlan(now, settingsInput, directory);
  return [...plan.add(subjects), ...plan.digests()];
}
