import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  FeedbackInput,
  FeedbackRequestView,
  FeedbackStatus,
  FeedbackSummary,
} from '../../core/feedback/feedback.schema.js';
import type { FeedbackService } from '../../core/feedback/feedback.service.js';
import { IncidentId } from '../../core/incidents/incident.schema.js';
import { ErrorBody } from '../errors.js';
import { actorOf } from '../request-actor.js';

const IdParams = z.object({ id: IncidentId });
const TokenParams = z.object({ token: z.string().min(1).max(200) });
const Submitted = z.object({ incident_id: z.string() });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const idOf = (request: FastifyRequest): string => (request.params as { id: string }).id;
const tokenOf = (request: FastifyRequest): string => (request.params as { token: string }).token;

/**
 * Participant feedback: signed in under the incident, or through the single-use link of a feedback
 * request (`/api/v1/feedback/{token}`, no account needed: the token is the credential).
 */
export function feedbackRoutes(app: FastifyInstance, feedback: FeedbackService): void {
  app.post('/api/v1/incidents/:id/feedback', {
    schema: {
      tags: ['feedback'],
      summary:
        'Give feedback as a participant (ratings 1–10, what went well / to improve; optionally anonymous)',
      params: IdParams,
      body: FeedbackInput,
      response: { 201: Submitted, ...errors },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await feedback.submit(actorOf(request), idOf(request), request.body)),
  });

  app.get('/api/v1/incidents/:id/feedback/summary', {
    schema: {
      tags: ['feedback'],
      summary: 'Feedback summary: mean ratings and answers, without identities',
      params: IdParams,
      response: { 200: FeedbackSummary, ...errors },
    },
    handler: (request) => feedback.summary(actorOf(request), idOf(request)),
  });

  app.get('/api/v1/incidents/:id/review/feedback', {
    schema: {
      tags: ['feedback'],
      summary: 'Who was asked for feedback on the review and who answered',
      params: IdParams,
      response: { 200: FeedbackStatus, ...errors },
    },
    handler: (request) => feedback.status(actorOf(request), idOf(request)),
  });

  app.get('/api/v1/feedback/:token', {
    schema: {
      tags: ['feedback'],
      summary: 'The feedback request behind a link (no account needed)',
      security: [],
      params: TokenParams,
      response: { 200: FeedbackRequestView, ...errors },
    },
    handler: (request) => feedback.viewRequest(tokenOf(request)),
  });

  app.post('/api/v1/feedback/:token', {
    schema: {
      tags: ['feedback'],
      summary: 'Answer a feedback request through its link; each link works once',
      security: [],
      params: TokenParams,
      body: FeedbackInput,
      response: { 201: Submitted, ...errors },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await feedback.submitWithToken(tokenOf(request), request.body)),
  });
}
