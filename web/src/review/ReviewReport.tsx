import DOMPurify from 'dompurify';
import { useState } from 'react';
import { reviewReport } from '../api/reports.js';
import { ErrorNotice } from '../components/ErrorNotice.js';

/** Preview (server HTML, sanitised) and download (Markdown) of the review report. */
export function ReviewReport({ incidentId }: { incidentId: string }) {
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const preview = async () => {
    setError(null);
    try {
      // The report holds text people wrote; DOMPurify removes scripts, handlers and javascript: links even
      // if the server's escaping ever missed one.
      setHtml(
        DOMPurify.sanitize(await reviewReport(incidentId, 'html'), {
          USE_PROFILES: { html: true, svg: true },
        }),
      );
    } catch (e) {
      setError(e);
    }
  };

  const download = async () => {
    setError(null);
    try {
      const markdown = await reviewReport(incidentId, 'md');
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([markdown], { type: 'text/markdown' }));
      link.download = `${incidentId}-review.md`;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section className="card" aria-labelledby="report-title">
      <h2 id="report-title">Report</h2>
      <div className="button-row">
        <button type="button" className="button-secondary" onClick={() => void preview()}>
          Preview report
        </button>
        <button type="button" className="button-secondary" onClick={() => void download()}>
          Download Markdown
        </button>
      </div>
      {error !== null && <ErrorNotice error={error} what="The report" />}
      {html !== null && <div className="report-preview" dangerouslySetInnerHTML={{ __html: html }} />}
    </section>
  );
}
