import { ApiError, request } from './http.js';

export type FactorCategory = 'technical' | 'process' | 'human' | 'organizational';
export const FACTOR_CATEGORIES: readonly FactorCategory[] = [
  'technical',
  'process',
  'human',
  'organizational',
];
export type Priority = 'Critical' | 'High' | 'Medium' | 'Low';
export const PRIORITIES: readonly Priority[] = ['Critical', 'High', 'Medium', 'Low'];
export type ReviewStatus = 'draft' | 'in_review' | 'approved' | 'published';
export type ReviewAction = 'submit' | 'request_changes' | 'approve' | 'publish' | 'reopen';

export interface ReviewTimelineEvent {
  time: string;
  event: string;
  source: string | null;
  action: string | null;
}

export interface ContributingFactor {
  id?: string;
  category: FactorCategory;
  description: string;
  primary: boolean;
  evidence: string[];
  /** Ids of the covered incidents' evidence this factor cites (checked by the server). */
  evidence_ids?: string[];
  source: { analysis: string; ref?: string };
}

export interface ReviewLesson {
  lesson: string;
  category: string;
  priority: Priority;
  owner: string | null;
  due_date: string | null;
}

export interface ActionItem {
  action: string;
  owner: string | null;
  due_date: string | null;
  success_criteria: string | null;
}

/** The body of PUT /api/v1/incidents/{id}/review: the whole review document. */
export interface ReviewDocument {
  incident_ids: string[];
  incident_date: string | null;
  review_date: string | null;
  facilitator: string | null;
  participants: string[];
  summary: { description: string; impact: string; duration: string };
  timeline: ReviewTimelineEvent[];
  response_analysis: { what_went_well: string[]; what_could_improve: string[] };
  contributing_factors: ContributingFactor[];
  lessons: ReviewLesson[];
  action_items: ActionItem[];
}

export interface Signoff {
  action: ReviewAction;
  from: ReviewStatus;
  to: ReviewStatus;
  by: string;
  by_name: string;
  at: string;
}

export interface Review extends ReviewDocument {
  id: string;
  incident_id: string;
  status: ReviewStatus;
  created_by: string;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  version: number;
  signoffs?: Signoff[];
  /** Derived by the server on every read. */
  template_id?: string;
  available_actions?: ReviewAction[];
  deadline?: {
    state: 'not_required' | 'pending' | 'overdue' | 'done_on_time' | 'done_late';
    due_at: string | null;
    time_to_review_business_days: number | null;
    business_days_remaining: number | null;
  } | null;
}

export interface BlamelessFinding {
  path: string;
  start: number;
  end: number;
  phrase: string;
  rule: string;
  message: string;
  suggestion: string;
}

/** Blameless-language warnings and required fields still empty, judged by the review's template. */
export interface ReviewLint {
  template_id: string;
  blameless: 'warn' | 'block';
  warnings: BlamelessFinding[];
  missing: { path: string; label: string }[];
  blocks_submit: boolean;
}

export async function lintReview(incidentId: string): Promise<ReviewLint> {
  return (await request<ReviewLint>('GET', `${reviewPath(incidentId)}/lint`)).data;
}

/** The legal lifecycle moves from each state (the server's TRANSITIONS), for showing the right buttons. */
export const ACTIONS_FROM: Readonly<Record<ReviewStatus, readonly ReviewAction[]>> = {
  draft: ['submit'],
  in_review: ['request_changes', 'approve'],
  approved: ['publish', 'reopen'],
  published: ['reopen'],
};

export function emptyReview(incidentId: string): ReviewDocument {
  return {
    incident_ids: [incidentId],
    incident_date: null,
    review_date: null,
    facilitator: null,
    participants: [],
    summary: { description: '', impact: '', duration: '' },
    timeline: [],
    response_analysis: { what_went_well: [], what_could_improve: [] },
    contributing_factors: [],
    lessons: [],
    action_items: [],
  };
}

const reviewPath = (id: string) => `/api/v1/incidents/${encodeURIComponent(id)}/review`;

/** The review of an incident, or null while none has been written (404 review_not_found). */
export async function getReview(incidentId: string): Promise<{ review: Review; etag: string | null } | null> {
  try {
    const { data, etag } = await request<Review>('GET', reviewPath(incidentId));
    return { review: data, etag };
  } catch (error) {
    // 404 for a missing review or analysis means "none yet"; a missing route is reported, not hidden.
    if (error instanceof ApiError && error.status === 404 && !error.missingEndpoint) return null;
    throw error;
  }
}

export async function putReview(
  incidentId: string,
  document: ReviewDocument,
  etag: string | null,
): Promise<{ review: Review; etag: string | null }> {
  const { data, etag: next } = await request<Review>('PUT', reviewPath(incidentId), {
    body: document,
    ifMatch: etag,
  });
  return { review: data, etag: next };
}

/** Moves the review through its lifecycle (POST .../review/transitions); warnings are blameless findings. */
export async function transitionReview(
  incidentId: string,
  action: ReviewAction,
): Promise<{ review: Review; warnings: BlamelessFinding[] }> {
  return (
    await request<{ review: Review; warnings: BlamelessFinding[] }>(
      'POST',
      `${reviewPath(incidentId)}/transitions`,
      {
        body: { action },
      },
    )
  ).data;
}

/** Strips the server's metadata so the document can be written back. */
export function documentOf(review: Review): ReviewDocument {
  return {
    incident_ids: review.incident_ids,
    incident_date: review.incident_date,
    review_date: review.review_date,
    facilitator: review.facilitator,
    participants: review.participants,
    summary: review.summary,
    timeline: review.timeline,
    response_analysis: review.response_analysis,
    contributing_factors: review.contributing_factors,
    lessons: review.lessons,
    action_items: review.action_items,
  };
}

/** A suggested improvement action for a contributing factor: from a rule, or a past incident's lesson. */
export type Recommendation =
  | { source: 'rule'; title: string; type: string; rationale: string; rule_id: string }
  | {
      source: 'past_lesson';
      title: string;
      rationale: string;
      incident_id: string;
      incident_ids: string[];
      similarity: number;
      factor_category: FactorCategory;
    };

export interface FactorRecommendations {
  factor_id: string;
  category: FactorCategory;
  description: string;
  recommendations: Recommendation[];
}

export async function reviewRecommendations(incidentId: string): Promise<FactorRecommendations[]> {
  return (
    await request<{ factors: FactorRecommendations[] }>('GET', `${reviewPath(incidentId)}/recommendations`)
  ).data.factors;
}
