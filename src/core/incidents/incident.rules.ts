import { invalid } from '../shared/errors.js';
import type { Actor } from '../shared/actor.js';
import { MILESTONES, assertMilestoneOrder, milestoneOrderProblems } from './incident.milestones.js';
import type { IncidentChanges } from './incident.ports.js';
import type {
  Incident,
  IncidentMilestones,
  IncidentPatch,
  IncidentStatus,
  IncidentTimestamps,
  TimestampEdit,
} from './incident.schema.js';

const STATUS_ORDER: Record<IncidentStatus, number> = { open: 0, contained: 1, resolved: 2, closed: 3 };

/** The milestone a status implies; reaching the status without it stamps it with the time of the change. */
const STATUS_MILESTONE: Partial<Record<IncidentStatus, 'contained' | 'resolved'>> = {
  contained: 'contained',
  resolved: 'resolved',
  closed: 'resolved',
};

/**
 * Status moves forward (open → contained → resolved → closed, skipping allowed) or back to open
 * (a reopened incident); any other backward move is refused.
 */
export function assertStatusMove(from: IncidentStatus, to: IncidentStatus): void {
  if (from === to || to === 'open' || STATUS_ORDER[to] > STATUS_ORDER[from]) return;
  throw invalid(
    'invalid_status_transition',
    `an incident cannot move from ${from} back to ${to}; reopen it instead`,
    [{ path: 'status', problem: `cannot move from ${from} to ${to}` }],
  );
}

export function emptyMilestones(): IncidentMilestones {
  return Object.fromEntries(MILESTONES.map((m) => [m, null])) as IncidentMilestones;
}

/** Fills every milestone (null when absent), stamps the one the status implies, and checks causal order. */
export function initialMilestones(
  given: IncidentTimestamps,
  status: IncidentStatus,
  now: string,
): IncidentMilestones {
  const milestones = { ...emptyMilestones(), ...stripUndefined(given) };
  const implied = STATUS_MILESTONE[status];
  if (implied && !milestones[implied]) milestones[implied] = now;
  // Declared defaults to the moment of recording, unless that would break the order of what was given:
  // an incident recorded after the fact (an import, a late write-up) was declared at an unknown time.
  if (!milestones.declared) {
    const recordedNow = milestoneOrderProblems({ ...milestones, declared: now }).length === 0;
    milestones.declared = recordedNow ? now : null;
  }
  assertMilestoneOrder(milestones);
  return milestones;
}

function stripUndefined(t: IncidentTimestamps): Partial<IncidentMilestones> {
  return Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined));
}

/**
 * Applies a patch to an incident: the next editable state plus one edit record per changed milestone,
 * so every change of a timestamp is traceable to who made it and when.
 */
export function applyIncidentPatch(
  incident: Incident,
  patch: IncidentPatch,
  actor: Actor,
  now: string,
): { changes: IncidentChanges; edits: TimestampEdit[] } {
  const {
    id: _id,
    timestamp_edits: _e,
    created_by: _c,
    created_at: _ca,
    updated_at: _u,
    version: _v,
    ...current
  } = incident;
  const status = patch.status ?? current.status;
  assertStatusMove(current.status, status);
  const milestones: IncidentMilestones = { ...current.timestamps, ...stripUndefined(patch.timestamps ?? {}) };
  const implied = STATUS_MILESTONE[status];
  if (status !== current.status && implied && !milestones[implied]) milestones[implied] = now;
  assertMilestoneOrder(milestones);

  const edits: TimestampEdit[] = MILESTONES.filter((m) => milestones[m] !== current.timestamps[m]).map(
    (field) => ({
      field,
      previous: current.timestamps[field],
      value: milestones[field],
      by: actor.id,
      at: now,
    }),
  );
  const { timestamps: _t, status: _s, ...rest } = patch;
  return { changes: { ...current, ...rest, status, timestamps: milestones }, edits };
}
