import type { Ms, MsNullable } from './columns.js';

export interface LessonRecordsTable {
  incident_id: string;
  date: string;
  title: string;
  severity: string;
  category: string;
  document: string;
  search_text: string;
  /** Rank of the record's most urgent lesson: 0 Critical … 3 Low, 4 when it has none (sort by priority). */
  top_priority: number;
  updated_by: string;
  updated_at_ms: Ms;
  version: number;
}

export interface RedactedLessonsTable {
  incident_id: string;
  document: string;
  search_text: string;
  status: string;
  submitted_by: string;
  submitted_at_ms: Ms;
  approved_by: string | null;
  approved_at_ms: MsNullable;
  /** What readers see instead of the incident id. */
  public_id: string;
}
