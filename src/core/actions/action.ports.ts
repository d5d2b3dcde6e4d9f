import { z } from 'zod';
import type { Actor } from '../shared/actor.js';
import type { Page } from '../shared/ports.js';
import { Priority } from '../shared/vocabulary.js';
import type { BurnDownCounts, BurnDownFilter, BurnDownSample } from './action.burndown.js';
import type { ActionSummary } from './action.report.js';
import { ActionStatus, ActionType, IncidentId, type Action, type ActionOwner } from './action.schema.js';

/** `true`/`false` from a query string, or a real boolean from the CLI or JSON. */
const Flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

/** Which actions a list, report or export covers; every filter is optional and they combine with AND. */
export const ActionFilter = z.strictObject({
  /** `user:alice`, `team:sre`, or a bare id that matches either kind. */
  owner: z.string().trim().min(1).max(200).optional(),
  team: z.string().trim().min(1).max(120).optional(),
  /** Actions linked to at least one incident that affected this service. */
  service: z.string().trim().min(1).max(120).optional(),
  status: ActionStatus.optional(),
  priority: Priority.optional(),
  type: ActionType.optional(),
  category: z.string().trim().min(1).max(80).optional(),
  incident: IncidentId.optional(),
  /** Past due and still to be done, in the organisation's calendar. */
  overdue: Flag.optional(),
});
export type ActionFilter = z.infer<typeof ActionFilter>;

export const ActionListQuery = ActionFilter.extend({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ActionListQuery = z.infer<typeof ActionListQuery>;

/**
 * Actions as stored. Reads take the viewer: an action linked to an incident the viewer may not see is
 * invisible to them, exactly like one that does not exist. `today` (`YYYY-MM-DD`) decides overdue.
 */
export interface ActionStore {
  /** Allocates the next `ACT-NNNNNN` id; unique across server processes. */
  nextId(): Promise<string>;
  insert(action: Action, team: string | null, createdBy: string): Promise<void>;
  findById(id: string, viewer: Actor): Promise<Action | null>;
  list(query: ActionListQuery, viewer: Actor, today: string): Promise<Page<Action>>;
  /** Every matching action, oldest first (exports). */
  listAll(filter: ActionFilter, viewer: Actor, today: string): Promise<Action[]>;
  /**
   * Writes the next state (new history entries, verification, incident links); `team` undefined keeps the
   * stored one. Throws `version_conflict` when the stored version is not `expectedVersion`.
   */
  save(next: Action, expectedVersion: number, team?: string | null): Promise<void>;
  /** Counts by status, priority, category, owner and team, computed in SQL. */
  report(filter: ActionFilter, viewer: Actor, today: string): Promise<ActionSummary>;
  /**
   * For each sample (in order): the visible, filtered actions open at that instant (created by then and not
   * completed, verified or won't do at that instant, per their status history) and those of them overdue
   * (due before the sample's date). Computed in SQL in one query.
   */
  burnDown(
    filter: BurnDownFilter,
    samples: readonly BurnDownSample[],
    viewer: Actor,
  ): Promise<BurnDownCounts[]>;
  /** Owners among those given that are users without an account (by username); teams are labels. */
  unknownOwners(owners: readonly ActionOwner[]): Promise<ActionOwner[]>;
  /** The first team of a user (by username), for reports by team; null when they have none. */
  teamOfUser(username: string): Promise<string | null>;
  /**
   * For the reminder jobs (no viewer: a job sees everything): actions still to be done, and those assigned
   * or verified at or after `changedSince` (ISO), which digests still mention; in pages of at most
   * `pageSize`, in action order. Other work (requests, on a store that answers synchronously) gets a turn
   * between pages, so a pass over a large store does not hold the server up.
   */
  listForReminders(changedSince: string, pageSize: number): AsyncIterable<Action[]>;
}
