import { formatActionId } from '../../src/core/actions/action.schema.js';
import { priorityScore } from '../../src/core/actions/action.priority.js';
import type { Severity } from '../../src/core/shared/vocabulary.js';
import { intBetween, logNormal, pick, weighted, type Rng } from '../lib/rng.js';

const DAY = 86_400_000;

/** Rows of the actions module's tables for one incident, in the product's schema (src/storage/schema.ts). */
export interface ActionRows {
  actions: Array<Record<string, unknown>>;
  actionIncidents: Array<{ action_id: string; incident_id: string; position: number }>;
  history: Array<Record<string, unknown>>;
  verifications: Array<Record<string, unknown>>;
  feedback: Array<Record<string, unknown>>;
}

export const emptyActionRows = (): ActionRows => ({
  actions: [],
  actionIncidents: [],
  history: [],
  verifications: [],
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
    rows.actions.push({
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
      version: fate === 'open' ? 1 : fate === 'verified' ? 3 : 2,
    });
    rows.actionIncidents.push({ action_id: id, incident_id: incident.id, position: 0 });
    const entry = (
      seq: number,
      at: number,
      kind: string,
      from: string,
      to: string,
      p: number,
      note: string | null,
    ) =>
      rows.history.push({
        action_id: id,
        seq,
        at_ms: at,
        by_id: owner,
        kind,
        from_status: from,
        to_status: to,
        progress: p,
        note,
      });
    entry(1, created, 'status', 'open', 'open', 0, 'created');
    if (fate === 'wont_do') entry(2, lastChange, 'status', 'open', 'wont_do', progress, reason);
    else if (fate === 'in_progress' || fate === 'blocked')
      entry(2, lastChange, 'progress', 'open', fate, progress, null);
    else if (completedAt !== null) entry(2, completedAt, 'progress', 'open', 'completed', 100, null);
    if (fate === 'verified') {
      entry(3, verifiedAt, 'verification', 'completed', 'verified', 100, 'test');
      rows.verifications.push({
        action_id: id,
        evidence_kind: 'test',
        evidence: 'Fault injection in staging raised the new alert within 2 minutes.',
        verified_by: pick(rng, incident.participants),
        verified_at_ms: verifiedAt,
        recheck_on: rng() < 0.3 ? day(verifiedAt + 90 * DAY) : null,
      });
    }
  }
  if (incident.published) rows.feedback = feedbackRows(rng, incident, now);
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

/** A rating 1–10 leaning to 7–8, as post-incident surveys do. */
const rating = (rng: Rng): number => Math.max(1, Math.min(10, Math.round(7.3 + 1.6 * gaussian(rng))));
const gaussian = (rng: Rng): number => (rng() + rng() + rng() + rng() - 2) * Math.sqrt(3);

function feedbackRows(rng: Rng, incident: ReviewedIncident, now: number): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const answered = new Set<string>();
  for (const participant of incident.participants) {
    if (answered.has(participant) || rng() < 0.35) continue;
    answered.add(participant);
    const submitted = incident.agreedAt + Math.floor(logNormal(rng, 2 * DAY, 0.8));
    if (submitted > now) continue;
    out.push({
      id: `fb-${incident.id}-${answered.size}`,
      incident_id: incident.id,
      participant: rng() < 0.2 ? null : participant,
      response_rating: rating(rng),
      improvement_rating: rating(rng),
      went_well: 'Clear roles during the response.',
      to_improve: 'Alerting reached the on-call engineer late.',
      submitted_on: day(submitted),
    });
  }
  return out;
}

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
