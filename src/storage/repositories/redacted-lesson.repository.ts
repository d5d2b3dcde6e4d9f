import { sql, type Kysely } from 'kysely';
import type {
  PublicRedactedLesson,
  RedactedLesson,
  RedactedLessonStore,
} from '../../core/lessons/redacted-lesson.js';
import type { Database } from '../schema.js';
import { toMs } from './instants.js';
import { searchPatterns } from './search-terms.js';

export class RedactedLessonRepository implements RedactedLessonStore {
  constructor(private readonly db: Kysely<Database>) {}

  async save(incidentId: string, lesson: RedactedLesson): Promise<void> {
    const values = {
      document: JSON.stringify(lesson),
      search_text: [lesson.title, lesson.summary, ...lesson.lessons.flatMap((l) => [l.lesson, l.category])]
        .join('\n')
        .toLowerCase(),
      status: lesson.status,
      submitted_by: lesson.submitted_by,
      submitted_at_ms: toMs(lesson.submitted_at),
      approved_by: null,
      approved_at_ms: null,
      public_id: lesson.public_id,
    };
    await this.db
      .insertInto('redacted_lessons')
      .values({ incident_id: incidentId, ...values })
      .onConflict((oc) => oc.column('incident_id').doUpdateSet(values))
      .execute();
  }

  async approve(incidentId: string, by: string, at: string): Promise<void> {
    const row = await this.db
      .selectFrom('redacted_lessons')
      .select('document')
      .where('incident_id', '=', incidentId)
      .executeTakeFirstOrThrow();
    const lesson = {
      ...(JSON.parse(row.document) as RedactedLesson),
      status: 'approved',
      approved_by: by,
      approved_at: at,
    };
    await this.db
      .updateTable('redacted_lessons')
      .set({
        status: 'approved',
        approved_by: by,
        approved_at_ms: toMs(at),
        document: JSON.stringify(lesson),
      })
      .where('incident_id', '=', incidentId)
      .execute();
  }

  async findByIncident(incidentId: string): Promise<RedactedLesson | null> {
    const row = await this.db
      .selectFrom('redacted_lessons')
      .select('document')
      .where('incident_id', '=', incidentId)
      .executeTakeFirst();
    return row ? (JSON.parse(row.document) as RedactedLesson) : null;
  }

  async listApproved(query: {
    q?: string;
    limit: number;
    offset: number;
  }): Promise<{ items: PublicRedactedLesson[]; total: number }> {
    let base = this.db.selectFrom('redacted_lessons').where('status', '=', 'approved');
    for (const pattern of searchPatterns(query.q ?? '')) {
      base = base.where(sql<boolean>`search_text like ${pattern} escape '\\'`);
    }
    const [rows, count] = await Promise.all([
      base
        .select('document')
        .orderBy('approved_at_ms', 'desc')
        .limit(query.limit)
        .offset(query.offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    const items = rows.map((r) => {
      const { submitted_by: _s, approved_by: _a, ...shown } = JSON.parse(r.document) as RedactedLesson;
      return shown;
    });
    return { items, total: Number(count.n) };
  }
}
