import type { AuditLog } from '../audit/audit.ports.js';
import { authorize } from '../auth/policy.js';
import type { Actor } from '../shared/actor.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, invalid, notFound } from '../shared/errors.js';
import type { Page } from '../shared/ports.js';
import { parseInput } from '../shared/validation.js';
import type { LessonStore } from './lesson.ports.js';
import {
  LessonListQuery,
  LessonsFile,
  normaliseLessonsFile,
  type LessonRecord,
  type StoredLessonRecord,
} from './lesson-record.schema.js';

export interface LessonServiceDeps {
  lessons: LessonStore;
  clock: Clock;
  transaction: <T>(work: (stores: { lessons: LessonStore; audit: AuditLog }) => Promise<T>) => Promise<T>;
}

/** The central lessons-learned repository (SEC10-BP08 Step 3). */
export class LessonService {
  constructor(private readonly deps: LessonServiceDeps) {}

  async get(actor: Actor, incidentId: string): Promise<StoredLessonRecord> {
    authorize(actor, 'incident:read');
    const found = await this.deps.lessons.findByIncident(incidentId, actor);
    if (!found) throw notFound('lesson_record', incidentId);
    return found;
  }

  async list(actor: Actor, query: unknown): Promise<Page<StoredLessonRecord>> {
    authorize(actor, 'incident:read');
    return this.deps.lessons.list(parseInput(LessonListQuery, query, 'lesson query'), actor);
  }

  /**
   * Imports a Step 3 file. All records are validated first and written in one transaction: a bad record
   * means nothing is imported. Records for incidents Hindsight does not know are kept as history
   * (lessons from before Hindsight are still lessons).
   */
  async import(actor: Actor, file: unknown): Promise<{ imported: number; incident_ids: string[] }> {
    authorize(actor, 'lesson:write');
    const wasSingle = normaliseLessonsFile(file) !== file;
    let records: LessonRecord[];
    try {
      records = parseInput(LessonsFile, normaliseLessonsFile(file), 'lessons file').lessons_learned_database;
    } catch (error) {
      throw wasSingle ? singleRecordPaths(error) : error;
    }
    const ids = records.map((r) => r.incident_id);
    const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
    if (duplicate) {
      throw invalid('duplicate_incident', `the file holds two records for ${duplicate}`, [
        { path: `lessons_learned_database[${ids.lastIndexOf(duplicate)}].incident_id`, problem: 'duplicate' },
      ]);
    }
    const at = this.deps.clock.now().toISOString();
    await this.deps.transaction(async ({ lessons, audit }) => {
      for (const record of records) {
        const before = await lessons.findByIncident(record.incident_id, actor);
        await lessons.upsert(record, at, actor.id);
        const entry = { entity_type: 'lesson' as const, entity_id: record.incident_id, action: 'import' };
        await audit.append(actor, { ...entry, before: before?.record ?? null, after: record }, at);
      }
    });
    return { imported: records.length, incident_ids: ids };
  }

  /** Records in the Step 3 shape: one object when a single incident was asked for, else an array. */
  async export(
    actor: Actor,
    incidentId?: string,
  ): Promise<{ lessons_learned_database: LessonRecord | LessonRecord[] }> {
    if (incidentId) return { lessons_learned_database: (await this.get(actor, incidentId)).record };
    const all: LessonRecord[] = [];
    for (let offset = 0; ; offset += 200) {
      const page = await this.deps.lessons.list({ sort: 'newest', limit: 200, offset }, actor);
      all.push(...page.items.map((i) => i.record));
      if (page.items.length < 200) break;
    }
    return { lessons_learned_database: all };
  }
}

/** A single-record file has no index: `lessons_learned_database[0].severity` becomes `lessons_learned_database.severity`. */
function singleRecordPaths(error: unknown): unknown {
  if (!(error instanceof DomainError)) return error;
  const details = error.details.map((d) => ({
    ...d,
    path: d.path.replace('lessons_learned_database[0]', 'lessons_learned_database'),
  }));
  return new DomainError(
    error.kind,
    error.code,
    error.message.replaceAll('lessons_learned_database[0]', 'lessons_learned_database'),
    details,
  );
}
