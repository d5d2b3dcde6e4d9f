import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { IncidentService } from '../../core/incidents/incident.service.js';
import {
  Incident,
  IncidentCreate,
  IncidentId,
  IncidentListQuery,
  IncidentPatch,
} from '../../core/incidents/incident.schema.js';
import { ErrorBody } from '../errors.js';
import { expectedVersion, setEtag } from '../http-versions.js';
import { actorOf } from '../request-actor.js';

const IdParams = z.object({ id: IncidentId });
const IncidentPage = z.object({
  items: z.array(Incident),
  total: z.number(),
  limit: z.number(),
  offset: z.number(),
});
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export function incidentRoutes(app: FastifyInstance, incidents: IncidentService): void {
  app.post('/api/v1/incidents', {
    schema: {
      tags: ['incidents'],
      summary: 'Declare an incident',
      body: IncidentCreate,
      response: { 201: Incident, ...errors },
    },
    handler: async (request, reply) => {
      const incident = await incidents.create(actorOf(request), request.body);
      setEtag(reply, incident.version);
      return reply.status(201).header('location', `/api/v1/incidents/${incident.id}`).send(incident);
    },
  });

  app.get('/api/v1/incidents', {
    schema: {
      tags: ['incidents'],
      summary: 'List incidents',
      querystring: IncidentListQuery,
      response: { 200: IncidentPage, ...errors },
    },
    handler: (request) => incidents.list(actorOf(request), request.query),
  });

  app.get('/api/v1/incidents/:id', {
    schema: {
      tags: ['incidents'],
      summary: 'Get an incident',
      params: IdParams,
      response: { 200: Incident, ...errors },
    },
    handler: async (request, reply) => {
      const incident = await incidents.get(actorOf(request), (request.params as { id: string }).id);
      setEtag(reply, incident.version);
      return incident;
    },
  });

  app.patch('/api/v1/incidents/:id', {
    schema: {
      tags: ['incidents'],
      summary: 'Edit an incident (send If-Match with the ETag you read)',
      params: IdParams,
      body: IncidentPatch,
      response: { 200: Incident, ...errors },
    },
    handler: async (request, reply) => {
      const id = (request.params as { id: string }).id;
      const incident = await incidents.update(actorOf(request), id, request.body, expectedVersion(request));
      setEtag(reply, incident.version);
      return incident;
    },
  });

  app.get('/api/v1/incidents/:id/members', {
    schema: {
      tags: ['incidents'],
      summary: 'Users with need-to-know access',
      params: IdParams,
      response: { 200: z.array(z.string()), ...errors },
    },
    handler: (request) => incidents.members(actorOf(request), (request.params as { id: string }).id),
  });

  app.post('/api/v1/incidents/:id/members', {
    schema: {
      tags: ['incidents'],
      summary: 'Give a user need-to-know access to the incident',
      params: IdParams,
      body: z.strictObject({ username: z.string() }),
      response: { 200: z.array(z.string()), ...errors },
    },
    handler: (request) =>
      incidents.addMember(
        actorOf(request),
        (request.params as { id: string }).id,
        (request.body as { username?: unknown } | null)?.username,
      ),
  });
}
