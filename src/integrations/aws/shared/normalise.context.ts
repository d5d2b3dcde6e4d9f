import type { Provenance } from '../../../core/evidence/evidence.schema.js';

/** What every normaliser needs besides the record: whose incident, and how the record was obtained. */
export interface NormaliseContext {
  incidentId: string;
  provenance: Provenance;
  /** Names the record in error messages: `trail.json.gz Records[12] (byte 4096)`, `GetFindings page 2`. */
  where?: string;
}
