import { request, type Page } from './http.js';
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
