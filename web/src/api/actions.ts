import { request, type Page } from './http.js';
import type { Priority } from './reviews.js';

export const ACTION_STATUSES = [
  'open',
  'in_progress',
  'blocked',
  'completed',
  'verified',
  'wont_do',
] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const ACTION_TYPES = ['detective', 'preventive', 'corrective'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];
export const EVIDENCE_KINDS = ['text', 'link', 'test', 'exercise'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export interface ActionOwner {
  kind: 'user' | 'team';
  id: string;
}

export interface ActionCreate {
  incident_ids: string[];
  title: string;
  description: string;
  type: ActionType;
  category: string;
  owner: ActionOwner;
  due_date: string;
  priority: Priority;
  risk_reduction: number;
  feasibility: number;
  success_criteria: string;
}

export interface Action extends ActionCreate {
  id: string;
  status: ActionStatus;
  wont_do_reason?: string;
  progress: number;
  history: {
    at: string;
    by: string;
    kind: string;
    from_status: ActionStatus;
    to_status: ActionStatus;
    progress: number;
    note?: string;
  }[];
  completed_at?: string;
  verification?: {
    evidence_kind: EvidenceKind;
    evidence: string;
    verified_by: string;
    verified_at: string;
    recheck_on?: string;
  };
  priority_score?: number;
  overdue?: boolean;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ActionQuery {
  status?: string;
  owner?: string;
  team?: string;
  priority?: string;
  incident?: string;
  limit?: number;
  offset?: number;
}

/** Lists actions; accepts a page or a bare array so the server's envelope can settle in one place. */
export async function listActions(query: ActionQuery): Promise<Page<Action>> {
  const { data } = await request<Page<Action> | Action[]>('GET', '/api/v1/actions', { query: { ...query } });
  if (Array.isArray(data)) return { items: data, total: data.length, limit: data.length, offset: 0 };
  return data;
}

export async function createAction(input: ActionCreate): Promise<Action> {
  return (await request<Action>('POST', '/api/v1/actions', { body: input })).data;
}

export async function recordProgress(id: string, progress: number, note: string): Promise<Action> {
  return (
    await request<Action>('POST', `/api/v1/actions/${encodeURIComponent(id)}/progress`, {
      body: note ? { progress, note } : { progress },
    })
  ).data;
}

export async function verifyAction(
  id: string,
  input: { evidence_kind: EvidenceKind; evidence: string; recheck_on?: string },
): Promise<Action> {
  return (await request<Action>('POST', `/api/v1/actions/${encodeURIComponent(id)}/verify`, { body: input }))
    .data;
}

/** Overdue = past due and not completed, verified or won't do (the server's rule, repeated for display). */
export function isOverdue(action: Action, today: string): boolean {
  if (action.overdue !== undefined) return action.overdue;
  return action.due_date < today && !['completed', 'verified', 'wont_do'].includes(action.status);
}

/** Filters the report and the burn-down share with the dashboard. */
export interface ActionScope {
  team?: string;
  service?: string;
  owner?: string;
  priority?: string;
}

/** The server's counts of the actions you may see (GET /api/v1/actions/report). */
export interface ActionReport {
  /** The day in the working calendar overdue was measured on. */
  as_of: string;
  total: number;
  overdue: number;
  by_status: Record<string, number>;
  by_priority: Record<string, number>;
}

export async function getActionReport(scope: ActionScope): Promise<ActionReport> {
  return (await request<ActionReport>('GET', '/api/v1/actions/report', { query: { ...scope } })).data;
}

/** Open and overdue actions at one sample instant of a burn-down. */
export interface BurnDownSample {
  at: string;
  date: string;
  open: number;
  overdue: number;
}

export interface BurnDown {
  from: string;
  to: string;
  time_zone: string;
  points: BurnDownSample[];
}

/** Open and overdue actions at evenly spaced instants of a period, counted by the server. */
export async function getBurnDown(
  query: ActionScope & { from: string; to: string; points?: number },
): Promise<BurnDown> {
  return (await request<BurnDown>('GET', '/api/v1/actions/burn-down', { query: { ...query } })).data;
}
