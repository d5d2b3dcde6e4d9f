import { z } from 'zod';
import { parseAnalysis, type Analysis } from '../analysis/analysis.schema.js';
import { promoteToFactor } from '../analysis/analysis.promote.js';
import { AnalysisMethod } from '../analysis/factor-promotion.js';
import { analyseFaultTree, type FaultTreeResult } from '../analysis/fault-tree.analysis.js';
import { renderFaultTreeSvg } from '../analysis/fault-tree.svg.js';
import { renderFishboneSvg } from '../analysis/fishbone.svg.js';
import { renderFiveWhysSvg } from '../analysis/five-whys.svg.js';
import { analyseTimeline, type TimelineAnalysis } from '../analysis/timeline-analysis.js';
import { authorize } from '../auth/policy.js';
import { loadReviewSettings } from '../settings/review-settings.js';
import type { Actor } from '../shared/actor.js';
import type { Clock } from '../shared/clock.js';
import { conflict, invalid, notFound } from '../shared/errors.js';
import { parseInput } from '../shared/validation.js';
import { FactorCategory } from '../shared/vocabulary.js';
import {
  checkEditable,
  checkVersion,
  loadReview,
  type ReviewStores,
  type ReviewTransaction,
} from './review.context.js';
import type { StoredAnalysis } from './review.ports.js';
import type { ContributingFactor } from './review.schema.js';
import { documentOf, presentReview, type ReviewView } from './review.view.js';

export const PromoteRequest = z.strictObject({
  ref: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .describe('Id of the five-whys answer, fishbone cause or fault-tree event'),
  category: FactorCategory.optional().describe('Required except for fishbone causes, which carry one'),
});

export const TimelineAnalysisQuery = z.strictObject({
  gap_threshold_minutes: z.coerce.number().positive().max(525_600).default(60),
});

/** A stored analysis as the API shows it; a fault tree comes with its cut sets and top-event probability. */
export interface AnalysisView extends StoredAnalysis {
  /** The review's version now: the ETag to send back (If-Match) when writing this analysis again. */
  current_review_version: number;
  result: FaultTreeResult | null;
}

export interface AnalysisServiceDeps {
  stores: Pick<ReviewStores, 'reviews' | 'incidents' | 'analyses'>;
  clock: Clock;
  transaction: ReviewTransaction;
}

/**
 * Root-cause analyses stored with a review, one per method, versioned with it: saving an analysis raises
 * the review's version (its ETag), so an analysis and the review it explains are edited consistently.
 */
export class AnalysisService {
  constructor(private readonly deps: AnalysisServiceDeps) {}

  async get(actor: Actor, incidentId: string, method: unknown): Promise<AnalysisView> {
    authorize(actor, 'incident:read');
    const m = parseMethod(method);
    const { review } = await loadReview(this.deps.stores, actor, incidentId);
    const stored = await this.deps.stores.analyses.find(review.id, m);
    if (!stored) throw notFound('analysis', `${m} of ${incidentId}`);
    return withResult(stored, review.version);
  }

  /** Every analysis of the review, by method. */
  async list(actor: Actor, incidentId: string): Promise<AnalysisView[]> {
    authorize(actor, 'incident:read');
    const { review } = await loadReview(this.deps.stores, actor, incidentId);
    return (await this.deps.stores.analyses.list(review.id)).map((a) => withResult(a, review.version));
  }

  /** The analysis drawn as SVG by the core renderers (the same picture reports embed). */
  async svg(actor: Actor, incidentId: string, method: unknown): Promise<string> {
    return renderAnalysisSvg((await this.get(actor, incidentId, method)).analysis);
  }

  /**
   * Writes the analysis of one method. The body may omit `method`; one naming another method is refused
   * (`analysis_method_mismatch`). Invalid fault trees are refused with the rule broken and the node
   * (`fault_tree_cycle`, `fault_tree_dangling_child`, ...).
   */
  async put(
    actor: Actor,
    incidentId: string,
    method: unknown,
    input: unknown,
    expectedVersion?: number,
  ): Promise<AnalysisView> {
    authorize(actor, 'review:write');
    const m = parseMethod(method);
    const analysis = parseAnalysis(withMethod(input, m));
    const at = this.deps.clock.now().toISOString();
    return this.deps.transaction(async ({ reviews, incidents, analyses, audit }) => {
      const { review } = await loadReview({ reviews, incidents }, actor, incidentId);
      checkVersion(review, expectedVersion);
      checkEditable(review);
      const before = await analyses.find(review.id, m);
      const version = await reviews.touch(review.id, review.version, at);
      const stored: StoredAnalysis = {
        method: m,
        analysis,
        review_version: version,
        updated_by: actor.id,
        updated_at: at,
      };
      await analyses.upsert(review.id, stored);
      await audit.append(
        actor,
        {
          entity_type: 'analysis',
          entity_id: incidentId,
          action: `${before ? 'update' : 'create'}_${m}`,
          before: before?.analysis ?? null,
          after: analysis,
        },
        at,
      );
      return withResult(stored, version);
    });
  }

  /**
   * Turns a five-whys answer, fishbone cause or fault-tree event into a contributing factor of the review,
   * linked back through `source: { analysis, ref }`. Promoting the same node twice is refused
   * (`factor_already_promoted`).
   */
  async promote(
    actor: Actor,
    incidentId: string,
    method: unknown,
    input: unknown,
  ): Promise<{ factor: ContributingFactor; review: ReviewView }> {
    authorize(actor, 'review:write');
    const m = parseMethod(method);
    const request = parseInput(PromoteRequest, input, 'promotion');
    const now = this.deps.clock.now();
    const at = now.toISOString();
    return this.deps.transaction(async ({ reviews, incidents, analyses, audit, settings }) => {
      const { incident, review } = await loadReview({ reviews, incidents }, actor, incidentId);
      checkEditable(review);
      const stored = await analyses.find(review.id, m);
      if (!stored) throw notFound('analysis', `${m} of ${incidentId}`);
      const promoted = promoteToFactor(stored.analysis, request.ref, request.category);
      const already = review.contributing_factors.findIndex(
        (f) => f.source.analysis === m && f.source.ref === promoted.source.ref,
      );
      if (already >= 0) {
        throw conflict(
          'factor_already_promoted',
          `${m} node ${promoted.source.ref} is already contributing_factors[${already}]; edit that factor instead`,
        );
      }
      const factor: ContributingFactor = { id: factorId(m, promoted.source.ref), ...promoted };
      const next = await reviews.replace(
        review.id,
        review.version,
        { ...documentOf(review), contributing_factors: [...review.contributing_factors, factor] },
        at,
      );
      await audit.append(
        actor,
        {
          entity_type: 'review',
          entity_id: incidentId,
          action: 'promote_factor',
          before: { contributing_factors: review.contributing_factors },
          after: { contributing_factors: next.contributing_factors },
        },
        at,
      );
      return { factor, review: presentReview(next, incident, await loadReviewSettings(settings), now) };
    });
  }

  /**
   * Timeline analysis of an incident: phase durations, gaps longer than the threshold, events per source and
   * milestone findings, from the incident's milestones and its review's timeline (empty without a review).
   */
  async timeline(actor: Actor, incidentId: string, query: unknown): Promise<TimelineAnalysis> {
    authorize(actor, 'incident:read');
    const { gap_threshold_minutes } = parseInput(TimelineAnalysisQuery, query, 'timeline analysis query');
    const incident = await this.deps.stores.incidents.findById(incidentId, actor);
    if (!incident) throw notFound('incident', incidentId);
    const review = await this.deps.stores.reviews.findByIncident(incidentId, actor);
    return analyseTimeline({
      milestones: incident.timestamps,
      timeline: (review?.timeline ?? []).map((e) => ({ time: e.time, event: e.event, source: e.source })),
      gap_threshold_minutes,
    });
  }
}

/** The SVG of any stored analysis. */
export function renderAnalysisSvg(analysis: Analysis): string {
  switch (analysis.method) {
    case 'five_whys':
      return renderFiveWhysSvg(analysis);
    case 'fishbone':
      return renderFishboneSvg(analysis);
    case 'fault_tree':
      return renderFaultTreeSvg(analysis);
  }
}

function withResult(stored: StoredAnalysis, currentReviewVersion: number): AnalysisView {
  return {
    ...stored,
    current_review_version: currentReviewVersion,
    result: stored.analysis.method === 'fault_tree' ? analyseFaultTree(stored.analysis) : null,
  };
}

function parseMethod(method: unknown): AnalysisMethod {
  return parseInput(AnalysisMethod, method, 'analysis method');
}

function withMethod(input: unknown, method: AnalysisMethod): unknown {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return input;
  if (!('method' in input)) return { ...input, method };
  if (input.method !== method) {
    throw invalid(
      'analysis_method_mismatch',
      `the body is a ${String(input.method)} analysis, but the path says ${method}`,
      [{ path: 'method', problem: `must be ${method}, the method in the path` }],
    );
  }
  return input;
}

function factorId(method: AnalysisMethod, ref: string): string {
  return `${method}-${ref}`.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 64);
}
