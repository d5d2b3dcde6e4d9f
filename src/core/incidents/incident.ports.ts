import type { Actor } from '../shared/actor.js';
import type { Page } from '../shared/ports.js';
import type {
  Incident,
  IncidentCreate,
  IncidentListQuery,
  IncidentMilestones,
  TimestampEdit,
} from './incident.schema.js';

/** A new incident as the service decided it; storage allocates the id when none is given. */
export interface NewIncident extends Omit<IncidentCreate, 'timestamps'> {
  timestamps: IncidentMilestones;
  created_by: string;
  created_at: string;
}

/** The full next state of an incident's editable fields, written only if the version still matches. */
export type IncidentChanges = Omit<
  Incident,
  'id' | 'timestamp_edits' | 'created_by' | 'created_at' | 'updated_at' | 'version'
>;

/**
 * Incidents as stored. Reads take the viewer so visibility rules (restricted incidents) are applied in the
 * query itself, on every read path.
 */
export interface IncidentStore {
  insert(incident: NewIncident): Promise<Incident>;
  findById(id: string, viewer: Actor): Promise<Incident | null>;
  list(query: IncidentListQuery, viewer: Actor): Promise<Page<Incident>>;
  /** Grants a user need-to-know access to a restricted incident; returns false if already a member. */
  addMember(incidentId: string, userId: string): Promise<boolean>;
  listMembers(incidentId: string): Promise<string[]>;
  /** Throws `version_conflict` when the stored version is not `expectedVersion`. */
  update(
    id: string,
    expectedVersion: number,
    changes: IncidentChanges,
    edits: TimestampEdit[],
    at: string,
  ): Promise<Incident>;
}
