import type { Actor } from '../shared/actor.js';
import type { Page } from '../shared/ports.js';
import type { LessonListQuery, LessonRecord, StoredLessonRecord } from './lesson-record.schema.js';

/** The lessons-learned repository; reads apply the viewer's visibility of the underlying incident. */
export interface LessonStore {
  /** Inserts or replaces the record of one incident. */
  upsert(record: LessonRecord, at: string, by: string): Promise<StoredLessonRecord>;
  findByIncident(incidentId: string, viewer: Actor): Promise<StoredLessonRecord | null>;
  list(query: LessonListQuery, viewer: Actor): Promise<Page<StoredLessonRecord>>;
}
