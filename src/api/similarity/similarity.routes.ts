import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IncidentId } from '../../core/incidents/incident.schema.js';
import { RecurrenceDecisionInput, RecurrenceLink } from '../../core/similarity/recurrence.js';
import { SimilarQuery, type SimilarityService } from '../../core/similarity/similarity.service.js';
import { ErrorBody } from '../errors.js';
import { actorOf } from '../request-actor.js';

const IdParams = z.object({ id: IncidentId });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

const SimilarIncidentView = z.object({
  incident_id: z.string(),
  title: z.string(),
  occurred_at: z.string(),
  score: z.number(),
  components: z.object({ text: z.number(), services: z.number(), factors: z.number() }),
  explanation: z.object({
    shared_terms: z.array(z.string()),
    shared_services: z.array(z.string()),
    shared_factor_categories: z.array(z.string()),
  }),
  same_signature: z.boolean(),
  recurrence: z.enum(['confirmed', 'rejected']).nullable(),
  lessons: z.array(
    z.object({ lesson: z.string(), priority: z.string(), source: z.enum(['review', 'lessons_database']) }),
  ),
});
const SimilarResult = z.object({
  incident_id: z.string(),
  similar: z.array(SimilarIncidentView),
  same_signature: z.array(
    z.object({ incident_id: z.string(), signature: z.string(), occurred_at: z.string() }),
  ),
});

export function similarityRoutes(app: FastifyInstance, similarity: SimilarityService): void {
  app.get('/api/v1/incidents/:id/similar', {
    schema: {
      tags: ['incidents'],
      summary: 'Seen before: earlier incidents like this one, with scores, why, and their lessons',
      params: IdParams,
      querystring: SimilarQuery,
      response: { 200: SimilarResult, ...errors },
    },
    handler: (request) =>
      similarity.similar(actorOf(request), (request.params as { id: string }).id, request.query),
  });

  app.post('/api/v1/incidents/:id/recurrences', {
    schema: {
      tags: ['incidents'],
      summary: 'Confirm or reject that this incident recurs an earlier one (reviewers)',
      params: IdParams,
      body: RecurrenceDecisionInput,
      response: { 200: RecurrenceLink, ...errors },
    },
    handler: (request) =>
      similarity.decide(actorOf(request), (request.params as { id: string }).id, request.body),
  });
}
