import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AnalysisMethod } from '../../core/analysis/factor-promotion.js';
import { IncidentId } from '../../core/incidents/incident.schema.js';
import {
  PromoteRequest,
  TimelineAnalysisQuery,
  type AnalysisService,
} from '../../core/reviews/review.analysis.service.js';
import { ContributingFactor } from '../../core/reviews/review.schema.js';
import { ReviewView } from '../../core/reviews/review.view.js';
import { ErrorBody } from '../errors.js';
import { expectedVersion, setEtag } from '../http-versions.js';
import { actorOf } from '../request-actor.js';

const IdParams = z.object({ id: IncidentId });
const MethodParams = z.object({ id: IncidentId, method: AnalysisMethod });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const AnalysisBody = z
  .record(z.string(), z.unknown())
  .describe(
    'A five-whys ({ problem, whys }), fishbone ({ problem, causes }) or fault-tree ({ top, nodes }) analysis; `method` may be left out',
  );
const AnalysisResponse = z.object({
  method: AnalysisMethod,
  analysis: z.record(z.string(), z.unknown()),
  review_version: z.number().int().describe('The review version this analysis was saved with'),
  current_review_version: z.number().int().describe('The review version now (the ETag)'),
  updated_by: z.string(),
  updated_at: z.string(),
  result: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe(
      'Fault trees: minimal cut sets, single points of failure, top-event probability with its method',
    ),
});
const params = (request: { params: unknown }) => request.params as { id: string; method: string };

/** Analyses stored with the review (versioned with it: the ETag is the review's version). */
export function analysisRoutes(app: FastifyInstance, analyses: AnalysisService): void {
  app.get('/api/v1/incidents/:id/review/analyses/:method', {
    schema: {
      tags: ['analyses'],
      summary: 'Get an analysis of the review (five_whys, fishbone or fault_tree)',
      params: MethodParams,
      response: { 200: AnalysisResponse, ...errors },
    },
    handler: async (request, reply) => {
      const { id, method } = params(request);
      const view = await analyses.get(actorOf(request), id, method);
      setEtag(reply, view.current_review_version);
      return view;
    },
  });

  app.put('/api/v1/incidents/:id/review/analyses/:method', {
    schema: {
      tags: ['analyses'],
      summary:
        'Write an analysis of the review; raises the review version (send If-Match with the review ETag)',
      description:
        'Invalid fault trees (cycles, dangling children, ...) are refused with 400 naming the node.',
      params: MethodParams,
      body: AnalysisBody,
      response: { 200: AnalysisResponse, ...errors },
    },
    handler: async (request, reply) => {
      const { id, method } = params(request);
      const view = await analyses.put(actorOf(request), id, method, request.body, expectedVersion(request));
      setEtag(reply, view.current_review_version);
      return view;
    },
  });

  app.get('/api/v1/incidents/:id/review/analyses/:method.svg', {
    schema: {
      tags: ['analyses'],
      summary: 'The analysis drawn as an SVG diagram (image/svg+xml)',
      params: MethodParams,
      response: { 200: z.string().describe('SVG document'), ...errors },
    },
    handler: async (request, reply) => {
      const { id, method } = params(request);
      const svg = await analyses.svg(actorOf(request), id, method);
      return reply
        .type('image/svg+xml; charset=utf-8')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .send(Buffer.from(svg, 'utf8'));
    },
  });

  app.post('/api/v1/incidents/:id/review/analyses/:method/promote', {
    schema: {
      tags: ['analyses'],
      summary: 'Turn a five-whys answer, fishbone cause or fault-tree event into a contributing factor',
      params: MethodParams,
      body: PromoteRequest,
      response: { 201: z.object({ factor: ContributingFactor, review: ReviewView }), ...errors },
    },
    handler: async (request, reply) => {
      const { id, method } = params(request);
      const result = await analyses.promote(actorOf(request), id, method, request.body);
      setEtag(reply, result.review.version);
      return reply.status(201).send(result);
    },
  });

  app.get('/api/v1/incidents/:id/timeline-analysis', {
    schema: {
      tags: ['analyses'],
      summary:
        'Timeline analysis: phase durations, gaps longer than the threshold, events per source, milestone findings',
      params: IdParams,
      querystring: TimelineAnalysisQuery,
      response: { 200: z.record(z.string(), z.unknown()), ...errors },
    },
    handler: (request) =>
      analyses.timeline(actorOf(request), (request.params as { id: string }).id, request.query),
  });
}
