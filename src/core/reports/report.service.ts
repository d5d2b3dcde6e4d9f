import { analyseFaultTree } from '../analysis/fault-tree.analysis.js';
import { analyseTimeline } from '../analysis/timeline-analysis.js';
import { authorize } from '../auth/policy.js';
import { renderAnalysisSvg } from '../reviews/review.analysis.service.js';
import { loadReview, type ReviewStores } from '../reviews/review.context.js';
import { presentReview } from '../reviews/review.view.js';
import { loadReviewSettings } from '../settings/review-settings.js';
import type { Actor } from '../shared/actor.js';
import type { Clock } from '../shared/clock.js';
import type { DiagramMode } from './report.analyses.js';
import { renderReportHtml } from './report.html.js';
import { renderReportMarkdown } from './report.markdown.js';
import type { ReviewReport } from './report.model.js';

export interface ReportServiceDeps {
  stores: Pick<ReviewStores, 'reviews' | 'incidents' | 'analyses' | 'settings'>;
  clock: Clock;
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
    return { incident, review: view, analyses, timeline_analysis, generated_at: now.toISOString() };
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
