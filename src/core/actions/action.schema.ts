import { z } from 'zod';
import { invalid } from '../shared/errors.js';
import { CalendarDate, Instant, Priority } from '../shared/vocabulary.js';

import { IncidentId } from '../incidents/incident.schema.js';

export { IncidentId };

/** Action ids look like `ACT-000012`; storage allocates the number, {@link formatActionId} spells it. */
export const ActionId = z.string().regex(/^ACT-\d{6,}$/, { message: 'must be an action id like ACT-000012' });
export type ActionId = z.infer<typeof ActionId>;

/** SEC10-BP08's three kinds of improvement: find it sooner, stop it happening, fix what it broke. */
export const ActionType = z.enum(['detective', 'preventive', 'corrective']);
export type ActionType = z.infer<typeof ActionType>;

export const ActionStatus = z.enum(['open', 'in_progress', 'blocked', 'completed', 'verified', 'wont_do']);
export type ActionStatus = z.infer<typeof ActionStatus>;
export const ACTION_STATUSES = ActionStatus.options;

/** An action is owned by one person or by a team. */
export const ActionOwner = z.object({
  kind: z.enum(['user', 'team']),
  id: z.string().trim().min(1, { message: 'must not be empty' }),
});
export type ActionOwner = z.infer<typeof ActionOwner>;

/** Scores 1 (least) to 5 (most) used to rank actions. */
const Score = z
  .number()
  .int({ message: 'must be a whole number from 1 to 5' })
  .min(1, { message: 'must be a whole number from 1 to 5' })
  .max(5, { message: 'must be a whole number from 1 to 5' });

const Text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: 'must not be empty' })
    .max(max, { message: `must be at most ${max} characters` });

const ActionFields = z.object({
  incident_ids: z.array(IncidentId).min(1, { message: 'must name at least one incident' }),
  lesson_id: z.string().trim().min(1).optional(),
  title: Text(200),
  description: z.string().max(10_000, { message: 'must be at most 10000 characters' }),
  type: ActionType,
  category: Text(80),
  owner: ActionOwner,
  due_date: CalendarDate,
  priority: Priority,
  risk_reduction: Score,
  feasibility: Score,
  success_criteria: Text(2_000),
});

export const ActionCreate = ActionFields.extend({ description: ActionFields.shape.description.default('') });
export type ActionCreate = z.infer<typeof ActionCreate>;

/**
 * Fields a caller may change directly; status, progress and verification move only through the lifecycle.
 * Built from the fields without defaults, so an absent field stays absent instead of being reset.
 */
export const ActionPatch = ActionFields.partial().strict();
export type ActionPatch = z.infer<typeof ActionPatch>;

export const EvidenceKind = z.enum(['text', 'link', 'test', 'exercise']);
export type EvidenceKind = z.infer<typeof EvidenceKind>;

/** Proof that an action works; an action counts as implemented only once verified. */
export const Verification = z.object({
  evidence_kind: EvidenceKind,
  evidence: Text(5_000),
  verified_by: z.string().min(1),
  verified_at: Instant,
  recheck_on: CalendarDate.optional(),
});
export type Verification = z.infer<typeof Verification>;

/** What a verifier supplies; who and when come from the actor and the clock. */
export const VerificationInput = Verification.pick({ evidence_kind: true, evidence: true, recheck_on: true });
export type VerificationInput = z.infer<typeof VerificationInput>;

/** One entry of the action's history: a progress update, a status change or a verification. */
export const ActionHistoryEntry = z.object({
  at: Instant,
  by: z.string(),
  kind: z.enum(['progress', 'status', 'verification', 'edit']),
  from_status: ActionStatus,
  to_status: ActionStatus,
  progress: z.number().int().min(0).max(100),
  note: z.string().optional(),
});
export type ActionHistoryEntry = z.infer<typeof ActionHistoryEntry>;

export const Action = ActionCreate.extend({
  id: ActionId,
  status: ActionStatus,
  wont_do_reason: z.string().optional(),
  progress: z.number().int().min(0).max(100),
  history: z.array(ActionHistoryEntry),
  completed_at: Instant.optional(),
  verification: Verification.optional(),
  /** When the current owner was given the action; reminders and digests use it. */
  assigned_at: Instant,
  created_at: Instant,
  updated_at: Instant,
  version: z.number().int().min(1),
});
export type Action = z.infer<typeof Action>;

/**
 * Spells an allocated action number as an id.
 * @example formatActionId(12) // 'ACT-000012'
 */
export function formatActionId(n: number): string {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw invalid('action_number_invalid', `an action number must be a positive whole number, got ${n}`);
  }
  return `ACT-${String(n).padStart(6, '0')}`;
}
