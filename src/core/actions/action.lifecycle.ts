import type { Actor } from '../shared/actor.js';
import { forbidden, invalid } from '../shared/errors.js';
import { parseInput } from '../shared/validation.js';
import {
  ActionCreate,
  ActionPatch,
  VerificationInput,
  type Action,
  type ActionHistoryEntry,
  type ActionStatus,
} from './action.schema.js';

/** Statuses in which the work is still to be done; an action in one of them can fall overdue. */
export const ACTIVE_STATUSES: readonly ActionStatus[] = ['open', 'in_progress', 'blocked'];

const isActive = (status: ActionStatus): boolean => ACTIVE_STATUSES.includes(status);

function transitionError(action: Action, to: ActionStatus, why: string) {
  return invalid(
    'invalid_action_transition',
    `${action.id} cannot move from ${action.status} to ${to}: ${why}`,
    [{ path: 'status', problem: why }],
  );
}

function touched(
  action: Action,
  changes: Partial<Action>,
  entry: Omit<ActionHistoryEntry, 'at' | 'by' | 'from_status'>,
  actor: Actor,
  now: Date,
): Action {
  const at = now.toISOString();
  return {
    ...action,
    ...changes,
    history: [...action.history, { at, by: actor.id, from_status: action.status, ...entry }],
    updated_at: at,
    version: action.version + 1,
  };
}

/** Builds a new open action from validated-or-raw input; `id` comes from storage's allocator. */
export function createAction(id: string, input: unknown, actor: Actor, now: Date): Action {
  const data = parseInput(ActionCreate, input, 'action');
  const at = now.toISOString();
  return {
    ...data,
    id,
    status: 'open',
    progress: 0,
    history: [
      {
        at,
        by: actor.id,
        kind: 'status',
        from_status: 'open',
        to_status: 'open',
        progress: 0,
        note: 'created',
      },
    ],
    assigned_at: at,
    created_at: at,
    updated_at: at,
    version: 1,
  };
}

/** Applies an edit of the descriptive fields; a new owner restarts `assigned_at` so they get notified. */
export function applyPatch(action: Action, patch: unknown, actor: Actor, now: Date): Action {
  const data = parseInput(ActionPatch, patch, 'action change');
  const ownerChanged =
    data.owner !== undefined && (data.owner.kind !== action.owner.kind || data.owner.id !== action.owner.id);
  const changes: Partial<Action> = { ...data };
  if (ownerChanged) changes.assigned_at = now.toISOString();
  const fields = Object.keys(data).sort().join(', ');
  return touched(
    action,
    changes,
    { kind: 'edit', to_status: action.status, progress: action.progress, note: `changed ${fields}` },
    actor,
    now,
  );
}

/**
 * Records progress (0..100) with an optional note. Reaching 100 completes the action; going below 100 on a
 * completed action reopens it as in progress. Verified and won't-do actions take no more progress.
 */
export function recordProgress(
  action: Action,
  update: { progress: number; note?: string | undefined },
  actor: Actor,
  now: Date,
): Action {
  const { progress, note } = update;
  if (!Number.isInteger(progress) || progress < 0 || progress > 100) {
    throw invalid(
      'action_progress_out_of_range',
      `progress must be a whole number from 0 to 100, got ${progress}`,
      [{ path: 'progress', problem: 'must be a whole number from 0 to 100' }],
    );
  }
  if (action.status === 'verified' || action.status === 'wont_do') {
    throw invalid(
      'invalid_action_transition',
      `${action.id} is ${action.status === 'verified' ? 'verified' : "won't do"}; reopen it before recording progress`,
      [{ path: 'progress', problem: `cannot change progress of a ${action.status} action` }],
    );
  }
  let status = action.status;
  let completedAt = action.completed_at;
  if (progress === 100) {
    status = 'completed';
    completedAt = action.status === 'completed' ? action.completed_at : now.toISOString();
  } else if (action.status === 'completed') {
    status = 'in_progress';
    completedAt = undefined;
  } else if (action.status === 'open' && progress > 0) {
    status = 'in_progress';
  }
  return touched(
    action,
    { progress, status, completed_at: completedAt },
    { kind: 'progress', to_status: status, progress, ...(note === undefined ? {} : { note }) },
    actor,
    now,
  );
}

export interface StatusChangeOptions {
  reason?: string | undefined;
  /** Complete below 100% progress; requires a reason, so the record shows why. */
  allow_incomplete?: boolean | undefined;
}

/**
 * Moves an action between statuses. Legal moves: any of open / in progress / blocked to another; to
 * completed only at progress 100 (or `allow_incomplete` with a reason); to won't do with a reason; reopen
 * (to open or in progress) from completed or won't do. Verification goes through {@link verify}.
 */
export function changeStatus(
  action: Action,
  to: ActionStatus,
  options: StatusChangeOptions,
  actor: Actor,
  now: Date,
): Action {
  const reason = options.reason?.trim() || undefined;
  const from = action.status;
  if (from === to) throw transitionError(action, to, `it is already ${to}`);
  if (from === 'verified') throw transitionError(action, to, 'a verified action is final');
  const changes: Partial<Action> = { status: to };
  switch (to) {
    case 'open':
    case 'in_progress':
    case 'blocked':
      if (to === 'blocked' && !isActive(from)) {
        throw transitionError(action, to, 'reopen it first; only open or in-progress work can be blocked');
      }
      if (!isActive(from)) {
        changes.completed_at = undefined;
        changes.wont_do_reason = undefined;
      }
      break;
    case 'completed':
      if (!isActive(from)) throw transitionError(action, to, 'reopen it first');
      if (action.progress < 100) {
        if (!options.allow_incomplete) {
          throw transitionError(
            action,
            to,
            `progress is ${action.progress}%; record progress 100, or pass allow_incomplete with a reason`,
          );
        }
        if (!reason) throw transitionError(action, to, 'completing below 100% progress needs a reason');
      }
      changes.completed_at = now.toISOString();
      break;
    case 'verified':
      throw transitionError(action, to, 'verify it with evidence instead of setting the status');
    case 'wont_do':
      if (!reason) throw transitionError(action, to, "won't do needs a reason");
      changes.wont_do_reason = reason;
      changes.completed_at = undefined;
      break;
  }
  return touched(
    action,
    changes,
    { kind: 'status', to_status: to, progress: action.progress, ...(reason ? { note: reason } : {}) },
    actor,
    now,
  );
}

export interface VerificationPolicy {
  /** When true, the owner (or a member of the owning team) may not verify their own action. */
  forbid_self_verification: boolean;
}

/** Verifies a completed action with evidence; only then does it count as implemented. */
export function verify(
  action: Action,
  input: unknown,
  actor: Actor,
  now: Date,
  policy: VerificationPolicy = { forbid_self_verification: true },
): Action {
  const evidence = parseInput(VerificationInput, input, 'verification');
  if (action.status !== 'completed') {
    throw invalid(
      'action_not_completed',
      `${action.id} is ${action.status}; only a completed action can be verified`,
      [{ path: 'status', problem: 'must be completed before verification' }],
    );
  }
  const owns =
    action.owner.kind === 'user' ? action.owner.id === actor.id : actor.teamIds.includes(action.owner.id);
  if (policy.forbid_self_verification && owns) {
    throw forbidden(
      'self_verification_forbidden',
      `${action.id} is owned by ${action.owner.kind} ${action.owner.id}; someone else must verify it`,
    );
  }
  const at = now.toISOString();
  return touched(
    action,
    { status: 'verified', verification: { ...evidence, verified_by: actor.id, verified_at: at } },
    { kind: 'verification', to_status: 'verified', progress: action.progress, note: evidence.evidence_kind },
    actor,
    now,
  );
}
