import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IncidentId } from '../../core/incidents/incident.schema.js';
import type { ReviewService } from '../../core/reviews/review.service.js';
import { Review, ReviewDocument } from '../../core/reviews/review.schema.js';
import { ErrorBody } from '../errors.js';
import { expectedVersion, setEtag } from '../http-versions.js';
import { actorOf } from '../request-actor.js';

const IdParams = z.object({ id: IncidentId });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export function reviewRoutes(app: FastifyInstance, reviews: ReviewService): void {
  app.get('/api/v1/incidents/:id/review', {
    schema: {
      tags: ['reviews'],
      summary: 'Get the post-incident review of an incident (404 until it is written)',
      params: IdParams,
      response: { 200: Review, ...errors },
    },
    handler: async (request, reply) => {
      const review = await reviews.get(actorOf(request), (request.params as { id: string }).id);
      setEtag(reply, review.version);
      return review;
    },
  });

  app.put('/api/v1/incidents/:id/review', {
    schema: {
      tags: ['reviews'],
      summary: 'Write the whole review (creates it on first write; send If-Match to update)',
      params: IdParams,
      body: ReviewDocument,
      response: { 200: Review, 201: Review, ...errors },
    },
    handler: async (request, reply) => {
      const id = (request.params as { id: string }).id;
      const { review, created } = await reviews.put(
        actorOf(request),
        id,
        request.body,
        expectedVersion(request),
      );
      setEtag(reply, review.version);
      return reply.status(created ? 201 : 200).send(review);
    },
  });
}
