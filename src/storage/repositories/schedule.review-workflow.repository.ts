import type { Kysely } from 'kysely';
import type {
  OpenWorkflow,
  ResolvedIncident,
  ReviewWorkflowStore,
  StoredReport,
  WorkflowRecord,
  WorkflowStatus,
} from '../../core/workflow/review-workflow.ports.js';
import type { Database, ReviewWorkflowsTable } from '../schema.js';
import { toIso, toIsoOrNull, toMs, toMsOrNull } from './instants.js';

const recordFromRow = (r: ReviewWorkflowsTable): WorkflowRecord => ({
  incident_id: r.incident_id,
  resolved_at: toIso(r.resolved_at_ms),
  review_at: toIso(r.review_at_ms),
  feedback_deadline: toIso(r.feedback_deadline_ms),
  status: r.status as WorkflowStatus,
  scheduled_at: toIso(r.scheduled_at_ms),
  published_at: toIsoOrNull(r.published_at_ms),
});

/** The review workflow's rows: one per resolved incident, and the report stored at publication. */
export class ReviewWorkflowRepository implements ReviewWorkflowStore {
  constructor(private readonly db: Kysely<Database>) {}

  async unscheduled(limit: number): Promise<ResolvedIncident[]> {
    const rows = await this.db
      .selectFrom('incidents as i')
      .leftJoin('review_workflows as w', 'w.incident_id', 'i.id')
      .leftJoin('reviews as r', 'r.incident_id', 'i.id')
      .select([
        'i.id',
        'i.title',
        'i.category',
        'i.severity',
        'i.kind',
        'i.resolved_ms',
        'r.status as review_status',
      ])
      .where('i.resolved_ms', 'is not', null)
      .where('w.incident_id', 'is', null)
      .orderBy('i.resolved_ms')
      .orderBy('i.id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      category: r.category,
      severity: r.severity as ResolvedIncident['severity'],
      kind: r.kind as ResolvedIncident['kind'],
      resolved_at: toIso(r.resolved_ms ?? 0),
      review_status: r.review_status,
    }));
  }

  async insert(record: WorkflowRecord): Promise<boolean> {
    const result = await this.db
      .insertInto('review_workflows')
      .values({
        incident_id: record.incident_id,
        resolved_at_ms: toMs(record.resolved_at),
        review_at_ms: toMs(record.review_at),
        feedback_deadline_ms: toMs(record.feedback_deadline),
        status: record.status,
        scheduled_at_ms: toMs(record.scheduled_at),
        published_at_ms: toMsOrNull(record.published_at),
      })
      .onConflict((oc) => oc.column('incident_id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async open(): Promise<OpenWorkflow[]> {
    const rows = await this.db
      .selectFrom('review_workflows as w')
      .innerJoin('incidents as i', 'i.id', 'w.incident_id')
      .leftJoin('reviews as r', 'r.incident_id', 'w.incident_id')
      .selectAll('w')
      .select(['i.title as incident_title', 'r.status as review_status', 'r.version as review_version'])
      .where('w.status', '=', 'scheduled')
      .orderBy('w.review_at_ms')
      .orderBy('w.incident_id')
      .execute();
    return rows.map((r) => ({
      ...recordFromRow(r),
      incident_title: r.incident_title,
      review_status: r.review_status,
      review_version: r.review_version,
    }));
  }

  async republished(): Promise<OpenWorkflow[]> {
    const rows = await this.db
      .selectFrom('review_workflows as w')
      .innerJoin('incidents as i', 'i.id', 'w.incident_id')
      .innerJoin('reviews as r', 'r.incident_id', 'w.incident_id')
      .leftJoin('review_reports as rr', 'rr.incident_id', 'w.incident_id')
      .selectAll('w')
      .select(['i.title as incident_title', 'r.status as review_status', 'r.version as review_version'])
      .where('w.status', '=', 'published')
      .where('r.status', '=', 'published')
      .where((eb) =>
        eb.or([eb('rr.incident_id', 'is', null), eb('rr.review_version', '<>', eb.ref('r.version'))]),
      )
      .orderBy('w.incident_id')
      .execute();
    return rows.map((r) => ({
      ...recordFromRow(r),
      incident_title: r.incident_title,
      review_status: r.review_status,
      review_version: r.review_version,
    }));
  }

  async markPublished(incidentId: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('review_workflows')
      .set({ status: 'published', published_at_ms: toMs(at) })
      .where('incident_id', '=', incidentId)
      .where('status', '=', 'scheduled')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async participantsOf(incidentId: string): Promise<string[]> {
    const [people, review] = await Promise.all([
      this.db
        .selectFrom('users as u')
        .select('u.username')
        .where('u.disabled', '=', 0)
        .where((eb) =>
          eb.or([
            eb.exists(
              eb
                .selectFrom('incidents as i')
                .select('i.id')
                .whereRef('i.created_by', '=', 'u.id')
                .where('i.id', '=', incidentId),
            ),
            eb.exists(
              eb
                .selectFrom('incident_members as m')
                .select('m.user_id')
                .whereRef('m.user_id', '=', 'u.id')
                .where('m.incident_id', '=', incidentId),
            ),
          ]),
        )
        .execute(),
      this.db
        .selectFrom('reviews')
        .select('document')
        .where('incident_id', '=', incidentId)
        .executeTakeFirst(),
    ]);
    const named = review ? namedParticipants(review.document) : [];
    const known =
      named.length === 0
        ? []
        : await this.db
            .selectFrom('users')
            .select('username')
            .where('username', 'in', named)
            .where('disabled', '=', 0)
            .execute();
    return [...new Set([...people, ...known].map((p) => p.username))].sort();
  }

  async find(incidentId: string): Promise<WorkflowRecord | null> {
    const row = await this.db
      .selectFrom('review_workflows')
      .selectAll()
      .where('incident_id', '=', incidentId)
      .executeTakeFirst();
    return row ? recordFromRow(row) : null;
  }

  async putReport(report: StoredReport): Promise<void> {
    const values = {
      review_version: report.review_version,
      markdown: report.markdown,
      html: report.html,
      feedback_summary: JSON.stringify(report.feedback_summary),
      generated_at_ms: toMs(report.generated_at),
    };
    await this.db
      .insertInto('review_reports')
      .values({ incident_id: report.incident_id, ...values })
      .onConflict((oc) => oc.column('incident_id').doUpdateSet(values))
      .execute();
  }

  async getReport(incidentId: string): Promise<StoredReport | null> {
    const row = await this.db
      .selectFrom('review_reports')
      .selectAll()
      .where('incident_id', '=', incidentId)
      .executeTakeFirst();
    if (!row) return null;
    return {
      incident_id: row.incident_id,
      review_version: row.review_version,
      markdown: row.markdown,
      html: row.html,
      feedback_summary: JSON.parse(row.feedback_summary) as unknown,
      generated_at: toIso(row.generated_at_ms),
    };
  }
}

/** Participants named in the review document (free text); only those that are usernames can be asked. */
function namedParticipants(document: string): string[] {
  try {
    const parsed = JSON.parse(document) as { participants?: unknown };
    return Array.isArray(parsed.participants)
      ? parsed.participants
          .filter((p): p is string => typeof p === 'string' && p.trim() !== '')
          .map((p) => p.trim())
      : [];
  } catch {
    return [];
  }
}
