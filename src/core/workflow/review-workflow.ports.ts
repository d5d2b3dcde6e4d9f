/** A resolved incident as the workflow sees it (no viewer: the workflow is the system). */
export interface ResolvedIncident {
  id: string;
  title: string;
  category: string;
  severity: 'Critical' | 'High' | 'Medium' | 'Low';
  kind: 'incident' | 'drill' | 'test';
  resolved_at: string;
  /** Status of its review, null when no review was started. */
  review_status: string | null;
}

export type WorkflowStatus = 'scheduled' | 'published' | 'not_required';

/** One incident's review workflow. */
export interface WorkflowRecord {
  incident_id: string;
  resolved_at: string;
  review_at: string;
  feedback_deadline: string;
  status: WorkflowStatus;
  scheduled_at: string;
  published_at: string | null;
}

/** An open workflow with what deciding its next step needs. */
export interface OpenWorkflow extends WorkflowRecord {
  incident_title: string;
  review_status: string | null;
  review_version: number | null;
}

/** The report stored when a review is published. */
export interface StoredReport {
  incident_id: string;
  review_version: number;
  markdown: string;
  html: string;
  feedback_summary: unknown;
  generated_at: string;
}

/** Review workflows as stored; one row per incident, so scheduling twice keeps one. */
export interface ReviewWorkflowStore {
  /** Resolved incidents without a workflow, earliest resolution first, at most `limit`. */
  unscheduled(limit: number): Promise<ResolvedIncident[]>;
  /** Records a workflow; false when the incident already has one (another instance was first). */
  insert(record: WorkflowRecord): Promise<boolean>;
  /** Workflows still waiting for publication. */
  open(): Promise<OpenWorkflow[]>;
  /**
   * Published workflows whose review is published again at a version the stored report does not show (a
   * reopen and republication), or that have no stored report yet.
   */
  republished(): Promise<OpenWorkflow[]>;
  /** Moves a scheduled workflow to published; false when it already was (another instance was first). */
  markPublished(incidentId: string, at: string): Promise<boolean>;
  /** Usernames of an incident's participants: who declared it, its members, and review participants. */
  participantsOf(incidentId: string): Promise<string[]>;
  find(incidentId: string): Promise<WorkflowRecord | null>;
  putReport(report: StoredReport): Promise<void>;
  getReport(incidentId: string): Promise<StoredReport | null>;
}
