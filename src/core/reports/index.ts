export { ReportService, type ReportServiceDeps } from './report.service.js';
export { renderReportMarkdown } from './report.markdown.js';
export { renderReportHtml } from './report.html.js';
export { DIAGRAM_FENCE, type DiagramMode } from './report.analyses.js';
export { escapeInline, escapeParagraphs, escapeHtml } from './report.escape.js';
export {
  REPORT_FORMATS,
  METHOD_TITLES,
  type ReportFormat,
  type ReviewReport,
  type ReportAnalysis,
} from './report.model.js';
