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
}
