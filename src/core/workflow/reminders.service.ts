import type { ActionStore } from '../actions/action.ports.js';
import { mayKnow } from '../notifications/need-to-know.js';
import { planActionReminders, type ReminderSubject } from '../notifications/reminder.planner.js';
import { loadReviewSettings } from '../settings/review-settings.js';
import type { SettingsStore } from '../settings/settings.ports.js';
import type { Clock } from '../shared/clock.js';
import {
  teamLeadOf,
  type AudienceStore,
  type DirectoryStore,
  type NotificationSink,
  type NotifySettings,
} from './notify.ports.js';

export interface ReminderServiceDeps {
  actions: Pick<ActionStore, 'listForReminders'>;
  directory: Pick<DirectoryStore, 'load'>;
  audience: Pick<AudienceStore, 'restrictedActions' | 'admins'>;
  outbox: NotificationSink;
  settings: Pick<SettingsStore, 'get' | 'list'>;
  notify?: NotifySettings | undefined;
  clock: Clock;
}

export interface PlanReport {
  /** Notifications the planner produced this run. */
  planned: number;
  /** Of those, new to the outbox (the rest were recorded by an earlier run or another instance). */
  recorded: number;
}

/** Digests mention assignments and verifications of the last day; two days back covers any digest hour. */
const LOOKBACK_MS = 2 * 24 * 60 * 60 * 1000;

/**
 * Plans the time-driven action reminders (due soon, overdue, escalation) and the daily digests, and
 * records them in the outbox. Planning is idempotent: keys are deterministic, so running it often, on
 * several instances or again after a crash, records each reminder once. Days are counted in the working
 * calendar's time zone.
 */
export class ReminderService {
  constructor(private readonly deps: ReminderServiceDeps) {}

  /** Single reminders (everything but digests), for recipients who did not choose the digest. */
  reminders(): Promise<PlanReport> {
    return this.plan((kind) => kind !== 'digest');
  }

  /** Daily digests, from the digest hour on, for recipients who chose them. */
  digests(): Promise<PlanReport> {
    return this.plan((kind) => kind === 'digest');
  }

  private async plan(keep: (kind: string) => boolean): Promise<PlanReport> {
    const { actions, directory, audience, outbox, settings, clock } = this.deps;
    const now = clock.now();
    const [{ calendar }, snapshot, list, restricted, admins] = await Promise.all([
      loadReviewSettings(settings),
      directory.load(),
      actions.listForReminders(new Date(now.getTime() - LOOKBACK_MS).toISOString()),
      audience.restrictedActions(),
      audience.admins(),
    ]);
    const known = { admins, teamsOf: snapshot.teamsOf };
    const subjects: ReminderSubject[] = list.map((action) => {
      const scopes = restricted[action.id] ?? [];
      return {
        action,
        team_lead_id: action.owner.kind === 'user' ? teamLeadOf(action.owner.id, snapshot) : undefined,
        // Owners, leads and digest readers without need to know hear of the action, not its title.
        may_know: (who) => mayKnow(who, scopes, known),
      };
    });
    const planned = planActionReminders(
      subjects,
      now,
      { ...this.deps.notify, time_zone: calendar.time_zone },
      snapshot.directory,
    ).filter((n) => keep(n.kind));
    const recorded = await outbox.enqueueAll(planned, now);
    return { planned: planned.length, recorded };
  }
}
