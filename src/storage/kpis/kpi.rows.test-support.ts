import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** Milestones as ISO instants; the row stores epoch ms. */
export interface IncidentRowInput {
  id: string;
  severity?: string;
  category?: string;
  kind?: string;
  attack_vector?: string | null;
  services?: string[];
  team?: string | null;
  restricted?: boolean;
  title?: string;
  description?: string;
  at: Partial<
    Record<
      | 'impact_started'
      | 'first_indicator'
      | 'detected'
      | 'declared'
      | 'acknowledged'
      | 'contained'
      | 'recovered'
      | 'resolved',
      string
    >
  >;
}

const ms = (iso: string | undefined) => (iso ? Date.parse(iso) : null);

/** Writes an incident row as the repositories would, for aggregate tests that need exact timestamps. */
export async function insertIncidentRow(db: Kysely<Database>, input: IncidentRowInput): Promise<void> {
  const created = Date.parse(input.at.declared ?? input.at.detected ?? '2024-01-01T00:00:00Z');
  const services = input.services ?? [];
  await db
    .insertInto('incidents')
    .values({
      id: input.id,
      title: input.title ?? `Incident ${input.id}`,
      description: input.description ?? '',
      severity: input.severity ?? 'Medium',
      category: input.category ?? 'Availability',
      kind: input.kind ?? 'incident',
      attack_vector: input.attack_vector ?? null,
      affected_services: JSON.stringify(services),
      team: input.team ?? null,
      restricted: input.restricted ? 1 : 0,
      status: input.at.resolved ? 'resolved' : 'open',
      impact_started_ms: ms(input.at.impact_started),
      first_indicator_ms: ms(input.at.first_indicator),
      detected_ms: ms(input.at.detected),
      declared_ms: ms(input.at.declared),
      acknowledged_ms: ms(input.at.acknowledged),
      first_action_ms: null,
      contained_ms: ms(input.at.contained),
      mitigated_ms: null,
      recovered_ms: ms(input.at.recovered),
      resolved_ms: ms(input.at.resolved),
      created_by: 'test',
      created_at_ms: created,
      updated_at_ms: created,
      version: 1,
    })
    .execute();
  if (services.length > 0) {
    await db
      .insertInto('incident_services')
      .values(services.map((service) => ({ incident_id: input.id, service })))
      .execute();
  }
}

export interface ReviewRowInput {
  incident_id: string;
  published_at?: string;
  time_to_review_business_days?: number;
  factors?: Array<{ category: string; description: string }>;
  lessons?: Array<{ lesson: string; priority: string }>;
}

/** Writes a review row with its derived contributing factors, published when `published_at` is given. */
export async function insertReviewRow(db: Kysely<Database>, input: ReviewRowInput): Promise<void> {
  const id = `REV-${input.incident_id}`;
  const factors = input.factors ?? [];
  const document = {
    incident_ids: [input.incident_id],
    contributing_factors: factors.map((f) => ({ ...f, primary: false, evidence: [] })),
    lessons: input.lessons ?? [],
  };
  await db
    .insertInto('reviews')
    .values({
      id,
      incident_id: input.incident_id,
      status: input.published_at ? 'published' : 'draft',
      document: JSON.stringify(document),
      created_by: 'test',
      created_at_ms: 0,
      updated_at_ms: 0,
      published_at_ms: ms(input.published_at),
      version: 1,
      submitted_by: null,
      time_to_review_business_days: input.time_to_review_business_days ?? null,
    })
    .execute();
  await db.insertInto('review_incidents').values({ review_id: id, incident_id: input.incident_id }).execute();
  if (factors.length > 0) {
    await db
      .insertInto('contributing_factors')
      .values(
        factors.map((f, position) => ({
          review_id: id,
          position,
          category: f.category,
          description: f.description,
          is_primary: 0,
        })),
      )
      .execute();
  }
}

/** A reviewer's recurrence decision row: `incident_id` recurs (confirmed) or does not recur (rejected) the other. */
export const recurrenceLink = (incident_id: string, recurs_incident_id: string, decision: string) => ({
  incident_id,
  recurs_incident_id,
  decision,
  decided_by: 'rita',
  decided_at_ms: Date.parse('2024-03-30T00:00:00Z'),
});
