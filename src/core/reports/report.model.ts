import type { Analysis } from '../analysis/analysis.schema.js';
import type { FaultTreeResult } from '../analysis/fault-tree.analysis.js';
import type { TimelineAnalysis } from '../analysis/timeline-analysis.js';
import type { ListedEvidence } from '../evidence/evidence.store.js';
import type { FeedbackSummary } from '../feedback/feedback.schema.js';
import type { Incident } from '../incidents/incident.schema.js';
import type { ReviewView } from '../reviews/review.view.js';

/** One analysis in a report, with its diagram. */
export interface ReportAnalysis {
  analysis: Analysis;
  /** SVG from the core renderers; trusted markup (every user string in it is escaped by the renderer). */
  svg: string;
  /** Cut sets and top-event probability, for a fault tree. */
  result: FaultTreeResult | null;
}

/** An evidence item as a report cites it under a contributing factor. */
export type CitedEvidence = Pick<ListedEvidence, 'id' | 'time' | 'source' | 'summary'>;

/** Everything a post-incident review report shows (SEC10-BP08 Example 1). */
export interface ReviewReport {
  incident: Incident;
  review: ReviewView;
  analyses: ReportAnalysis[];
  timeline_analysis: TimelineAnalysis;
  /** Evidence the contributing factors cite that the reader may see, in time order. */
  cited_evidence: CitedEvidence[];
  /** Participant feedback on the incident; null when nobody was asked and nobody answered. */
  feedback: FeedbackSummary | null;
  generated_at: string;
}

export const REPORT_FORMATS = ['md', 'html', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const METHOD_TITLES: Record<Analysis['method'], string> = {
  five_whys: 'Five whys',
  fishbone: 'Fishbone (Ishikawa)',
  fault_tree: 'Fault tree',
};
