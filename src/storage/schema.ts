// Kysely needs the whole product as one Database; the row types live by area in ./schema/ and are
// re-exported here so that importers depend on this one module.

import type {
  SessionsTable,
  LoginFailuresTable,
  TeamsTable,
  UsersTable,
  TeamMembersTable,
  ApiTokensTable,
} from './schema/auth.js';
import type {
  IncidentsTable,
  IncidentServicesTable,
  IncidentMembersTable,
  IncidentTimestampEditsTable,
} from './schema/incidents.js';
import type {
  ReviewsTable,
  ReviewSignoffsTable,
  ReviewAnalysesTable,
  ReviewIncidentsTable,
  ContributingFactorsTable,
} from './schema/reviews.js';
import type { RedactedLessonsTable, LessonRecordsTable } from './schema/lessons.js';
import type { AuditLogTable, AuditHeadTable } from './schema/audit.js';
import type { IdCountersTable, SettingsTable } from './schema/organisation.js';
import type {
  RecurrenceLinksTable,
  DerivedIndexStateTable,
  SimilarityTermsTable,
  IncidentSignaturesTable,
} from './schema/similarity.js';
import type {
  ActionsTable,
  ActionIncidentsTable,
  ActionHistoryTable,
  ActionVerificationsTable,
} from './schema/actions.js';
import type { NotificationOutboxTable, NotificationPreferencesTable } from './schema/notifications.js';
import type { JobRunsTable, ReviewWorkflowsTable, ReviewReportsTable } from './schema/workflow.js';
import type { FeedbackRequestsTable, FeedbackTable } from './schema/feedback.js';
import type { EvidenceItemsTable, EvidenceFilesTable, EvidencePinsTable } from './schema/evidence.js';

export type * from './schema/auth.js';
export type * from './schema/incidents.js';
export type * from './schema/reviews.js';
export type * from './schema/lessons.js';
export type * from './schema/audit.js';
export type * from './schema/organisation.js';
export type * from './schema/similarity.js';
export type * from './schema/actions.js';
export type * from './schema/notifications.js';
export type * from './schema/workflow.js';
export type * from './schema/feedback.js';
export type * from './schema/evidence.js';

export interface Database {
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  redacted_lessons: RedactedLessonsTable;
  id_counters: IdCountersTable;
  teams: TeamsTable;
  users: UsersTable;
  team_members: TeamMembersTable;
  api_tokens: ApiTokensTable;
  incidents: IncidentsTable;
  incident_services: IncidentServicesTable;
  incident_members: IncidentMembersTable;
  incident_timestamp_edits: IncidentTimestampEditsTable;
  reviews: ReviewsTable;
  review_signoffs: ReviewSignoffsTable;
  review_analyses: ReviewAnalysesTable;
  settings: SettingsTable;
  review_incidents: ReviewIncidentsTable;
  contributing_factors: ContributingFactorsTable;
  lesson_records: LessonRecordsTable;
  recurrence_links: RecurrenceLinksTable;
  derived_index_state: DerivedIndexStateTable;
  similarity_terms: SimilarityTermsTable;
  incident_signatures: IncidentSignaturesTable;
  actions: ActionsTable;
  action_incidents: ActionIncidentsTable;
  action_history: ActionHistoryTable;
  action_verifications: ActionVerificationsTable;
  notification_outbox: NotificationOutboxTable;
  notification_preferences: NotificationPreferencesTable;
  job_runs: JobRunsTable;
  review_workflows: ReviewWorkflowsTable;
  feedback_requests: FeedbackRequestsTable;
  feedback: FeedbackTable;
  review_reports: ReviewReportsTable;
  evidence_items: EvidenceItemsTable;
  evidence_files: EvidenceFilesTable;
  evidence_pins: EvidencePinsTable;
}
