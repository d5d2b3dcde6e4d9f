import type { Action } from '../actions/action.schema.js';
import type { ActionStore } from '../actions/action.ports.js';
import { mayKnow } from '../notifications/need-to-know.js';
import { ReminderPlan, type ReminderSubject } from '../notifications/reminder.planner.js';
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
 * Actions planned per page: a page never holds the server up for long, and its objects die young. With 500,
 * pages outlived the young generation and the first pass on a fresh 10k store left the process at ~193 MB
 * (161 MB with 100), in no less time.
 */
const PAGE_SIZE = 100;

/**
 * Plans the time-driven action reminders (due soon, overdue, escalation) and the daily digests, and
 * records them in the outbox. Planning is idempotent: keys are deterministic, so running it often, on
 * several instances or again after a crash (even one between pages), records each reminder once. Days are
 * counted in the working calendar's time zone.
 */
export class ReminderService {
  constructor(private readonly deps: ReminderServiceDeps) {}

  /**
   * Single reminders (everything but digests), for recipients who did not choose the digest. What digest
   * readers hear is left to `digests`, so this pass keeps none of it.
   */
  async reminders(): Promise<PlanReport> {
    const { plan, subjectsOf, now } = await this.start();
    const report: PlanReport = { planned: 0, recorded: 0 };
    for await (const page of this.pages(now)) {
      const planned = plan.singles(subjectsOf(page));
      report.planned += planned.length;
      report.recorded += await this.deps.outbox.enqueueAll(planned, now);
    }
    return report;
  }

  /**
   * Daily digests, from the digest hour on, for recipients who chose them. Single reminders are left to
   * `reminders`, so this pass plans (and renders) none of them.
   */
  async digests(): Promise<PlanReport> {
    const { plan, subjectsOf, now } = await this.start();
    // Before the digest hour, or with no digest reader, there is nothing to gather.
    if (!plan.digestsDue) return { planned: 0, recorded: 0 };
    for await (const page of this.pages(now)) plan.digestItems(subjectsOf(page));
    const planned = plan.digests();
    return { planned: planned.length, recorded: await this.deps.outbox.enqueueAll(planned, now) };
  }

  private pages(now: Date): AsyncIterable<Action[]> {
    const since = new Date(now.getTime() - LOOKBACK_MS).toISOString();
    return this.deps.actions.listForReminders(since, PAGE_SIZE);
  }

  /** What every page is planned with: the settings, the directory and who may know which action. */
  private async start(): Promise<{
    plan: ReminderPlan;
    subjectsOf: (actions: readonly Action[]) => ReminderSubject[];
    now: Date;
  }> {
    const { directory, audience, settings, clock } = this.deps;
    const now = clock.now();
    const [{ calendar }, snapshot, restricted, admins] = await Promise.all([
      loadReviewSettings(settings),
      directory.load(),
      audience.restrictedActions(),
      audience.admins(),
    ]);
    const known = { admins, teamsOf: snapshot.teamsOf };
    const plan = new ReminderPlan(
      now,
      { ...this.deps.notify, time_zone: calendar.time_zone },
      snapshot.directory,
    );
    const subjectsOf = (actions: readonly Action[]): ReminderSubject[] =>
      actions.map((action) => {
        const scopes = restricted[action.id] ?? [];
        return {
          action,
          team_lead_id: action.owner.kind === 'user' ? teamLeadOf(action.owner.id, snapshot) : undefined,
          // Owners, leads and digest readers without need to know hear of the action, not its title.
          may_know: (who) => mayKnow(who, scopes, known),
        };
      });
    return { plan, subjectsOf, now };
  }
}
