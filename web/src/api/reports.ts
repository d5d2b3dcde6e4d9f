import { ApiError, requestText } from './http.js';

export type ReportFormat = 'md' | 'html';

/** The review report (SEC10-BP08 Example 1) rendered by the server. */
export function reviewReport(incidentId: string, format: ReportFormat): Promise<string> {
  return requestText(`/api/v1/incidents/${encodeURIComponent(incidentId)}/review/report?format=${format}`);
}

/**
 * The report stored when the review was last published (with the participant feedback of that moment), or
 * null while none is stored.
 */
export async function publishedReport(incidentId: string, format: ReportFormat): Promise<string | null> {
  try {
    return await requestText(
      `/api/v1/incidents/${encodeURIComponent(incidentId)}/review/report/published?format=${format}`,
    );
  } catch (e) {
    if (e instanceof ApiError && e.code === 'published_report_not_found') return null;
    throw e;
  }
}
