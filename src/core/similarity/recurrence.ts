import { z } from 'zod';
import { IncidentId } from '../incidents/incident.schema.js';
import type { Incident } from '../incidents/incident.schema.js';

/** A reviewer's answer to "does this incident recur that earlier one?". */
export const RecurrenceDecisionInput = z.strictObject({
  of: IncidentId.describe('The earlier incident this one recurs (or does not).'),
  decision: z.enum(['confirm', 'reject']),
});
export type RecurrenceDecisionInput = z.infer<typeof RecurrenceDecisionInput>;

/** A stored decision; only `confirmed` links count toward the repeat incident rate. */
export const RecurrenceLink = z.object({
  incident_id: IncidentId,
  recurs_incident_id: IncidentId,
  decision: z.enum(['confirmed', 'rejected']),
  decided_by: z.string(),
  decided_at: z.string(),
});
export type RecurrenceLink = z.infer<typeof RecurrenceLink>;

/** Recurrence decisions as stored. */
export interface RecurrenceStore {
  /** Records (or replaces) the decision for the pair; returns the previous decision, if any. */
  decide(link: RecurrenceLink): Promise<RecurrenceLink | null>;
  /** Decisions where the incident is the later one. */
  decisionsFor(incidentId: string): Promise<RecurrenceLink[]>;
}

/**
 * When an incident happened, for "earlier": the first known of impact started, first indicator, detected,
 * declared, else when it was recorded (the stores use the same order).
 */
export function occurredAtOf(incident: Pick<Incident, 'timestamps' | 'created_at'>): string {
  const t = incident.timestamps;
  return t.impact_started ?? t.first_indicator ?? t.detected ?? t.declared ?? incident.created_at;
}
