import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IncidentId } from '../../core/incidents/incident.schema.js';
import { REPORT_FORMATS } from '../../core/reports/report.model.js';
import type { ReportService } from '../../core/reports/report.service.js';
import { parseInput } from '../../core/shared/validation.js';
import { ErrorBody } from '../errors.js';
import { actorOf } from '../request-actor.js';
import { renderPdf } from './report.pdf.js';

const IdParams = z.object({ id: IncidentId });
const ReportQuery = z.strictObject({ format: z.enum(REPORT_FORMATS).default('md') });
const PublishedQuery = z.strictObject({ format: z.enum(['md', 'html']).default('md') });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 503: ErrorBody };
// The report is a document, not an app: no scripts, nothing fetched, inline styles and SVG only.
const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** The post-incident review report (SEC10-BP08 Example 1) as Markdown, HTML or PDF. */
export function reportRoutes(app: FastifyInstance, reports: ReportService): void {
  app.get('/api/v1/incidents/:id/review/report', {
    schema: {
      tags: ['reviews'],
      summary: 'The review report as Markdown (default), HTML or PDF',
      description:
        'PDF needs headless Chromium on the server; without it the answer is 503 pdf_renderer_unavailable. In Markdown the diagrams are links to the .svg endpoints.',
      params: IdParams,
      querystring: ReportQuery,
      response: { 200: z.string().describe('text/markdown, text/html or application/pdf'), ...errors },
    },
    handler: async (request, reply) => {
      const id = (request.params as { id: string }).id;
      const { format } = parseInput(ReportQuery, request.query, 'report query');
      const actor = actorOf(request);
      void reply.header('content-security-policy', REPORT_CSP).header('x-content-type-options', 'nosniff');
      if (format === 'md') {
        const markdown = await reports.markdown(
          actor,
          id,
          (method) => `/api/v1/incidents/${id}/review/analyses/${method}.svg`,
        );
        return reply.type('text/markdown; charset=utf-8').send(Buffer.from(markdown, 'utf8'));
      }
      const html = await reports.html(actor, id);
      if (format === 'html') return reply.type('text/html; charset=utf-8').send(Buffer.from(html, 'utf8'));
      const pdf = await renderPdf(html);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${id}-review.pdf"`)
        .send(pdf);
    },
  });

  app.get('/api/v1/incidents/:id/review/report/published', {
    schema: {
      tags: ['reviews'],
      summary: 'The review report as stored when the review was last published, as Markdown or HTML',
      description:
        'Stored by the review workflow at publication, with the participant feedback summary of that moment; 404 published_report_not_found until then. Headers x-review-version and x-generated-at tell which publication it is.',
      params: IdParams,
      querystring: PublishedQuery,
      response: { 200: z.string().describe('text/markdown or text/html'), ...errors },
    },
    handler: async (request, reply) => {
      const id = (request.params as { id: string }).id;
      const { format } = parseInput(PublishedQuery, request.query, 'report query');
      const stored = await reports.published(actorOf(request), id, format);
      void reply
        .header('content-security-policy', REPORT_CSP)
        .header('x-content-type-options', 'nosniff')
        .header('x-review-version', String(stored.review_version))
        .header('x-generated-at', stored.generated_at)
        .type(format === 'md' ? 'text/markdown; charset=utf-8' : 'text/html; charset=utf-8');
      if (format === 'md') {
        void reply.header('content-disposition', `attachment; filename="${id}-review-published.md"`);
      }
      return reply.send(Buffer.from(stored.body, 'utf8'));
    },
  });
}
