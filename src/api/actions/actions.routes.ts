import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ActionListQuery } from '../../core/actions/action.ports.js';
import { ActionCreate, ActionId, ActionPatch, VerificationInput } from '../../core/actions/action.schema.js';
import { ProgressInput, StatusInput, type ActionService } from '../../core/actions/action.service.js';
import { ActionView } from '../../core/actions/action.view.js';
import { ErrorBody } from '../errors.js';
import { expectedVersion, setEtag } from '../http-versions.js';
import { actorOf } from '../request-actor.js';
import { actionReportRoutes } from './actions-report.routes.js';

const IdParams = z.object({ id: ActionId });
const ActionPage = z.object({
  items: z.array(ActionView),
  total: z.number(),
  limit: z.number(),
  offset: z.number(),
});
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const idOf = (request: FastifyRequest): string => (request.params as { id: string }).id;

/** Improvement actions: list, create, read, edit (If-Match), progress, status and verification. */
export function actionRoutes(app: FastifyInstance, actions: ActionService): void {
  actionReportRoutes(app, actions);

  app.get('/api/v1/actions', {
    schema: {
      tags: ['actions'],
      summary: 'List actions (filters: owner, team, status, priority, type, category, incident, overdue)',
      querystring: ActionListQuery,
      response: { 200: ActionPage, ...errors },
    },
    handler: (request) => actions.list(actorOf(request), request.query),
  });

  app.post('/api/v1/actions', {
    schema: {
      tags: ['actions'],
      summary: 'Create an action; its owner is notified',
      body: ActionCreate,
      response: { 201: ActionView, ...errors },
    },
    handler: async (request, reply) => {
      const action = await actions.create(actorOf(request), request.body);
      setEtag(reply, action.version);
      return reply.status(201).header('location', `/api/v1/actions/${action.id}`).send(action);
    },
  });

  app.get('/api/v1/actions/:id', {
    schema: {
      tags: ['actions'],
      summary: 'Get an action with its history and verification',
      params: IdParams,
      response: { 200: ActionView, ...errors },
    },
    handler: async (request, reply) => {
      const action = await actions.get(actorOf(request), idOf(request));
      setEtag(reply, action.version);
      return action;
    },
  });

  app.patch('/api/v1/actions/:id', {
    schema: {
      tags: ['actions'],
      summary: 'Edit an action (send If-Match with the ETag you read); a new owner is notified',
      params: IdParams,
      body: ActionPatch,
      response: { 200: ActionView, ...errors },
    },
    handler: async (request, reply) => {
      const action = await actions.update(
        actorOf(request),
        idOf(request),
        request.body,
        expectedVersion(request),
      );
      setEtag(reply, action.version);
      return action;
    },
  });

  const lifecycle = [
    ['progress', ProgressInput, 'Record progress 0–100 with a note; 100 completes the action'],
    ['status', StatusInput, "Change the status (blocked, completed, won't do with a reason, reopen)"],
    ['verify', VerificationInput, 'Verify a completed action with evidence (reviewer; not the owner)'],
  ] as const;
  for (const [step, body, summary] of lifecycle) {
    app.post(`/api/v1/actions/:id/${step}`, {
      schema: {
        tags: ['actions'],
        summary,
        params: IdParams,
        body,
        response: { 200: ActionView, ...errors },
      },
      handler: async (request, reply) => {
        const actor = actorOf(request);
        const version = expectedVersion(request);
        const action =
          step === 'progress'
            ? await actions.progress(actor, idOf(request), request.body, version)
            : step === 'status'
              ? await actions.setStatus(actor, idOf(request), request.body, version)
              : await actions.verify(actor, idOf(request), request.body, version);
        setEtag(reply, action.version);
        return action;
      },
    });
  }
}
