import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { EvidencePinInput, EvidenceRecordsInput } from '../../core/evidence/evidence.inputs.js';
import type { EvidenceService } from '../../core/evidence/evidence.service.js';
import { EvidencePin } from '../../core/evidence/evidence.store.js';
import { Incident } from '../../core/incidents/incident.schema.js';
import { ErrorBody } from '../errors.js';
import { setEtag } from '../http-versions.js';
import { actorOf } from '../request-actor.js';
import {
  EvidenceListQueryDoc,
  EvidencePageView,
  EvidenceParams,
  IdParams,
  ImportResultView,
  MilestoneParams,
  MilestoneSuggestionsView,
} from './evidence.schema.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** Records posted as JSON can be large (a page of findings); 16 MiB, whatever the general limit. */
const IMPORT_BODY_LIMIT = 16 * 1024 * 1024;

type Params = { id: string; evidenceId: string; milestone: string };
const params = (request: { params: unknown }): Params => request.params as Params;

export function evidenceRoutes(app: FastifyInstance, evidence: EvidenceService): void {
  const base = '/api/v1/incidents/:id/evidence';

  app.get(base, {
    schema: {
      tags: ['evidence'],
      summary: 'Evidence of the incident, oldest first, with its provenance and pin (keyset-paged)',
      params: IdParams,
      querystring: EvidenceListQueryDoc,
      response: { 200: EvidencePageView, ...errors },
    },
    handler: (request) => evidence.list(actorOf(request), params(request).id, request.query),
  });

  app.post(base, {
    bodyLimit: IMPORT_BODY_LIMIT,
    schema: {
      tags: ['evidence'],
      summary: 'Import records in their AWS shapes (findings, Config, logs, CloudTrail); all or nothing',
      params: IdParams,
      body: EvidenceRecordsInput,
      response: { 200: ImportResultView, ...errors },
    },
    handler: (request) => evidence.importRecords(actorOf(request), params(request).id, request.body),
  });

  app.put(`${base}/:evidenceId/pin`, {
    schema: {
      tags: ['evidence'],
      summary: 'Pin evidence onto the incident timeline (pinning again replaces the note and event link)',
      params: EvidenceParams,
      body: EvidencePinInput,
      response: { 200: EvidencePin, ...errors },
    },
    handler: (request) => {
      const { id, evidenceId } = params(request);
      return evidence.pin(actorOf(request), id, evidenceId, request.body);
    },
  });

  app.delete(`${base}/:evidenceId/pin`, {
    schema: {
      tags: ['evidence'],
      summary: 'Unpin evidence from the incident timeline',
      params: EvidenceParams,
      response: { 204: z.null(), ...errors },
    },
    handler: async (request, reply) => {
      const { id, evidenceId } = params(request);
      await evidence.unpin(actorOf(request), id, evidenceId);
      return reply.status(204).send();
    },
  });

  app.get(`${base}/milestones`, {
    schema: {
      tags: ['evidence'],
      summary: 'Milestone times the evidence suggests (first indicator, detected, contained), with reasons',
      params: IdParams,
      response: { 200: MilestoneSuggestionsView, ...errors },
    },
    handler: (request) => evidence.milestones(actorOf(request), params(request).id),
  });

  app.post(`${base}/milestones/:milestone/accept`, {
    schema: {
      tags: ['evidence'],
      summary: "Set the incident's milestone to the suggested time (causal order enforced)",
      params: MilestoneParams,
      response: { 200: Incident, ...errors },
    },
    handler: async (request, reply) => {
      const { id, milestone } = params(request);
      const incident = await evidence.accept(actorOf(request), id, milestone);
      setEtag(reply, incident.version);
      return incident;
    },
  });
}
