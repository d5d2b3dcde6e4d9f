import type { Ms } from './columns.js';

export interface AuditLogTable {
  seq: number;
  id: string;
  at_ms: Ms;
  actor_id: string;
  actor_name: string;
  entity_type: string;
  entity_id: string;
  action: string;
  /** JSON array of { path, before, after }. */
  changes: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}
