import { formatActionId } from '../../src/core/actions/action.schema.js';
import { priorityScore } from '../../src/core/actions/action.priority.js';
import type { Severity } from '../../src/core/shared/vocabulary.js';
import { intBetween, logNormal, pick, weighted, type Rng } from '../lib/rng.js';
import { feedbackRowsFor } from './generate.feedback.js';
import { PARTICIPANTS } from './generate.vocabulary.js';

const DAY = 86_400_000;

/** Rows of the actions module's tables for one incident, in the product's schema (src/storage/schema.ts). */
export interface ActionRows {
  actions: Array<Record<string, unknown>>;
  actionIncidents: Array<{ action_id: string; incident_id: string; position: number }>;
  history: Array<Record<string, unknown>>;
  verifications: Array<Record<string, unknown>>;
  feedbackRequests: Array<Record<string, unknown>>;
  feedback: Array<Record<string, unknown>>;
}

export const emptyActionRows = (): ActionRows => ({
  actions: [],
  actionIncidents: [],
  history: [],
  verifications: [],
  feedbackRequests: [],
  feedback: [],
});

/** What an action came to by the end of the generated history. */
type Fate = 'verified' | 'completed' | 'in_progress' | 'blocked' | 'open' | 'wont_do';

/** Action priority follows the incident's severity, one step lower now and then. */
const LOWER: Record<Severity, Severity> = { Critical: 'High', High: 'Medium', Medium: 'Low', Low: 'Low' };

const WONT_DO_REASONS = [
  'Superseded by the platform migration',
  'Risk accepted by the service owner',
  'Duplicate of an action from an earlier incident',
];

export interface ReviewedIncident {
  id: string;
  team: string;
  severity: Severity;
  title: string;
  /** Contributing factors' categories and descriptions, one action per factor at least. */
  factors: ReadonlyArray<readonly [string, string]>;
  participants: readonly string[];
  resolvedAt: number;
  /** When the review was published (actions are agreed there), or when it was drafted if never published. */
  agreedAt: number;
  published: boolean;
}

/**
 * Improvement actions and participant feedback of one reviewed incident: about `perIncident` actions with
 * due dates weeks after the review, most done (a share late, a share never verified), some dropped with a
 * reason, the rest still open, in progress or blocked as of `now`; history entries and verifications as
 * the lifecycle would have written them; feedback from most participants of a published review, some
 * anonymous, ratings 1–10 leaning to 7–8.
 */
export function actionRowsFor(
  rng: Rng,
  incident: ReviewedIncident,
  perIncident: number,
  nextNumber: () => number,
  now: number,
): ActionRows {
  const rows = emptyActionRows();
  const count = Math.max(1, Math.round(logNormal(rng, perIncident * 0.85, 0.5)));
  for (let n = 0; n < count; n++) {
    const created = incident.agreedAt + Math.floor(rng() * DAY);
    if (created > now) break;
    const id = formatActionId(nextNumber());
    const due = created + Math.floor(logNormal(rng, 30 * DAY, 0.6));
    const finished = created + Math.floor(logNormal(rng, 24 * DAY, 0.7));
    const verifiedAt = finished + Math.floor(logNormal(rng, 3 * DAY, 0.8));
    const fate = fateOf(rng, finished, verifiedAt, now);
    const owner = pick(rng, incident.participants);
    const [category, description] = incident.factors[n % incident.factors.length] ?? ['technical', ''];
    const risk = intBetween(rng, 1, 5);
    const feasibility = intBetween(rng, 1, 5);
    const progress = progressOf(rng, fate);
    const reason = fate === 'wont_do' ? pick(rng, WONT_DO_REASONS) : null;
    const completedAt = fate === 'verified' || fate === 'completed' ? finished : null;
    const lastChange = Math.min(
      now,
      fate === 'verified' ? verifiedAt : (completedAt ?? created + Math.floor(rng() * 10 * DAY)),
    );
    const action: Record<string, unknown> = {
      id,
      number: Number(id.slice(4)),
      title: `${n + 1}. Address: ${description.toLowerCase() || incident.title}`.slice(0, 200),
      description: `From the review of ${incident.id}.`,
      type: weighted(rng, [
        ['preventive', 50],
        ['corrective', 35],
        ['detective', 15],
      ] as const),
      category,
      owner_kind: 'user',
      owner_id: owner,
      team: incident.team,
      due_date: day(due),
      priority: rng() < 0.25 ? LOWER[incident.severity] : incident.severity,
      risk_reduction: risk,
      feasibility,
      priority_score: priorityScore(risk, feasibility),
      success_criteria: 'The failure mode cannot recur unnoticed (alert or test proves it).',
      lesson_id: null,
      status: fate,
      wont_do_reason: reason,
      progress,
      completed_at_ms: completedAt,
      assigned_at_ms: created,
      created_by: owner,
      created_at_ms: created,
      updated_at_ms: lastChange,
      version: 1,
    };
    rows.actions.push(action);
    rows.actionIncidents.push({ action_id: id, incident_id: incident.id, position: 0 });
    const verifier = fate === 'verified' ? verifierOf(rng, incident.participants, owner) : owner;
    const history = historyOf(fate, { created, lastChange, completedAt, verifiedAt, progress, reason });
    history.forEach((h, n) =>
      rows.history.push({
        action_id: id,
        seq: n + 1,
        at_ms: h.at,
        by_id: h.kind === 'verification' ? verifier : owner,
        kind: h.kind,
        from_status: h.from,
        to_status: h.to,
        progress: h.progress,
        note: h.note,
      }),
    );
    action.version = history.length;
    action.updated_at_ms = (history[history.length - 1] as Step).at;
    if (fate === 'verified') {
      rows.verifications.push({
        action_id: id,
        evidence_kind: 'test',
        evidence: 'Fault injection in staging raised the new alert within 2 minutes.',
        verified_by: verifier,
        verified_at_ms: verifiedAt,
        recheck_on: rng() < 0.3 ? day(verifiedAt + 90 * DAY) : null,
      });
    }
  }
  if (incident.published) {
    const feedback = feedbackRowsFor(rng, incident, now);
    rows.feedbackRequests = feedback.requests;
    rows.feedback = feedback.answers;
  }
  return rows;
}

function fateOf(rng: Rng, finished: number, verifiedAt: number, now: number): Fate {
  const intent = weighted(rng, [
    ['done', 72],
    ['wont_do', 8],
    ['stuck', 20],
  ] as const);
  if (intent === 'wont_do') return 'wont_do';
  if (intent === 'done' && finished <= now)
    return verifiedAt <= now && rng() < 0.8 ? 'verified' : 'completed';
  return weighted(rng, [
    ['open', 45],
    ['in_progress', 45],
    ['blocked', 10],
  ] as const);
}

function progressOf(rng: Rng, fate: Fate): number {
  switch (fate) {
    case 'verified':
    case 'completed':
      return 100;
    case 'in_progress':
      return intBetween(rng, 1, 9) * 10;
    case 'blocked':
      return intBetween(rng, 1, 6) * 10;
    case 'wont_do':
      return rng() < 0.5 ? 0 : intBetween(rng, 1, 5) * 10;
    case 'open':
      return 0;
  }
}

interface Step {
  at: number;
  kind: 'status' | 'progress' | 'verification';
  from: string;
  to: string;
  progress: number;
  note: string | null;
}

interface Times {
  created: number;
  lastChange: number;
  completedAt: number | null;
  verifiedAt: number;
  progress: number;
  reason: string | null;
}

/**
 * The history the lifecycle (src/core/actions/action.lifecycle.ts) writes on the way to `fate`: created open;
 * progress above 0 moves it to in progress, 100 completes it; blocked and won't do are status changes (won't
 * do with its reason as the note); verification last, its evidence kind as the note.
 */
function historyOf(fate: Fate, t: Times): Step[] {
  const steps: Step[] = [
    { at: t.created, kind: 'status', from: 'open', to: 'open', progress: 0, note: 'created' },
  ];
  const midway = t.created + Math.floor((t.lastChange - t.created) / 2);
  const started = (at: number) =>
    steps.push({ at, kind: 'progress', from: 'open', to: 'in_progress', progress: t.progress, note: null });
  switch (fate) {
    case 'open':
      break;
    case 'in_progress':
      started(t.lastChange);
      break;
    case 'blocked':
      started(midway);
      steps.push({ ...status('in_progress', 'blocked', t), note: 'Waiting on the vendor' });
      break;
    case 'wont_do':
      if (t.progress > 0) started(midway);
      steps.push({ ...status(t.progress > 0 ? 'in_progress' : 'open', 'wont_do', t), note: t.reason });
      break;
    case 'completed':
    case 'verified': {
      const done = t.completedAt ?? t.lastChange;
      steps.push({ at: done, kind: 'progress', from: 'open', to: 'completed', progress: 100, note: null });
      if (fate === 'verified')
        steps.push({
          ...status('completed', 'verified', t),
          at: t.verifiedAt,
          kind: 'verification',
          note: 'test',
        });
      break;
    }
  }
  return steps;
}

const status = (from: string, to: string, t: Times): Step => ({
  at: t.lastChange,
  kind: 'status',
  from,
  to,
  progress: t.progress,
  note: null,
});

/** Someone other than the owner verifies (the product forbids verifying one's own action by default). */
function verifierOf(rng: Rng, participants: readonly string[], owner: string): string {
  const others = participants.filter((p) => p !== owner);
  return others.length > 0
    ? pick(rng, others)
    : pick(
        rng,
        PARTICIPANTS.filter((p) => p !== owner),
      );
}

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
