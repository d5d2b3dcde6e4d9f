import { analyseFaultTree } from '../analysis/fault-tree.analysis.js';
import { analyseTimeline } from '../analysis/timeline-analysis.js';
import type { EvidenceStore } from '../evidence/evidence.store.js';
import type { FeedbackSummary } from '../feedback/feedback.schema.js';
import { authorize } from '../auth/policy.js';
import { renderAnalysisSvg } from '../reviews/review.analysis.service.js';
import { loadReview, type ReviewStores } from '../reviews/review.context.js';
import { presentReview } from '../reviews/review.view.js';
import { loadReviewSettings } from '../settings/review-settings.js';
import type { Actor } from '../shared/actor.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import type { ReviewWorkflowStore } from '../workflow/review-workflow.ports.js';
import type { DiagramMode } from './report.analyses.js';
import { renderReportHtml } from './report.html.js';
import { renderReportMarkdown } from './report.markdown.js';
import type { ReviewReport } from './report.model.js';

export interface ReportServiceDeps {
  stores: Pick<ReviewStores, 'reviews' | 'incidents' | 'analyses' | 'settings'> & {
    /** Where the review workflow keeps the report stored at publication. */
    workflows: Pick<ReviewWorkflowStore, 'getReport'>;
  };
  /** Evidence the contributing factors cite (storage applies need to know). */
  evidence: Pick<EvidenceStore, 'cited'>;
  clock: Clock;
  /** The participant feedback summary of an incident (FeedbackService.summaryOf), without identities. */
  feedbackSummary: (incidentId: string) => Promise<FeedbackSummary>;
}

/** The report as stored when the review was published, in one format. */
export interface PublishedReport {
  body: string;
  review_version: number;
  generated_at: string;
}

/** Post-incident review reports (SEC10-BP08 Example 1), for anyone who may read the incident. */
export class ReportService {
  constructor(private readonly deps: ReportServiceDeps) {}

  /** Collects what the report shows: incident, review, analyses with diagrams, timeline analysis. */
  async build(actor: Actor, incidentId: string): Promise<ReviewReport> {
    authorize(actor, 'incident:read');
    const { stores, clock } = this.deps;
    const { incident, review } = await loadReview(stores, actor, incidentId);
    const now = clock.now();
    const view = presentReview(review, incident, await loadReviewSettings(stores.settings), now);
    const analyses = (await stores.analyses.list(review.id)).map(({ analysis }) => ({
      analysis,
      svg: renderAnalysisSvg(analysis),
      result: analysis.method === 'fault_tree' ? analyseFaultTree(analysis) : null,
    }));
    const timeline_analysis = analyseTimeline({
      milestones: incident.timestamps,
      timeline: review.timeline.map((e) => ({ time: e.time, event: e.event, source: e.source })),
    });
    const feedback = await this.deps.feedbackSummary(incidentId);
    const citedIds = review.contributing_factors.flatMap((f) => f.evidence_ids);
    const cited = await this.deps.evidence.cited(review.incident_ids, citedIds, actor);
    return {
      incident,
      review: view,
      analyses,
      timeline_analysis,
      cited_evidence: cited.map(({ id, time, source, summary }) => ({ id, time, source, summary })),
      feedback: feedback.requested > 0 || feedback.responses > 0 ? feedback : null,
      generated_at: now.toISOString(),
    };
  }

  /**
   * The report stored when the review was last published (with the feedback summary of that moment), for
   * anyone who may read the review; `published_report_not_found` until the workflow has stored one.
   */
  async published(actor: Actor, incidentId: string, format: 'md' | 'html'): Promise<PublishedReport> {
    authorize(actor, 'incident:read');
    await loadReview(this.deps.stores, actor, incidentId);
    const stored = await this.deps.stores.workflows.getReport(incidentId);
    if (!stored) {
      throw new DomainError(
        'not_found',
        'published_report_not_found',
        `no published report is stored for ${incidentId} yet: it is stored when the review is published and the review workflow has run`,
      );
    }
    return {
      body: format === 'md' ? stored.markdown : stored.html,
      review_version: stored.review_version,
      generated_at: stored.generated_at,
    };
  }

  /** The report as Markdown; diagrams are image links (`diagrams.href`) since Markdown cannot hold SVG. */
  async markdown(actor: Actor, incidentId: string, href: (method: string) => string): Promise<string> {
    const diagrams: DiagramMode = { kind: 'link', href };
    return renderReportMarkdown(await this.build(actor, incidentId), diagrams);
  }

  /** The report as a standalone HTML page with the diagrams inlined (also the source of the PDF). */
  async html(actor: Actor, incidentId: string): Promise<string> {
    return renderReportHtml(await this.build(actor, incidentId));
  }
}
