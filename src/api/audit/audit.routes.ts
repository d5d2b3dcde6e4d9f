import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AuditEntityType, AuditRecord } from '../../core/audit/audit.schema.js';
import type { AuditService } from '../../core/audit/audit.service.js';
import { ErrorBody } from '../errors.js';
import { actorOf } from '../request-actor.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export function auditRoutes(app: FastifyInstance, audit: AuditService): void {
  app.get('/api/v1/audit/:entityType/:entityId', {
    schema: {
      tags: ['audit'],
      summary: 'History of one entity (for those who may read it)',
      params: z.object({ entityType: AuditEntityType, entityId: z.string() }),
      response: { 200: z.array(AuditRecord), ...errors },
    },
    handler: (request) => {
      const { entityType, entityId } = request.params as { entityType: string; entityId: string };
      return audit.history(actorOf(request), entityType, entityId);
    },
  });

  app.post('/api/v1/audit/verify', {
    schema: {
      tags: ['audit'],
      summary: 'Recompute the hash chain (admin); names the first broken record',
      response: {
        200: z.object({
          verified: z.number(),
          broken: z.object({ seq: z.number(), id: z.string(), reason: z.string() }).nullable(),
        }),
        ...errors,
      },
    },
    handler: (request) => audit.verify(actorOf(request)),
  });
}
