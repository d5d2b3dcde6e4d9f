import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { AuditLog } from '../audit/audit.ports.js';
import { authorize } from '../auth/policy.js';
import type { IncidentStore } from '../incidents/incident.ports.js';
import type { Actor } from '../shared/actor.js';
import type { Clock } from '../shared/clock.js';
import { conflict, forbidden, invalid, notFound } from '../shared/errors.js';
import { parseInput } from '../shared/validation.js';
import {
  RedactedLessonInput,
  type PublicRedactedLesson,
  type RedactedLesson,
  type RedactedLessonStore,
} from './redacted-lesson.js';

const ListQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export interface RedactedLessonServiceDeps {
  redacted: RedactedLessonStore;
  incidents: IncidentStore;
  clock: Clock;
  transaction: <T>(
    work: (stores: {
      redacted: RedactedLessonStore;
      incidents: IncidentStore;
      audit: AuditLog;
    }) => Promise<T>,
  ) => Promise<T>;
}

/**
 * Redacted lessons let the organisation learn from a restricted incident without seeing it: someone who
 * may read the incident writes the lesson, a different reviewer approves it, then everyone can find it.
 */
export class RedactedLessonService {
  constructor(private readonly deps: RedactedLessonServiceDeps) {}

  async submit(actor: Actor, incidentId: string, input: unknown): Promise<RedactedLesson> {
    authorize(actor, 'lesson:write');
    const data = parseInput(RedactedLessonInput, input, 'redacted lesson');
    const at = this.deps.clock.now().toISOString();
    return this.deps.transaction(async ({ redacted, incidents, audit }) => {
      const incident = await incidents.findById(incidentId, actor);
      if (!incident) throw notFound('incident', incidentId);
      if (!incident.restricted) {
        throw invalid(
          'incident_not_restricted',
          `${incidentId} is not restricted; its lessons are already visible to everyone`,
        );
      }
      const before = await redacted.findByIncident(incidentId);
      const lesson: RedactedLesson = {
        ...data,
        public_id: before?.public_id ?? `LSN-${randomBytes(5).toString('hex').toUpperCase()}`,
        status: 'pending_review',
        submitted_by: actor.id,
        submitted_at: at,
        approved_by: null,
        approved_at: null,
      };
      await redacted.save(incidentId, lesson);
      await audit.append(
        actor,
        { entity_type: 'redacted_lesson', entity_id: incidentId, action: 'submit', before, after: lesson },
        at,
      );
      return lesson;
    });
  }

  async approve(actor: Actor, incidentId: string): Promise<RedactedLesson> {
    authorize(actor, 'lesson:approve_redaction');
    const at = this.deps.clock.now().toISOString();
    return this.deps.transaction(async ({ redacted, incidents, audit }) => {
      if (!(await incidents.findById(incidentId, actor))) throw notFound('incident', incidentId);
      const lesson = await redacted.findByIncident(incidentId);
      if (!lesson) throw notFound('redacted_lesson', incidentId);
      if (lesson.status === 'approved')
        throw conflict('already_approved', 'this redacted lesson is already approved');
      if (lesson.submitted_by === actor.id) {
        throw forbidden(
          'self_approval_forbidden',
          'a redacted lesson must be approved by someone other than its author',
        );
      }
      await redacted.approve(incidentId, actor.id, at);
      const after: RedactedLesson = { ...lesson, status: 'approved', approved_by: actor.id, approved_at: at };
      await audit.append(
        actor,
        { entity_type: 'redacted_lesson', entity_id: incidentId, action: 'approve', before: lesson, after },
        at,
      );
      return after;
    });
  }

  async get(actor: Actor, incidentId: string): Promise<RedactedLesson> {
    authorize(actor, 'incident:read');
    if (!(await this.deps.incidents.findById(incidentId, actor))) throw notFound('incident', incidentId);
    const lesson = await this.deps.redacted.findByIncident(incidentId);
    if (!lesson) throw notFound('redacted_lesson', incidentId);
    return lesson;
  }

  /** Approved redacted lessons, for every reader. */
  async list(actor: Actor, query: unknown): Promise<{ items: PublicRedactedLesson[]; total: number }> {
    authorize(actor, 'incident:read');
    return this.deps.redacted.listApproved(parseInput(ListQuery, query, 'redacted lesson query'));
  }
}
