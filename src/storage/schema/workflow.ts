import type { Ms, MsNullable } from './columns.js';

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
