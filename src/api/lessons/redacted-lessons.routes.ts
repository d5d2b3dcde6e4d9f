import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IncidentId } from '../../core/incidents/incident.schema.js';
import { RedactedLessonInput } from '../../core/lessons/redacted-lesson.js';
import type { RedactedLessonService } from '../../core/lessons/redacted-lesson.service.js';
import { ErrorBody } from '../errors.js';
import { actorOf } from '../request-actor.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const IdParams = z.object({ id: IncidentId });
const id = (params: unknown) => (params as { id: string }).id;

export function redactedLessonRoutes(app: FastifyInstance, redacted: RedactedLessonService): void {
  app.get('/api/v1/redacted-lessons', {
    schema: {
      tags: ['lessons'],
      summary: 'Approved redacted lessons of restricted incidents (readable by everyone)',
      querystring: z.object({
        q: z.string().optional(),
        limit: z.number().optional(),
        offset: z.number().optional(),
      }),
      response: errors,
    },
    handler: (request) => redacted.list(actorOf(request), request.query),
  });
  app.get('/api/v1/incidents/:id/redacted-lesson', {
    schema: {
      tags: ['lessons'],
      summary: 'The redacted lesson of a restricted incident (for its readers)',
      params: IdParams,
      response: errors,
    },
    handler: (request) => redacted.get(actorOf(request), id(request.params)),
  });
  app.put('/api/v1/incidents/:id/redacted-lesson', {
    schema: {
      tags: ['lessons'],
      summary: 'Write the redacted lesson (goes to review)',
      params: IdParams,
      body: RedactedLessonInput,
      response: errors,
    },
    handler: (request) => redacted.submit(actorOf(request), id(request.params), request.body),
  });
  app.post('/api/v1/incidents/:id/redacted-lesson/approve', {
    schema: {
      tags: ['lessons'],
      summary: 'Approve a redacted lesson for everyone (reviewer, not its author)',
      params: IdParams,
      response: errors,
    },
    handler: (request) => redacted.approve(actorOf(request), id(request.params)),
  });
}
