import { z } from 'zod';
import { FactorCategory, Priority, Severity } from '../shared/vocabulary.js';

/**
 * What a restricted incident shares with everyone: only the fields its authors chose to write here,
 * never the incident's id, title or details. Readers see it under a public id.
 */
export const RedactedLessonInput = z.strictObject({
  title: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  summary: z.string().trim().max(5_000, 'must be at most 5000 characters').default(''),
  severity: Severity.nullable().default(null),
  factor_categories: z.array(FactorCategory).max(4).default([]),
  lessons: z
    .array(
      z.strictObject({
        lesson: z.string().trim().min(1, 'must not be empty').max(2_000),
        category: z.string().trim().max(120).default(''),
        priority: Priority,
      }),
    )
    .min(1, 'share at least one lesson')
    .max(50),
});
export type RedactedLessonInput = z.infer<typeof RedactedLessonInput>;

export interface RedactedLesson extends RedactedLessonInput {
  public_id: string;
  status: 'pending_review' | 'approved';
  submitted_by: string;
  submitted_at: string;
  approved_by: string | null;
  approved_at: string | null;
}

/** The same lesson as shown to readers who may not see the incident: no submitter, no incident. */
export type PublicRedactedLesson = Omit<RedactedLesson, 'submitted_by' | 'approved_by'>;

export interface RedactedLessonStore {
  /** Writes (or rewrites, back to pending review) the redacted lesson of an incident. */
  save(incidentId: string, lesson: RedactedLesson): Promise<void>;
  approve(incidentId: string, by: string, at: string): Promise<void>;
  /** For readers of the incident. */
  findByIncident(incidentId: string): Promise<RedactedLesson | null>;
  /** Approved lessons only, for everyone. */
  listApproved(query: {
    q?: string;
    limit: number;
    offset: number;
  }): Promise<{ items: PublicRedactedLesson[]; total: number }>;
}
