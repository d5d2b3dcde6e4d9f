import { MILESTONES } from '../../core/incidents/incident.milestones.js';
import type { IncidentChanges, NewIncident } from '../../core/incidents/incident.ports.js';
import type {
  Incident,
  IncidentKind,
  IncidentMilestones,
  IncidentStatus,
  TimestampEdit,
} from '../../core/incidents/incident.schema.js';
import type { Severity } from '../../core/shared/vocabulary.js';
import type { IncidentRow, IncidentsTable } from '../schema.js';
import { toIso, toIsoOrNull, toMsOrNull } from './instants.js';

type MilestoneColumns = Pick<IncidentsTable, `${(typeof MILESTONES)[number]}_ms`>;

export function milestoneColumns(milestones: IncidentMilestones): MilestoneColumns {
  return Object.fromEntries(
    MILESTONES.map((m) => [`${m}_ms`, toMsOrNull(milestones[m])]),
  ) as MilestoneColumns;
}

export function editableColumns(incident: IncidentChanges | NewIncident) {
  return {
    title: incident.title,
    description: incident.description,
    severity: incident.severity,
    category: incident.category,
    kind: incident.kind,
    attack_vector: incident.attack_vector,
    affected_services: JSON.stringify(incident.affected_services),
    team: incident.team,
    restricted: incident.restricted ? 1 : 0,
    status: incident.status,
    ...milestoneColumns(incident.timestamps),
  };
}

export function incidentFromRow(row: IncidentRow, edits: TimestampEdit[]): Incident {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    severity: row.severity as Severity,
    category: row.category,
    kind: row.kind as IncidentKind,
    attack_vector: row.attack_vector,
    affected_services: JSON.parse(row.affected_services) as string[],
    team: row.team,
    restricted: row.restricted === 1,
    status: row.status as IncidentStatus,
    timestamps: Object.fromEntries(
      MILESTONES.map((m) => [m, toIsoOrNull(row[`${m}_ms`])]),
    ) as IncidentMilestones,
    timestamp_edits: edits,
    created_by: row.created_by,
    created_at: toIso(row.created_at_ms),
    updated_at: toIso(row.updated_at_ms),
    version: row.version,
  };
}
