import { z } from 'zod';
import { CalendarDate, Priority, Severity } from '../shared/vocabulary.js';
import { IncidentId } from '../incidents/incident.schema.js';

const text = (max = 2_000) => z.string().trim().max(max, `must be at most ${max} characters`);
const required = (max = 2_000) => text(max).min(1, 'must not be empty');

/**
 * One entry of the central lessons-learned repository, in exactly SEC10-BP08's Step 3 JSON shape
 * (`lessons_learned_database`). Free-text statuses ("In Progress", "Planning") are kept as written.
 */
export const LessonRecord = z.strictObject({
  incident_id: IncidentId,
  date: CalendarDate,
  title: required(200),
  severity: Severity,
  category: required(120),
  summary: z.strictObject({
    description: text(20_000),
    impact: text(5_000),
    duration: text(500),
  }),
  root_causes: z
    .array(
      z.strictObject({
        type: z.enum(['technical', 'process', 'human', 'organizational']),
        description: required(),
        contributing_factors: z.array(required()).max(100),
      }),
    )
    .max(100),
  lessons_learned: z
    .array(
      z.strictObject({
        lesson: required(),
        category: text(120),
        priority: Priority,
        implementation: z.strictObject({
          owner: text(200),
          due_date: CalendarDate,
          status: required(60),
          progress: z.number().int().min(0, 'must be 0-100').max(100, 'must be 0-100'),
        }),
      }),
    )
    .max(200),
  preventive_measures: z
    .array(z.strictObject({ measure: required(), description: text(), status: required(60) }))
    .max(200),
  metrics: z.strictObject({
    detection_time: text(100),
    response_time: text(100),
    containment_time: text(100),
    recovery_time: text(100),
    business_impact: text(100),
  }),
});
export type LessonRecord = z.infer<typeof LessonRecord>;

/** The Step 3 file: one record, or several in an array, under `lessons_learned_database`. */
export const LessonsFile = z.strictObject({
  lessons_learned_database: z.array(LessonRecord).max(10_000),
});

/** Accepts the single-record form by wrapping it, so errors name the real field, not the union. */
export function normaliseLessonsFile(input: unknown): unknown {
  if (input && typeof input === 'object' && 'lessons_learned_database' in input) {
    const body = input.lessons_learned_database;
    if (body && typeof body === 'object' && !Array.isArray(body))
      return { ...input, lessons_learned_database: [body] };
  }
  return input;
}

export const LessonListQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  severity: Severity.optional(),
  category: z.string().max(120).optional(),
  /** `newest` (by incident date) or `priority`: most urgent lesson first (Critical, High, …), then newest. */
  sort: z.enum(['newest', 'priority']).default('newest'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type LessonListQuery = z.infer<typeof LessonListQuery>;

/** Rank of a record's most urgent lesson: 0 Critical … 3 Low, 4 when it has none. */
export function topPriorityRank(record: Pick<LessonRecord, 'lessons_learned'>): number {
  return Math.min(
    Priority.options.length,
    ...record.lessons_learned.map((l) => Priority.options.indexOf(l.priority)),
  );
}

/** A stored lesson record with its repository metadata. */
export interface StoredLessonRecord {
  record: LessonRecord;
  version: number;
  updated_at: string;
}
