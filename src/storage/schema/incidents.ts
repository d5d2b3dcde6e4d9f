import type { Selectable } from 'kysely';
import type { Ms, MsNullable } from './columns.js';

export interface IncidentsTable {
  id: string;
  title: string;
  description: string;
  severity: string;
  category: string;
  kind: string;
  attack_vector: string | null;
  /** JSON array of service names; incident_services holds the same for queries. */
  affected_services: string;
  team: string | null;
  restricted: number;
  status: string;
  impact_started_ms: MsNullable;
  first_indicator_ms: MsNullable;
  detected_ms: MsNullable;
  declared_ms: MsNullable;
  acknowledged_ms: MsNullable;
  first_action_ms: MsNullable;
  contained_ms: MsNullable;
  mitigated_ms: MsNullable;
  recovered_ms: MsNullable;
  resolved_ms: MsNullable;
  created_by: string;
  created_at_ms: Ms;
  updated_at_ms: Ms;
  version: number;
}
export type IncidentRow = Selectable<IncidentsTable>;

export interface IncidentServicesTable {
  incident_id: string;
  service: string;
}

export interface IncidentMembersTable {
  incident_id: string;
  user_id: string;
}

export interface IncidentTimestampEditsTable {
  id: string;
  incident_id: string;
  field: string;
  previous_ms: MsNullable;
  value_ms: MsNullable;
  edited_by: string;
  edited_at_ms: Ms;
}
