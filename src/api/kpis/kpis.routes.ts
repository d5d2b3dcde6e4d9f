import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ActionEffectivenessReport } from '../../core/kpis/action-effectiveness.report.js';
import { KpiQuery, KpiReport, TrendQuery, type KpiService } from '../../core/kpis/kpi.service.js';
import { renderTrendReportMarkdown } from '../../core/kpis/trend-report.render.js';
import { TrendReport } from '../../core/kpis/trend-report.schema.js';
import { parseInput } from '../../core/shared/validation.js';
import { ErrorBody } from '../errors.js';
import { actorOf } from '../request-actor.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };
const TrendRequest = TrendQuery.extend({ format: z.enum(['json', 'markdown']).default('json') });

export function kpiRoutes(app: FastifyInstance, kpis: KpiService): void {
  app.get('/api/v1/kpis', {
    schema: {
      tags: ['kpis'],
      summary: 'Every KPI of a period, with its definition, value, median/p90/n, target, status and trend',
      description:
        'Period defaults to the 90 days ending now; the trend compares with the equally long period before. ' +
        'Aggregates count restricted incidents without revealing them.',
      querystring: KpiQuery,
      response: { 200: KpiReport, ...errors },
    },
    handler: (request) => kpis.kpis(actorOf(request), request.query),
  });

  app.get('/api/v1/kpis/action-effectiveness', {
    schema: {
      tags: ['kpis'],
      summary: 'Effectiveness by recurrence: verified actions whose incidents did not happen again',
      description:
        'Actions verified in the period (default the 90 days ending now); counts include restricted incidents, ' +
        'the list names only actions and recurrences the caller may see.',
      querystring: KpiQuery,
      response: { 200: ActionEffectivenessReport, ...errors },
    },
    handler: (request) => kpis.actionEffectiveness(actorOf(request), request.query),
  });

  app.get('/api/v1/trends', {
    schema: {
      tags: ['kpis'],
      summary: 'Trend report (counts per week or month, findings, recommendations) as JSON or Markdown',
      querystring: TrendRequest,
      response: { 200: z.union([TrendReport, z.string()]), ...errors },
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      const { format, ...query } = parseInput(TrendRequest, request.query ?? {}, 'trend query');
      const report = await kpis.trends(actor, query);
      if (format === 'json') return report;
      return reply
        .type('text/markdown; charset=utf-8')
        .serializer((text) => text as string)
        .send(renderTrendReportMarkdown(report));
    },
  });
}
