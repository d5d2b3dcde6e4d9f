import type { Selectable } from 'kysely';
import type { Ms, MsNullable } from './columns.js';

/** Improvement actions: current state; history, incidents and verification in their own tables. */
export interface ActionsTable {
  id: string;
  number: number;
  title: string;
  description: string;
  type: string;
  category: string;
  owner_kind: string;
  owner_id: string;
  /** The owning team, or the owning user's team when they have one (reports by team). */
  team: string | null;
  due_date: string;
  priority: string;
  risk_reduction: number;
  feasibility: number;
  priority_score: number;
  success_criteria: string;
  lesson_id: string | null;
  status: string;
  wont_do_reason: string | null;
  progress: number;
  completed_at_ms: MsNullable;
  assigned_at_ms: Ms;
  created_by: string;
  created_at_ms: Ms;
  updated_at_ms: Ms;
  version: number;
}
export type ActionRow = Selectable<ActionsTable>;

export interface ActionIncidentsTable {
  action_id: string;
  incident_id: string;
  position: number;
}

export interface ActionHistoryTable {
  action_id: string;
  seq: number;
  at_ms: Ms;
  by_id: string;
  kind: string;
  from_status: string;
  to_status: string;
  progress: number;
  note: string | null;
}

export interface ActionVerificationsTable {
  action_id: string;
  evidence_kind: string;
  evidence: string;
  verified_by: string;
  verified_at_ms: Ms;
  recheck_on: string | null;
}
