import type { Kysely } from 'kysely';
import type { RecurrenceLink, RecurrenceStore } from '../../core/similarity/recurrence.js';
import type { Database } from '../schema.js';
import { toIso, toMs } from './instants.js';

/** Reviewers' recurrence decisions, one per (later, earlier) pair; a new decision replaces the old one. */
export class RecurrenceRepository implements RecurrenceStore {
  constructor(private readonly db: Kysely<Database>) {}

  async decide(link: RecurrenceLink): Promise<RecurrenceLink | null> {
    const previous = await this.db
      .selectFrom('recurrence_links')
      .selectAll()
      .where('incident_id', '=', link.incident_id)
      .where('recurs_incident_id', '=', link.recurs_incident_id)
      .executeTakeFirst();
    const row = {
      incident_id: link.incident_id,
      recurs_incident_id: link.recurs_incident_id,
      decision: link.decision,
      decided_by: link.decided_by,
      decided_at_ms: toMs(link.decided_at),
    };
    await this.db
      .insertInto('recurrence_links')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['incident_id', 'recurs_incident_id']).doUpdateSet({
          decision: row.decision,
          decided_by: row.decided_by,
          decided_at_ms: row.decided_at_ms,
        }),
      )
      .execute();
    return previous ? linkFromRow(previous) : null;
  }

  async decisionsFor(incidentId: string): Promise<RecurrenceLink[]> {
    const rows = await this.db
      .selectFrom('recurrence_links')
      .selectAll()
      .where('incident_id', '=', incidentId)
      .orderBy('decided_at_ms')
      .orderBy('recurs_incident_id')
      .execute();
    return rows.map(linkFromRow);
  }
}

function linkFromRow(row: Database['recurrence_links']): RecurrenceLink {
  return {
    incident_id: row.incident_id,
    recurs_incident_id: row.recurs_incident_id,
    decision: row.decision as RecurrenceLink['decision'],
    decided_by: row.decided_by,
    decided_at: toIso(Number(row.decided_at_ms)),
  };
}
