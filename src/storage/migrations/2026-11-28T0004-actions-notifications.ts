import type { Kysely } from 'kysely';

/*
 * Frozen: improvement actions, the notification outbox, notification preferences, the job schedule, the
 * review workflow and participant feedback.
 * - actions (+ action_incidents, action_history, action_verifications): one row per action with its current
 *   state; history and verification in their own tables so reports aggregate without parsing JSON.
 * - notification_outbox: every notification recorded once under its idempotency key before it is sent.
 * - notification_preferences: channels, email and digest choice per user or team (and a team's lead).
 * - job_runs: one row per job and tick, claimed with a lease, so several instances never run the same tick.
 * - review_workflows, feedback_requests, feedback, review_reports: SEC10-BP08 Example 1's review workflow.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'bigint', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('owner_kind', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('team', 'text')
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('risk_reduction', 'integer', (c) => c.notNull())
    .addColumn('feasibility', 'integer', (c) => c.notNull())
    .addColumn('priority_score', 'integer', (c) => c.notNull())
    .addColumn('success_criteria', 'text', (c) => c.notNull())
    .addColumn('lesson_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('wont_do_reason', 'text')
    .addColumn('progress', 'integer', (c) => c.notNull())
    .addColumn('completed_at_ms', 'bigint')
    .addColumn('assigned_at_ms', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
    .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('actions_status_due_idx')
    .on('actions')
    .columns(['status', 'due_date'])
    .execute();
  await db.schema
    .createIndex('actions_owner_idx')
    .on('actions')
    .columns(['owner_kind', 'owner_id'])
    .execute();
  await db.schema.createIndex('actions_team_idx').on('actions').column('team').execute();

  await db.schema
    .createTable('action_incidents')
    .addColumn('action_id', 'text', (c) => c.notNull().references('actions.id').onDelete('cascade'))
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('action_incidents_pk', ['action_id', 'incident_id'])
    .execute();
  await db.schema
    .createIndex('action_incidents_incident_idx')
    .on('action_incidents')
    .column('incident_id')
    .execute();

  await db.schema
    .createTable('action_history')
    .addColumn('action_id', 'text', (c) => c.notNull().references('actions.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at_ms', 'bigint', (c) => c.notNull())
    .addColumn('by_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text', (c) => c.notNull())
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('action_history_pk', ['action_id', 'seq'])
    .execute();

  await db.schema
    .createTable('action_verifications')
    .addColumn('action_id', 'text', (c) => c.primaryKey().references('actions.id').onDelete('cascade'))
    .addColumn('evidence_kind', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('verified_by', 'text', (c) => c.notNull())
    .addColumn('verified_at_ms', 'bigint', (c) => c.notNull())
    .addColumn('recheck_on', 'text')
    .execute();

  await db.schema
    .createTable('notification_outbox')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recipient_kind', 'text', (c) => c.notNull())
    .addColumn('recipient_id', 'text', (c) => c.notNull())
    .addColumn('recipient_email', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('not_before_ms', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at_ms', 'bigint', (c) => c.notNull())
    .addColumn('lease_until_ms', 'bigint', (c) => c.notNull())
    .addColumn('leased_by', 'text')
    .addColumn('last_error', 'text')
    .addColumn('sent_at_ms', 'bigint')
    .addColumn('sent_by', 'text')
    .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('notification_outbox_due_idx')
    .on('notification_outbox')
    .columns(['status', 'next_attempt_at_ms'])
    .execute();

  await db.schema
    .createTable('notification_preferences')
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('channels', 'text')
    .addColumn('digest', 'integer', (c) => c.notNull())
    .addColumn('lead_id', 'text')
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_preferences_pk', ['subject_kind', 'subject_id'])
    .execute();

  await db.schema
    .createTable('job_runs')
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('tick', 'bigint', (c) => c.notNull())
    .addColumn('claimed_by', 'text', (c) => c.notNull())
    .addColumn('claimed_at_ms', 'bigint', (c) => c.notNull())
    .addColumn('lease_until_ms', 'bigint', (c) => c.notNull())
    .addColumn('finished_at_ms', 'bigint')
    .addColumn('outcome', 'text')
    .addPrimaryKeyConstraint('job_runs_pk', ['job', 'tick'])
    .execute();

  await db.schema
    .createTable('review_workflows')
    .addColumn('incident_id', 'text', (c) => c.primaryKey().references('incidents.id').onDelete('cascade'))
    .addColumn('resolved_at_ms', 'bigint', (c) => c.notNull())
    .addColumn('review_at_ms', 'bigint', (c) => c.notNull())
    .addColumn('feedback_deadline_ms', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('scheduled_at_ms', 'bigint', (c) => c.notNull())
    .addColumn('published_at_ms', 'bigint')
    .execute();
  await db.schema
    .createIndex('review_workflows_status_idx')
    .on('review_workflows')
    .column('status')
    .execute();

  await db.schema
    .createTable('feedback_requests')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('participant', 'text', (c) => c.notNull())
    .addColumn('requested_at_ms', 'bigint', (c) => c.notNull())
    .addColumn('deadline_ms', 'bigint', (c) => c.notNull())
    .addColumn('responded', 'integer', (c) => c.notNull())
    .addUniqueConstraint('feedback_requests_participant_uq', ['incident_id', 'participant'])
    .execute();

  await db.schema
    .createTable('feedback')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('participant', 'text')
    .addColumn('response_rating', 'integer', (c) => c.notNull())
    .addColumn('improvement_rating', 'integer', (c) => c.notNull())
    .addColumn('went_well', 'text', (c) => c.notNull())
    .addColumn('to_improve', 'text', (c) => c.notNull())
    .addColumn('submitted_on', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('feedback_incident_idx').on('feedback').column('incident_id').execute();

  await db.schema
    .createTable('review_reports')
    .addColumn('incident_id', 'text', (c) => c.primaryKey().references('incidents.id').onDelete('cascade'))
    .addColumn('review_version', 'integer', (c) => c.notNull())
    .addColumn('markdown', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('feedback_summary', 'text', (c) => c.notNull())
    .addColumn('generated_at_ms', 'bigint', (c) => c.notNull())
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('this migration cannot be reverted; restore a backup instead'));
}
