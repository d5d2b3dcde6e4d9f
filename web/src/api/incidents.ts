import { request, type Page } from './http.js';

export const SEVERITIES = ['Critical', 'High', 'Medium', 'Low'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const INCIDENT_STATUSES = ['open', 'contained', 'resolved', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export const INCIDENT_KINDS = ['incident', 'drill', 'test'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

/** Incident milestones in their causal order (the server's MILESTONES). */
export const MILESTONES = [
  'impact_started',
  'first_indicator',
  'detected',
  'declared',
  'acknowledged',
  'first_action',
  'contained',
  'mitigated',
  'recovered',
  'resolved',
] as const;
export type Milestone = (typeof MILESTONES)[number];

export interface Incident {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  category: string;
  kind: IncidentKind;
  attack_vector: string | null;
  affected_services: string[];
  team: string | null;
  restricted: boolean;
  status: IncidentStatus;
  timestamps: Record<Milestone, string | null>;
  timestamp_edits: {
    field: Milestone;
    previous: string | null;
    value: string | null;
    by: string;
    at: string;
  }[];
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface IncidentCreate {
  title: string;
  description?: string;
  severity: Severity;
  category?: string;
  kind?: IncidentKind;
  attack_vector?: string | null;
  affected_services?: string[];
  team?: string | null;
  restricted?: boolean;
  status?: IncidentStatus;
  timestamps?: Partial<Record<Milestone, string | null>>;
}

export type IncidentPatch = Partial<IncidentCreate>;

export interface IncidentQuery {
  q?: string;
  status?: string;
  severity?: string;
  category?: string;
  team?: string;
  service?: string;
  kind?: string;
  limit?: number;
  offset?: number;
}

export async function listIncidents(query: IncidentQuery, signal?: AbortSignal): Promise<Page<Incident>> {
  return (await request<Page<Incident>>('GET', '/api/v1/incidents', { query: { ...query }, signal })).data;
}

export async function getIncident(id: string): Promise<{ incident: Incident; etag: string | null }> {
  const { data, etag } = await request<Incident>('GET', `/api/v1/incidents/${encodeURIComponent(id)}`);
  return { incident: data, etag };
}

export async function createIncident(input: IncidentCreate): Promise<Incident> {
  return (await request<Incident>('POST', '/api/v1/incidents', { body: input })).data;
}

export async function updateIncident(
  id: string,
  patch: IncidentPatch,
  etag: string | null,
): Promise<Incident> {
  return (
    await request<Incident>('PATCH', `/api/v1/incidents/${encodeURIComponent(id)}`, {
      body: patch,
      ifMatch: etag,
    })
  ).data;
}

export interface SimilarIncident {
  incident_id: string;
  title: string;
  occurred_at: string;
  score: number;
  explanation: { shared_terms: string[]; shared_services: string[]; shared_factor_categories: string[] };
  same_signature: boolean;
  recurrence: 'confirmed' | 'rejected' | null;
  lessons: { lesson: string; priority: string; source: string }[];
}

/** "Seen before": earlier incidents like this one, best first (GET /api/v1/incidents/{id}/similar). */
export async function similarIncidents(id: string): Promise<SimilarIncident[]> {
  const { data } = await request<{ similar: SimilarIncident[] }>(
    'GET',
    `/api/v1/incidents/${encodeURIComponent(id)}/similar`,
  );
  return data.similar;
}
