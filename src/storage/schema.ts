import type { ColumnType, Selectable } from 'kysely';

/** Epoch milliseconds; node-postgres is told to parse int8 as number. */
type Ms = number;
type MsNullable = Ms | null;

export interface IdCountersTable {
  name: string;
  value: number;
}

export interface TeamsTable {
  id: string;
  name: string;
  lead_user_id: string | null;
  created_at_ms: Ms;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  role: string;
  password_hash: string | null;
  disabled: ColumnType<number, number | undefined, number>;
  created_at_ms: Ms;
}

export interface TeamMembersTable {
  team_id: string;
  user_id: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at_ms: Ms;
  last_used_at_ms: MsNullable;
  revoked_at_ms: MsNullable;
}

export interface IncidentsTable {
  id: string;
  title: string;
  description: string;
  severity: string;
  category: string;
  kind: string;
  attack_vector: string | null;
  /** JSON array of service names; incident_services holds the same for queries. */
  affected_services: string;
  team: string | null;
  restricted: number;
  status: string;
  impact_started_ms: MsNullable;
  first_indicator_ms: MsNullable;
  detected_ms: MsNullable;
  declared_ms: MsNullable;
  acknowledged_ms: MsNullable;
  first_action_ms: MsNullable;
  contained_ms: MsNullable;
  mitigated_ms: MsNullable;
  recovered_ms: MsNullable;
  resolved_ms: MsNullable;
  created_by: string;
  created_at_ms: Ms;
  updated_at_ms: Ms;
  version: number;
}
export type IncidentRow = Selectable<IncidentsTable>;

export interface IncidentServicesTable {
  incident_id: string;
  service: string;
}

export interface IncidentMembersTable {
  incident_id: string;
  user_id: string;
}

export interface IncidentTimestampEditsTable {
  id: string;
  incident_id: string;
  field: string;
  previous_ms: MsNullable;
  value_ms: MsNullable;
  edited_by: string;
  edited_at_ms: Ms;
}

export interface ReviewsTable {
  id: string;
  incident_id: string;
  status: string;
  /** The review document as JSON. */
  document: string;
  created_by: string;
  created_at_ms: Ms;
  updated_at_ms: Ms;
  published_at_ms: MsNullable;
  version: number;
  /** Who submitted the current round for review; null while a draft. */
  submitted_by: string | null;
  /** Business days from resolution to the first publication. */
  time_to_review_business_days: number | null;
}
export type ReviewRow = Selectable<ReviewsTable>;

/** One sign-off per lifecycle transition of a review, in order. */
export interface ReviewSignoffsTable {
  review_id: string;
  seq: number;
  action: string;
  from_status: string;
  to_status: string;
  by_id: string;
  by_name: string;
  at_ms: Ms;
}

/** One analysis (five whys, fishbone, fault tree) per method and review, as JSON. */
export interface ReviewAnalysesTable {
  review_id: string;
  method: string;
  document: string;
  /** The review version this analysis was saved with. */
  review_version: number;
  updated_by: string;
  updated_at_ms: Ms;
}

/** Organisation settings (working calendar, review templates) as JSON under a key. */
export interface SettingsTable {
  key: string;
  value: string;
  updated_by: string;
  updated_at_ms: Ms;
  version: number;
}

export interface ReviewIncidentsTable {
  review_id: string;
  incident_id: string;
}

/** Derived from each saved review document so aggregates need not parse JSON. */
export interface ContributingFactorsTable {
  review_id: string;
  position: number;
  category: string;
  description: string;
  is_primary: number;
}

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

export interface SessionsTable {
  /** SHA-256 of the cookie secret. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at_ms: Ms;
  expires_at_ms: Ms;
}

export interface LoginFailuresTable {
  id: string;
  throttle_key: string;
  at_ms: Ms;
}

export interface AuditLogTable {
  seq: number;
  id: string;
  at_ms: Ms;
  actor_id: string;
  actor_name: string;
  entity_type: string;
  entity_id: string;
  action: string;
  /** JSON array of { path, before, after }. */
  changes: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
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

/** A reviewer's decision that `incident_id` recurs the earlier `recurs_incident_id`. */
export interface RecurrenceLinksTable {
  incident_id: string;
  recurs_incident_id: string;
  decision: string;
  decided_by: string;
  decided_at_ms: Ms;
}

/** Which incidents a derived index (`similarity`, `signature:<fields>`) holds, and from which versions. */
export interface DerivedIndexStateTable {
  kind: string;
  incident_id: string;
  incident_version: number;
  review_version: number;
  occurred_ms: Ms;
}

/** Stemmed terms of an incident's text with their weighted frequency (similarity candidates and IDF). */
export interface SimilarityTermsTable {
  term: string;
  incident_id: string;
  tf: number;
}

/** Signatures of an incident for one field list (repeat detection). */
export interface IncidentSignaturesTable {
  fields_key: string;
  signature: string;
  incident_id: string;
  service: string | null;
  occurred_ms: Ms;
  /** The incident's declared instant (migration 0018): repeat signatures list a period's incidents by it. */
  declared_ms: Ms | null;
}

/** Improvement actions: current state; history, incidents and verification in their own tables. */
export interface ActionsTable {
  id: string;
  number: number;
  title: string;
  description: string;
  type: string;
  category: string;
  owner_kind: string;
  owner_id: string;
  /** The owning team, or the owning user's team when they have one (reports by team). */
  team: string | null;
  due_date: string;
  priority: string;
  risk_reduction: number;
  feasibility: number;
  priority_score: number;
  success_criteria: string;
  lesson_id: string | null;
  status: string;
  wont_do_reason: string | null;
  progress: number;
  completed_at_ms: MsNullable;
  assigned_at_ms: Ms;
  created_by: string;
  created_at_ms: Ms;
  updated_at_ms: Ms;
  version: number;
}
export type ActionRow = Selectable<ActionsTable>;

export interface ActionIncidentsTable {
  action_id: string;
  incident_id: string;
  position: number;
}

export interface ActionHistoryTable {
  action_id: string;
  seq: number;
  at_ms: Ms;
  by_id: string;
  kind: string;
  from_status: string;
  to_status: string;
  progress: number;
  note: string | null;
}

export interface ActionVerificationsTable {
  action_id: string;
  evidence_kind: string;
  evidence: string;
  verified_by: string;
  verified_at_ms: Ms;
  recheck_on: string | null;
}

/** Every notification, recorded once under its idempotency key before it is sent. */
export interface NotificationOutboxTable {
  key: string;
  kind: string;
  channel: string;
  recipient_kind: string;
  recipient_id: string;
  recipient_email: string | null;
  subject: string;
  body: string;
  /** JSON object. */
  data: string;
  not_before_ms: Ms;
  status: string;
  attempts: number;
  next_attempt_at_ms: Ms;
  lease_until_ms: Ms;
  leased_by: string | null;
  last_error: string | null;
  sent_at_ms: MsNullable;
  sent_by: string | null;
  created_at_ms: Ms;
}
export type NotificationOutboxRow = Selectable<NotificationOutboxTable>;

/** How a user (by username) or a team wants to be notified. */
export interface NotificationPreferencesTable {
  subject_kind: string;
  subject_id: string;
  email: string | null;
  /** JSON array of channel names; null for the default channels. */
  channels: string | null;
  digest: number;
  lead_id: string | null;
  updated_by: string;
  updated_at_ms: Ms;
}

/** One claimed run of a scheduled job per tick. */
export interface JobRunsTable {
  job: string;
  tick: number;
  claimed_by: string;
  claimed_at_ms: Ms;
  lease_until_ms: Ms;
  finished_at_ms: MsNullable;
  outcome: string | null;
}

export interface ReviewWorkflowsTable {
  incident_id: string;
  resolved_at_ms: Ms;
  review_at_ms: Ms;
  feedback_deadline_ms: Ms;
  status: string;
  scheduled_at_ms: Ms;
  published_at_ms: MsNullable;
}

/** A participant's single-use feedback link; only the SHA-256 of its token is kept. */
export interface FeedbackRequestsTable {
  token_hash: string;
  incident_id: string;
  participant: string;
  requested_at_ms: Ms;
  deadline_ms: Ms;
  /** The link was used (the answer may be anonymous: never shown as who answered). */
  responded: number;
  /** 1 when the review workflow asked; 0 when someone not asked answered signed in. */
  invited: number;
}

/** Participant feedback; `participant` is null when given anonymously, and only the day is kept. */
export interface FeedbackTable {
  id: string;
  incident_id: string;
  participant: string | null;
  response_rating: number;
  improvement_rating: number;
  went_well: string;
  to_improve: string;
  submitted_on: string;
}

/** The report stored when a review is published. */
export interface ReviewReportsTable {
  incident_id: string;
  review_version: number;
  markdown: string;
  html: string;
  /** JSON feedback summary at publication. */
  feedback_summary: string;
  generated_at_ms: Ms;
}

export interface EvidenceItemsTable {
  id: string;
  incident_id: string;
  source: string;
  source_id: string;
  kind: string;
  time_ms: Ms;
  actor: string | null;
  resource: string | null;
  action: string | null;
  summary: string;
  severity: string | null;
  severity_normalised: string | null;
  region: string | null;
  account: string | null;
  /** JSON text of the record as the source wrote it. */
  raw: string;
  /** JSON text of the Provenance. */
  provenance: string;
  imported_by: string;
  imported_at_ms: Ms;
}
export type EvidenceItemRow = Selectable<EvidenceItemsTable>;

export interface EvidenceFilesTable {
  incident_id: string;
  sha256: string;
  source: string;
  path: string;
  size_bytes: number;
  imported_by: string;
  imported_at_ms: Ms;
}

export interface EvidencePinsTable {
  evidence_id: string;
  incident_id: string;
  timeline_event_id: string | null;
  note: string | null;
  pinned_by: string;
  pinned_at_ms: Ms;
}

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
