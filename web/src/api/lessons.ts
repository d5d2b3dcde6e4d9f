import { ApiError, request, type Page } from './http.js';
import type { Severity } from './incidents.js';

export interface LessonRecord {
  incident_id: string;
  date: string;
  title: string;
  severity: Severity;
  category: string;
  summary: { description: string; impact: string; duration: string };
  root_causes: { type: string; description: string; contributing_factors: string[] }[];
  lessons_learned: {
    lesson: string;
    category: string;
    priority: string;
    implementation: { owner: string; due_date: string; status: string; progress: number };
  }[];
  preventive_measures: { measure: string; description: string; status: string }[];
  metrics: Record<string, string>;
}

export interface StoredLesson {
  record: LessonRecord;
  version: number;
  updated_at: string;
}

export interface LessonQuery {
  q?: string;
  severity?: string;
  category?: string;
  /** `priority`: most urgent lesson first (Critical, High, …), then newest; default newest. */
  sort?: 'newest' | 'priority';
  limit?: number;
  offset?: number;
}

export async function listLessons(query: LessonQuery): Promise<Page<StoredLesson>> {
  return (await request<Page<StoredLesson>>('GET', '/api/v1/lessons', { query: { ...query } })).data;
}

/** A lesson a restricted incident shares with everyone: no incident id, title or details. */
export interface RedactedLesson {
  public_id: string;
  title: string;
  summary: string;
  severity: Severity | null;
  factor_categories: string[];
  lessons: { lesson: string; category: string; priority: string }[];
  approved_at: string | null;
}

/** Approved redacted lessons of restricted incidents, readable by everyone. */
export async function listRedactedLessons(q: string): Promise<RedactedLesson[]> {
  const { data } = await request<{ items: RedactedLesson[] }>('GET', '/api/v1/redacted-lessons', {
    query: { q },
  });
  return data.items;
}

/** What a restricted incident's authors choose to share with everyone. */
export interface RedactedLessonInput {
  title: string;
  summary: string;
  severity: Severity | null;
  factor_categories: string[];
  lessons: { lesson: string; category: string; priority: string }[];
}

export interface IncidentRedactedLesson extends RedactedLessonInput {
  public_id: string;
  status: 'pending_review' | 'approved';
  submitted_by: string;
  submitted_at: string;
  approved_by: string | null;
  approved_at: string | null;
}

const redactedPath = (incidentId: string) =>
  `/api/v1/incidents/${encodeURIComponent(incidentId)}/redacted-lesson`;

/** The redacted lesson of a restricted incident, or null while none has been written. */
export async function getIncidentRedactedLesson(incidentId: string): Promise<IncidentRedactedLesson | null> {
  try {
    return (await request<IncidentRedactedLesson>('GET', redactedPath(incidentId))).data;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && !error.missingEndpoint) return null;
    throw error;
  }
}

/** Writes the redacted lesson; it goes (back) to review before everyone can read it. */
export async function submitRedactedLesson(
  incidentId: string,
  input: RedactedLessonInput,
): Promise<IncidentRedactedLesson> {
  return (await request<IncidentRedactedLesson>('PUT', redactedPath(incidentId), { body: input })).data;
}

/** A reviewer other than its author approves it for everyone. */
export async function approveRedactedLesson(incidentId: string): Promise<IncidentRedactedLesson> {
  return (await request<IncidentRedactedLesson>('POST', `${redactedPath(incidentId)}/approve`)).data;
}
