import { requestText } from './http.js';

export type ReportFormat = 'md' | 'html';

/** The review report (SEC10-BP08 Example 1) rendered by the server. */
export function reviewReport(incidentId: string, format: ReportFormat): Promise<string> {
  return requestText(`/api/v1/incidents/${encodeURIComponent(incidentId)}/review/report?format=${format}`);
}
