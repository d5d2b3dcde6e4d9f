import type { Selectable } from 'kysely';
import type { Ms } from './columns.js';

export interface EvidenceItemsTable {
  id: string;
  incident_id: string;
  source: string;
  source_id: string;
  kind: string;
  time_ms: Ms;
  actor: string | null;
  resource: string | null;
  action: string | null;
  summary: string;
  severity: string | null;
  severity_normalised: string | null;
  region: string | null;
  account: string | null;
  /** JSON text of the record as the source wrote it. */
  raw: string;
  /** JSON text of the Provenance. */
  provenance: string;
  imported_by: string;
  imported_at_ms: Ms;
}
export type EvidenceItemRow = Selectable<EvidenceItemsTable>;

export interface EvidenceFilesTable {
  incident_id: string;
  sha256: string;
  source: string;
  path: string;
  size_bytes: number;
  imported_by: string;
  imported_at_ms: Ms;
}

export interface EvidencePinsTable {
  evidence_id: string;
  incident_id: string;
  timeline_event_id: string | null;
  note: string | null;
  pinned_by: string;
  pinned_at_ms: Ms;
}
