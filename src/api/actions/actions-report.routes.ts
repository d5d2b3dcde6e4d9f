import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { BurnDownQuery } from '../../core/actions/action.burndown.js';
import { ActionFilter } from '../../core/actions/action.ports.js';
import type { ActionService } from '../../core/actions/action.service.js';
import { ErrorBody } from '../errors.js';
import { actorOf } from '../request-actor.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const Counts = z.record(z.string(), z.number());
const ActionReport = z.object({
  as_of: z.string(),
  total: z.number(),
  overdue: z.number(),
  by_status: Counts,
  by_priority: Counts,
  by_category: Counts,
  by_owner: Counts,
  by_team: Counts,
});
const BurnDown = z.object({
  from: z.string(),
  to: z.string(),
  time_zone: z.string(),
  points: z.array(z.object({ at: z.string(), date: z.string(), open: z.number(), overdue: z.number() })),
});
const CSV_TYPES = ['text/csv', 'application/csv'];

/** Reports, the burn-down, CSV export and CSV import of actions. */
export function actionReportRoutes(app: FastifyInstance, actions: ActionService): void {
  app.get('/api/v1/actions/report', {
    schema: {
      tags: ['actions'],
      summary: 'Counts of the actions you may see by status, priority, category, owner and team',
      querystring: ActionFilter,
      response: { 200: ActionReport, ...errors },
    },
    handler: (request) => actions.report(actorOf(request), request.query),
  });

  app.get('/api/v1/actions/burn-down', {
    schema: {
      tags: ['actions'],
      summary:
        'Open and overdue actions you may see at evenly spaced instants of a period (default the 90 days to now)',
      querystring: BurnDownQuery,
      response: { 200: BurnDown, ...errors },
    },
    handler: (request) => actions.burnDown(actorOf(request), request.query),
  });

  app.get('/api/v1/actions.csv', {
    schema: {
      tags: ['actions'],
      summary: 'The actions you may see as CSV (same filters as the list)',
      querystring: ActionFilter,
      response: { 200: z.string().describe('text/csv'), ...errors },
    },
    handler: async (request, reply) => {
      const csv = await actions.exportCsv(actorOf(request), request.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="actions.csv"')
        .send(Buffer.from(csv, 'utf8'));
    },
  });

  // Scoped so CSV bodies are accepted by the import only.
  void app.register((scope, _options, done) => {
    scope.addContentTypeParser(CSV_TYPES, { parseAs: 'string' }, (_request, body, next) => next(null, body));
    scope.post('/api/v1/actions/import', {
      schema: {
        tags: ['actions'],
        summary: 'Import actions from CSV (text/csv), all or nothing: every bad row is reported',
        body: z.string().describe('text/csv with the columns of IMPORT_COLUMNS'),
        response: { 201: z.object({ imported: z.number(), ids: z.array(z.string()) }), ...errors },
      },
      handler: async (request, reply) => {
        const result = await actions.importCsv(actorOf(request), request.body);
        return reply.status(201).send(result);
      },
    });
    done();
  });
}
