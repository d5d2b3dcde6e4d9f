import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IncidentId } from '../../core/incidents/incident.schema.js';
import type { LessonService } from '../../core/lessons/lesson.service.js';
import { LessonListQuery, LessonRecord } from '../../core/lessons/lesson-record.schema.js';
import { ErrorBody } from '../errors.js';
import { setEtag } from '../http-versions.js';
import { actorOf } from '../request-actor.js';

const StoredLesson = z.object({ record: LessonRecord, version: z.number(), updated_at: z.string() });
const LessonPage = z.object({
  items: z.array(StoredLesson),
  total: z.number(),
  limit: z.number(),
  offset: z.number(),
});
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export function lessonRoutes(app: FastifyInstance, lessons: LessonService): void {
  app.get('/api/v1/lessons', {
    schema: {
      tags: ['lessons'],
      summary: 'Search the lessons-learned repository',
      querystring: LessonListQuery,
      response: { 200: LessonPage, ...errors },
    },
    handler: (request) => lessons.list(actorOf(request), request.query),
  });

  app.get('/api/v1/lessons/:id', {
    schema: {
      tags: ['lessons'],
      summary: 'Get the lessons-learned record of an incident (SEC10-BP08 Step 3 shape)',
      params: z.object({ id: IncidentId }),
      response: { 200: StoredLesson, ...errors },
    },
    handler: async (request, reply) => {
      const found = await lessons.get(actorOf(request), (request.params as { id: string }).id);
      setEtag(reply, found.version);
      return found;
    },
  });
}
