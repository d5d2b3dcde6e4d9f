import DOMPurify from 'dompurify';
import { useState } from 'react';
import { publishedReport, reviewReport } from '../api/reports.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { useAsync } from '../hooks.js';

function saveMarkdown(markdown: string, filename: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([markdown], { type: 'text/markdown' }));
  link.download = filename;
  link.click();
  URL.revokeObjectURL(link.href);
}

/**
 * Preview (server HTML, sanitised) and download (Markdown) of the review report, and the report stored at
 * publication when there is one.
 */
export function ReviewReport({ incidentId }: { incidentId: string }) {
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const published = useAsync(() => publishedReport(incidentId, 'md'), [incidentId]);

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
      saveMarkdown(await reviewReport(incidentId, 'md'), `${incidentId}-review.md`);
    } catch (e) {
      setError(e);
    }
  };

  const downloadPublished = async () => {
    setError(null);
    try {
      // Fetched again: the review may have been published anew since the page loaded.
      const markdown = await publishedReport(incidentId, 'md');
      if (markdown === null) published.reload();
      else saveMarkdown(markdown, `${incidentId}-review-published.md`);
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
        {published.state === 'ok' && published.data !== null && (
          <button type="button" className="button-secondary" onClick={() => void downloadPublished()}>
            Download published report
          </button>
        )}
      </div>
      {published.state === 'error' && <ErrorNotice error={published.error} what="The published report" />}
      {error !== null && <ErrorNotice error={error} what="The report" />}
      {html !== null && <div className="report-preview" dangerouslySetInnerHTML={{ __html: html }} />}
    </section>
  );
}
