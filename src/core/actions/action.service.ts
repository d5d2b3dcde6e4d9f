import { z } from 'zod';
import { authorize, type Permission } from '../auth/policy.js';
import type { Actor } from '../shared/actor.js';
import type { Clock } from '../shared/clock.js';
import { conflict, invalid, notFound } from '../shared/errors.js';
import type { Page } from '../shared/ports.js';
import { parseInput } from '../shared/validation.js';
import { loadReviewSettings } from '../settings/review-settings.js';
import type { NotifySettings } from '../workflow/notify.ports.js';
import { actionsToCsv } from './action-csv.js';
import {
  announce,
  personOf,
  referenceProblems,
  refuseUnknown,
  teamFor,
  todayOf,
  type ActionStores,
  type ActionTransaction,
} from './action.context.js';
import { BurnDownQuery, burnDownPeriod, sampleInstants, type BurnDown } from './action.burndown.js';
import { readImportRows } from './action.import.js';
import { applyPatch, changeStatus, createAction, recordProgress, verify } from './action.lifecycle.js';
import { ActionFilter, ActionListQuery } from './action.ports.js';
import type { ActionSummary } from './action.report.js';
import { ActionCreate, ActionPatch, ActionStatus, type Action } from './action.schema.js';
import { presentAction, type ActionView } from './action.view.js';

export const ProgressInput = z.strictObject({
  progress: z.number().int({ message: 'must be a whole number from 0 to 100' }).min(0).max(100),
  note: z.string().trim().max(2_000, { message: 'must be at most 2000 characters' }).optional(),
});

export const StatusInput = z.strictObject({
  status: ActionStatus,
  reason: z.string().trim().max(2_000, { message: 'must be at most 2000 characters' }).optional(),
  allow_incomplete: z.boolean().optional(),
});

export interface ActionReport extends ActionSummary {
  /** The calendar day overdue was measured on. */
  as_of: string;
}

export interface ActionServiceDeps {
  /** For reads outside a transaction. */
  stores: Pick<ActionStores, 'actions' | 'settings'>;
  clock: Clock;
  /** Inside, use only the stores handed over: the embedded store has one connection. */
  transaction: ActionTransaction;
  notify?: NotifySettings | undefined;
}

type Change = (current: Action, person: Actor, now: Date) => Action;

/**
 * Improvement actions that get done (SEC10-BP08 Step 4): create, list, edit with If-Match, progress,
 * status moves, verification, reports, CSV export and all-or-nothing import. Every write is audited and
 * records its notifications (assignment, verification) in the outbox in the same transaction.
 */
export class ActionService {
  constructor(private readonly deps: ActionServiceDeps) {}

  async create(actor: Actor, input: unknown): Promise<ActionView> {
    authorize(actor, 'action:write');
    const data = parseInput(ActionCreate, input, 'action');
    const now = this.deps.clock.now();
    return this.deps.transaction(async (stores) => {
      refuseUnknown(await referenceProblems(stores, actor, data));
      const [action] = await this.insertAll(stores, actor, [data], now);
      if (!action) throw new Error('an inserted action went missing');
      return presentAction(action, await todayOf(stores.settings, now));
    });
  }

  async get(actor: Actor, id: string): Promise<ActionView> {
    authorize(actor, 'incident:read');
    const action = await this.deps.stores.actions.findById(id, actor);
    if (!action) throw notFound('action', id);
    return presentAction(action, await todayOf(this.deps.stores.settings, this.deps.clock.now()));
  }

  async list(actor: Actor, query: unknown): Promise<Page<ActionView>> {
    authorize(actor, 'incident:read');
    const q = parseInput(ActionListQuery, query ?? {}, 'action query');
    const today = await todayOf(this.deps.stores.settings, this.deps.clock.now());
    const page = await this.deps.stores.actions.list(q, actor, today);
    return { ...page, items: page.items.map((a) => presentAction(a, today)) };
  }

  /** Edits the descriptive fields; a new owner is notified. */
  update(actor: Actor, id: string, input: unknown, expectedVersion?: number): Promise<ActionView> {
    const patch = parseInput(ActionPatch, input, 'action change');
    return this.change(actor, 'action:write', id, expectedVersion, 'update', patch, (current, person, now) =>
      applyPatch(current, patch, person, now),
    );
  }

  /** Records progress with a note; 100 completes the action. */
  progress(actor: Actor, id: string, input: unknown, expectedVersion?: number): Promise<ActionView> {
    const update = parseInput(ProgressInput, input, 'progress update');
    return this.change(actor, 'action:write', id, expectedVersion, 'progress', {}, (current, person, now) =>
      recordProgress(current, update, person, now),
    );
  }

  /** Moves the status (blocked, completed, won't do with a reason, reopen); see changeStatus for the rules. */
  setStatus(actor: Actor, id: string, input: unknown, expectedVersion?: number): Promise<ActionView> {
    const { status, ...options } = parseInput(StatusInput, input, 'status change');
    return this.change(actor, 'action:write', id, expectedVersion, 'status', {}, (current, person, now) =>
      changeStatus(current, status, options, person, now),
    );
  }

  /** Verifies a completed action with evidence; the owner (or their team) may not verify their own. */
  verify(actor: Actor, id: string, input: unknown, expectedVersion?: number): Promise<ActionView> {
    return this.change(actor, 'action:verify', id, expectedVersion, 'verify', {}, (current, person, now) =>
      verify(current, input, person, now),
    );
  }

  /** Counts of the actions the actor may see, by status, priority, category, owner and team. */
  async report(actor: Actor, query: unknown): Promise<ActionReport> {
    authorize(actor, 'incident:read');
    const filter = parseInput(ActionFilter, query ?? {}, 'action report query');
    const today = await todayOf(this.deps.stores.settings, this.deps.clock.now());
    return { as_of: today, ...(await this.deps.stores.actions.report(filter, actor, today)) };
  }

  /**
   * Open and overdue actions the actor may see at `points` instants evenly spaced over the period (issue 8's
   * burn-down), counted by the store; overdue is judged on each instant's day in the working calendar.
   */
  async burnDown(actor: Actor, query: unknown): Promise<BurnDown> {
    authorize(actor, 'incident:read');
    const {
      from: qFrom,
      to: qTo,
      points,
      ...filter
    } = parseInput(BurnDownQuery, query ?? {}, 'burn-down query');
    const { from, to } = burnDownPeriod({ from: qFrom, to: qTo }, this.deps.clock.now());
    const { calendar } = await loadReviewSettings(this.deps.stores.settings);
    const samples = sampleInstants(from, to, points, calendar.time_zone);
    const counts = await this.deps.stores.actions.burnDown(filter, samples, actor);
    return {
      from,
      to,
      time_zone: calendar.time_zone,
      points: samples.map((s, i) => ({
        at: new Date(s.at_ms).toISOString(),
        date: s.date,
        open: counts[i]?.open ?? 0,
        overdue: counts[i]?.overdue ?? 0,
      })),
    };
  }

  /** The matching actions as CSV (RFC 4180, formula-safe). */
  async exportCsv(actor: Actor, query: unknown): Promise<string> {
    authorize(actor, 'incident:read');
    const filter = parseInput(ActionFilter, query ?? {}, 'action export query');
    const today = await todayOf(this.deps.stores.settings, this.deps.clock.now());
    return actionsToCsv(await this.deps.stores.actions.listAll(filter, actor, today));
  }

  /**
   * Imports actions from CSV, all or nothing: every bad row is reported in one `csv_invalid` error (fields,
   * unknown owners, incidents that do not exist) and nothing is written unless every row is good.
   */
  async importCsv(actor: Actor, text: unknown): Promise<{ imported: number; ids: string[] }> {
    authorize(actor, 'action:write');
    if (typeof text !== 'string') {
      throw invalid('csv_invalid', 'send the actions as CSV text (content type text/csv)');
    }
    const { rows, problems, records } = readImportRows(text);
    const now = this.deps.clock.now();
    return this.deps.transaction(async (stores) => {
      for (const { row, input } of rows) {
        problems.push(...(await referenceProblems(stores, actor, input, `row ${row}, `)));
      }
      if (problems.length > 0) {
        const sorted = [...problems].sort((a, b) => rowOf(a.path) - rowOf(b.path));
        const badRows = new Set(sorted.map((p) => p.path.split(',')[0])).size;
        throw invalid(
          'csv_invalid',
          `${badRows} of ${records} rows are invalid; nothing was imported: ` +
            sorted.map((p) => `${p.path}: ${p.problem}`).join('; '),
          sorted,
        );
      }
      const created = await this.insertAll(
        stores,
        actor,
        rows.map((r) => r.input),
        now,
      );
      return { imported: created.length, ids: created.map((a) => a.id) };
    });
  }

  private async insertAll(
    stores: ActionStores,
    actor: Actor,
    inputs: readonly ActionCreate[],
    now: Date,
  ): Promise<Action[]> {
    const person = personOf(actor);
    const snapshot = await stores.directory.load();
    const created: Action[] = [];
    for (const input of inputs) {
      const action = createAction(await stores.actions.nextId(), input, person, now);
      await stores.actions.insert(action, await teamFor(stores.actions, action.owner), actor.id);
      await stores.audit.append(
        actor,
        { entity_type: 'action', entity_id: action.id, action: 'create', before: null, after: action },
        now.toISOString(),
      );
      await announce(stores, 'action_assigned', action, now, this.deps.notify ?? {}, snapshot);
      created.push(action);
    }
    return created;
  }

  private async change(
    actor: Actor,
    permission: Permission,
    id: string,
    expectedVersion: number | undefined,
    auditAction: string,
    references: { incident_ids?: string[] | undefined; owner?: Action['owner'] | undefined },
    apply: Change,
  ): Promise<ActionView> {
    authorize(actor, permission);
    const now = this.deps.clock.now();
    return this.deps.transaction(async (stores) => {
      const current = await stores.actions.findById(id, actor);
      if (!current) throw notFound('action', id);
      if (expectedVersion !== undefined && expectedVersion !== current.version) {
        throw conflict(
          'version_conflict',
          `action ${id} was changed by someone else (you had version ${expectedVersion}, it is now ${current.version}); reload and retry`,
        );
      }
      refuseUnknown(await referenceProblems(stores, actor, references));
      const next = apply(current, personOf(actor), now);
      const reassigned = next.assigned_at !== current.assigned_at;
      await stores.actions.save(
        next,
        current.version,
        reassigned ? await teamFor(stores.actions, next.owner) : undefined,
      );
      await stores.audit.append(
        actor,
        { entity_type: 'action', entity_id: id, action: auditAction, before: current, after: next },
        now.toISOString(),
      );
      const events = [
        ...(reassigned ? (['action_assigned'] as const) : []),
        ...(next.status === 'verified' && current.status !== 'verified'
          ? (['action_verified'] as const)
          : []),
      ];
      if (events.length > 0) {
        const snapshot = await stores.directory.load();
        for (const kind of events) await announce(stores, kind, next, now, this.deps.notify ?? {}, snapshot);
      }
      return presentAction(next, await todayOf(stores.settings, now));
    });
  }
}

const rowOf = (path: string): number => Number(/^row (\d+)/.exec(path)?.[1] ?? 0);
