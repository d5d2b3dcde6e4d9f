import { ApiError, request, requestText } from './http.js';
import type { FactorCategory } from './reviews.js';

export type AnalysisMethod = 'five_whys' | 'fishbone' | 'fault_tree';

export interface WhyNode {
  id: string;
  question?: string;
  answer: string;
  children: WhyNode[];
}

export interface FiveWhys {
  method: 'five_whys';
  problem: string;
  whys: WhyNode[];
}

export const FISHBONE_BRANCHES = [
  'People',
  'Process',
  'Technology',
  'Environment',
  'Materials',
  'Methods',
] as const;
export type FishboneBranch = (typeof FISHBONE_BRANCHES)[number];

export interface FishboneSubCause {
  id: string;
  text: string;
  sub_causes: FishboneSubCause[];
}

export interface FishboneCause {
  id: string;
  branch: FishboneBranch;
  text: string;
  factor_category?: FactorCategory;
  sub_causes: FishboneSubCause[];
}

export interface Fishbone {
  method: 'fishbone';
  problem: string;
  causes: FishboneCause[];
}

export type GateType = 'AND' | 'OR' | 'KOFN';

export interface FaultTreeNode {
  id: string;
  label: string;
  type: 'gate' | 'basic';
  gate?: GateType;
  k?: number;
  children?: string[];
  probability?: number;
}

export interface FaultTree {
  method: 'fault_tree';
  top: string;
  nodes: FaultTreeNode[];
}

export interface FaultTreeResult {
  minimal_cut_sets: string[][];
  single_points_of_failure: string[];
  top_event: {
    probability: number | null;
    method: 'exact' | 'rare_event_approximation';
    upper_bound?: number;
    missing_probabilities: string[];
    basic_event_count: number;
  };
  warnings: { path: string; problem: string }[];
}

export interface AnalysisByMethod {
  five_whys: FiveWhys;
  fishbone: Fishbone;
  fault_tree: FaultTree;
}

export interface StoredAnalysis<M extends AnalysisMethod> {
  analysis: AnalysisByMethod[M];
  /** Computed results the server returns beside the analysis (fault tree: cut sets and probability). */
  result: FaultTreeResult | null;
  etag: string | null;
}

const analysisPath = (incidentId: string, method: AnalysisMethod) =>
  `/api/v1/incidents/${encodeURIComponent(incidentId)}/review/analyses/${method}`;

/** Accepts the analysis bare or wrapped as `{ analysis, result }`, so the server's envelope can settle later. */
function unwrap<M extends AnalysisMethod>(data: unknown, etag: string | null): StoredAnalysis<M> {
  const body = data as { analysis?: unknown; result?: unknown; method?: unknown };
  if (body && typeof body === 'object' && 'analysis' in body && body.analysis) {
    return {
      analysis: body.analysis as AnalysisByMethod[M],
      result: (body.result as FaultTreeResult) ?? null,
      etag,
    };
  }
  return { analysis: data as AnalysisByMethod[M], result: null, etag };
}

/** The stored analysis, or null while the review has none of this method (404 with another code). */
export async function getAnalysis<M extends AnalysisMethod>(
  incidentId: string,
  method: M,
): Promise<StoredAnalysis<M> | null> {
  try {
    const { data, etag } = await request<unknown>('GET', analysisPath(incidentId, method));
    return unwrap<M>(data, etag);
  } catch (error) {
    // 404 for a missing review or analysis means "none yet"; a missing route is reported, not hidden.
    if (error instanceof ApiError && error.status === 404 && !error.missingEndpoint) return null;
    throw error;
  }
}

export async function putAnalysis<M extends AnalysisMethod>(
  incidentId: string,
  method: M,
  analysis: AnalysisByMethod[M],
  etag: string | null,
): Promise<StoredAnalysis<M>> {
  const { data, etag: next } = await request<unknown>('PUT', analysisPath(incidentId, method), {
    body: analysis,
    ifMatch: etag,
  });
  return unwrap<M>(data, next);
}

/** The server-rendered SVG diagram (the same one reports embed). */
export function analysisSvg(incidentId: string, method: AnalysisMethod): Promise<string> {
  return requestText(`${analysisPath(incidentId, method)}.svg`);
}

export interface TimelineAnalysis {
  phases: Record<
    string,
    { minutes: number | null; from: string; to: string; definition: string; note?: string }
  >;
  gap_threshold_minutes: number;
  gaps: {
    minutes: number;
    after: { index: number; time: string; event: string };
    before: { index: number; time: string; event: string };
  }[];
  events_per_source: { source: string; count: number }[];
  findings: { path: string; problem: string; code: string; severity: 'error' | 'warning' }[];
}

export async function timelineAnalysis(incidentId: string): Promise<TimelineAnalysis> {
  return (
    await request<TimelineAnalysis>(
      'GET',
      `/api/v1/incidents/${encodeURIComponent(incidentId)}/timeline-analysis`,
    )
  ).data;
}

/** Turns a five-whys answer, fishbone cause or fault-tree event into a contributing factor of the review. */
export async function promoteToFactor(
  incidentId: string,
  method: AnalysisMethod,
  ref: string,
  category?: FactorCategory,
): Promise<void> {
  await request<unknown>('POST', `${analysisPath(incidentId, method)}/promote`, {
    body: category ? { ref, category } : { ref },
  });
}
