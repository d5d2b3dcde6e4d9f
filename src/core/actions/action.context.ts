import type { AuditLog } from '../audit/audit.ports.js';
import { localDate } from '../calendar/calendar.zone.js';
import type { IncidentStore } from '../incidents/incident.ports.js';
import { planActionEvent } from '../notifications/action.events.js';
import { mayKnow, type Addressee } from '../notifications/need-to-know.js';
import { loadReviewSettings } from '../settings/review-settings.js';
import type { SettingsStore } from '../settings/settings.ports.js';
import type { Actor } from '../shared/actor.js';
import { invalid, type Problem } from '../shared/errors.js';
import type {
  AudienceStore,
  DirectorySnapshot,
  DirectoryStore,
  NotificationSink,
  NotifySettings,
} from '../workflow/notify.ports.js';
import type { ActionStore } from './action.ports.js';
import type { Action, ActionOwner } from './action.schema.js';

/** The stores action work touches, bound to one transaction (or to the database for reads). */
export interface ActionStores {
  actions: ActionStore;
  incidents: Pick<IncidentStore, 'findById'>;
  settings: Pick<SettingsStore, 'get' | 'list'>;
  audit: AuditLog;
  outbox: NotificationSink;
  directory: Pick<DirectoryStore, 'load'>;
  audience: Pick<AudienceStore, 'restrictedAmong' | 'admins'>;
}

export type ActionTransaction = <T>(work: (stores: ActionStores) => Promise<T>) => Promise<T>;

/**
 * Inside actions people are named by username (owners, history, verifier), as in CSV files and messages;
 * the audit trail keeps the account id. The CLI operator and jobs have no username and keep their id.
 */
export function personOf(actor: Actor): Actor {
  return { ...actor, id: actor.username ?? actor.id };
}

/** Today's date (`YYYY-MM-DD`) in the working calendar's time zone: what "overdue" is measured against. */
export async function todayOf(settings: ActionStores['settings'], now: Date): Promise<string> {
  const { calendar } = await loadReviewSettings(settings);
  return localDate(now, calendar.time_zone);
}

/**
 * Problems with the incidents and owner an action names: an incident the actor may not see reads exactly
 * like one that does not exist; a user owner must be a known user (by username), so they can be notified.
 * Teams are labels, as on incidents: any team may own an action.
 */
export async function referenceProblems(
  stores: Pick<ActionStores, 'actions' | 'incidents'>,
  actor: Actor,
  input: { incident_ids?: readonly string[] | undefined; owner?: ActionOwner | undefined },
  prefix = '',
): Promise<Problem[]> {
  const problems: Problem[] = [];
  const ids = input.incident_ids ?? [];
  for (const [index, id] of ids.entries()) {
    if (!(await stores.incidents.findById(id, actor))) {
      problems.push({ path: `${prefix}incident_ids[${index}]`, problem: `incident ${id} does not exist` });
    }
  }
  if (input.owner && (await stores.actions.unknownOwners([input.owner])).length > 0) {
    problems.push({
      path: `${prefix}owner`,
      problem: `no ${input.owner.kind} ${input.owner.id} is known to Hindsight`,
    });
  }
  return problems;
}

/** Throws `action_reference_unknown` listing every problem, when there are any. */
export function refuseUnknown(problems: readonly Problem[]): void {
  if (problems.length === 0) return;
  throw invalid(
    'action_reference_unknown',
    `the action names what does not exist: ${problems.map((p) => `${p.path}: ${p.problem}`).join('; ')}`,
    problems,
  );
}

/** The team an action counts under in reports: the owning team, or the owning user's first team. */
export async function teamFor(actions: ActionStore, owner: ActionOwner): Promise<string | null> {
  return owner.kind === 'team' ? owner.id : actions.teamOfUser(owner.id);
}

/**
 * Records the notifications an assignment or a verification sends, in the caller's transaction: they are
 * in the outbox exactly when the change is committed, and their keys make a retried request harmless.
 */
export async function announce(
  stores: Pick<ActionStores, 'outbox' | 'audience'>,
  kind: 'action_assigned' | 'action_verified',
  action: Action,
  now: Date,
  settings: NotifySettings,
  snapshot: DirectorySnapshot,
): Promise<number> {
  const restricted = await stores.audience.restrictedAmong(action.incident_ids);
  const known = {
    admins: restricted.length > 0 ? await stores.audience.admins() : [],
    teamsOf: snapshot.teamsOf,
  };
  const may = (who: Addressee) => mayKnow(who, restricted, known);
  let recorded = 0;
  for (const n of planActionEvent(kind, action, now, settings, snapshot.directory, may)) {
    if (await stores.outbox.enqueue(n, now)) recorded += 1;
  }
  return recorded;
}
