import { sql, type Kysely } from 'kysely';
import type { LessonStore } from '../../core/lessons/lesson.ports.js';
import {
  topPriorityRank,
  type LessonListQuery,
  type LessonRecord,
  type StoredLessonRecord,
} from '../../core/lessons/lesson-record.schema.js';
import type { Actor } from '../../core/shared/actor.js';
import type { Page } from '../../core/shared/ports.js';
import type { Database } from '../schema.js';
import { toIso, toMs } from './instants.js';
import { searchPatterns } from './search-terms.js';
import { incidentVisibleTo } from './visibility.js';

type LessonRow = { document: string; version: number; updated_at_ms: number };

export class LessonRepository implements LessonStore {
  constructor(private readonly db: Kysely<Database>) {}

  async upsert(record: LessonRecord, at: string, by: string): Promise<StoredLessonRecord> {
    const values = {
      date: record.date,
      title: record.title,
      severity: record.severity,
      category: record.category,
      document: JSON.stringify(record),
      search_text: searchText(record),
      top_priority: topPriorityRank(record),
      updated_by: by,
      updated_at_ms: toMs(at),
    };
    const row = await this.db
      .insertInto('lesson_records')
      .values({ incident_id: record.incident_id, ...values, version: 1 })
      .onConflict((oc) =>
        oc
          .column('incident_id')
          .doUpdateSet((eb) => ({ ...values, version: eb('lesson_records.version', '+', 1) })),
      )
      .returning(['document', 'version', 'updated_at_ms'])
      .executeTakeFirstOrThrow();
    return stored(row);
  }

  async findByIncident(incidentId: string, viewer: Actor): Promise<StoredLessonRecord | null> {
    const row = await this.visible(viewer)
      .select(['document', 'version', 'updated_at_ms'])
      .where('incident_id', '=', incidentId)
      .executeTakeFirst();
    return row ? stored(row) : null;
  }

  async list(query: LessonListQuery, viewer: Actor): Promise<Page<StoredLessonRecord>> {
    let base = this.visible(viewer);
    if (query.severity) base = base.where('severity', '=', query.severity);
    if (query.category) base = base.where('category', '=', query.category);
    for (const pattern of searchPatterns(query.q ?? '')) {
      base = base.where(sql<boolean>`search_text like ${pattern} escape '\\'`);
    }
    const [rows, count] = await Promise.all([
      base
        .select(['document', 'version', 'updated_at_ms'])
        .$if(query.sort === 'priority', (qb) => qb.orderBy('top_priority', 'asc'))
        .orderBy('date', 'desc')
        .orderBy('incident_id', 'desc')
        .limit(query.limit)
        .offset(query.offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(stored), total: Number(count.total), limit: query.limit, offset: query.offset };
  }

  /**
   * Records of incidents the viewer may not see are hidden; records of incidents Hindsight never held
   * (imported history) are visible to everyone.
   */
  private visible(viewer: Actor) {
    const base = this.db.selectFrom('lesson_records');
    if (viewer.role === 'admin') return base;
    return base.where((eb) =>
      eb.or([
        eb.not(
          eb.exists(
            eb
              .selectFrom('incidents as i')
              .select(sql`1`.as('one'))
              .whereRef('i.id', '=', 'lesson_records.incident_id'),
          ),
        ),
        incidentVisibleTo(viewer, sql.ref('lesson_records.incident_id'))(eb),
      ]),
    );
  }
}

function stored(row: LessonRow): StoredLessonRecord {
  return {
    record: JSON.parse(row.document) as LessonRecord,
    version: row.version,
    updated_at: toIso(row.updated_at_ms),
  };
}

/** Lower-cased text of every human-written field, for substring search. */
function searchText(record: LessonRecord): string {
  return [
    record.incident_id,
    record.title,
    record.category,
    record.summary.description,
    record.summary.impact,
    ...record.root_causes.flatMap((c) => [c.description, ...c.contributing_factors]),
    ...record.lessons_learned.flatMap((l) => [l.lesson, l.category]),
    ...record.preventive_measures.flatMap((m) => [m.measure, m.description]),
  ]
    .join('\n')
    .toLowerCase();
}
