import type { AuditLog } from '../audit/audit.ports.js';
import type { CredentialStore } from '../auth/auth.ports.js';
import { authorize } from '../auth/policy.js';
import { z } from 'zod';
import type { Actor } from '../shared/actor.js';
import type { Clock } from '../shared/clock.js';
import { conflict, notFound } from '../shared/errors.js';
import type { Page } from '../shared/ports.js';
import { parseInput } from '../shared/validation.js';
import type { IncidentStore } from './incident.ports.js';
import { applyIncidentPatch, initialMilestones } from './incident.rules.js';
import { IncidentCreate, IncidentListQuery, IncidentPatch, type Incident } from './incident.schema.js';

export interface IncidentServiceDeps {
  incidents: IncidentStore;
  clock: Clock;
  /** Runs the work in one transaction with a store bound to it (the audit trail hooks in here). */
  /**
   * Runs the work in one transaction with stores bound to it. Inside, use only those stores: the embedded
   * store has one connection, so a query outside the transaction would wait for it forever.
   */
  transaction: <T>(
    work: (stores: {
      incidents: IncidentStore;
      audit: AuditLog;
      credentials: Pick<CredentialStore, 'findUserByUsername'>;
    }) => Promise<T>,
  ) => Promise<T>;
}

/** Declares, reads and edits incidents. Every call takes the acting user. */
export class IncidentService {
  constructor(private readonly deps: IncidentServiceDeps) {}

  async create(actor: Actor, input: unknown): Promise<Incident> {
    authorize(actor, 'incident:write');
    const data = parseInput(IncidentCreate, input, 'incident');
    const now = this.deps.clock.now().toISOString();
    const timestamps = initialMilestones(data.timestamps, data.status, now);
    return this.deps.transaction(async ({ incidents, audit }) => {
      const incident = await incidents.insert({ ...data, timestamps, created_by: actor.id, created_at: now });
      await audit.append(
        actor,
        { entity_type: 'incident', entity_id: incident.id, action: 'create', before: null, after: incident },
        now,
      );
      return incident;
    });
  }

  async get(actor: Actor, id: string): Promise<Incident> {
    authorize(actor, 'incident:read');
    const incident = await this.deps.incidents.findById(id, actor);
    if (!incident) throw notFound('incident', id);
    return incident;
  }

  async list(actor: Actor, query: unknown): Promise<Page<Incident>> {
    authorize(actor, 'incident:read');
    return this.deps.incidents.list(parseInput(IncidentListQuery, query, 'incident query'), actor);
  }

  /**
   * Edits an incident. With `expectedVersion` (the ETag the caller read) a concurrent edit is refused with
   * `version_conflict` instead of being overwritten.
   */
  async update(actor: Actor, id: string, input: unknown, expectedVersion?: number): Promise<Incident> {
    authorize(actor, 'incident:write');
    const patch = parseInput(IncidentPatch, input, 'incident patch');
    const now = this.deps.clock.now().toISOString();
    return this.deps.transaction(async ({ incidents, audit }) => {
      const current = await incidents.findById(id, actor);
      if (!current) throw notFound('incident', id);
      if (expectedVersion !== undefined && expectedVersion !== current.version) {
        throw conflict(
          'version_conflict',
          `incident ${id} was changed by someone else (you had version ${expectedVersion}, it is now ${current.version}); reload and retry`,
        );
      }
      const { changes, edits } = applyIncidentPatch(current, patch, actor, now);
      const updated = await incidents.update(id, current.version, changes, edits, now);
      const { timestamp_edits: _before, ...before } = current;
      const { timestamp_edits: _after, ...after } = updated;
      await audit.append(
        actor,
        { entity_type: 'incident', entity_id: id, action: 'update', before, after },
        now,
      );
      return updated;
    });
  }

  /** Gives a user need-to-know access to an incident (what makes a restricted incident visible to them). */
  async addMember(actor: Actor, id: string, username: unknown): Promise<string[]> {
    authorize(actor, 'incident:write');
    const name = parseInput(z.string().min(1).max(64), username, 'username');
    const now = this.deps.clock.now().toISOString();
    return this.deps.transaction(async ({ incidents, audit, credentials }) => {
      if (!(await incidents.findById(id, actor))) throw notFound('incident', id);
      const user = await credentials.findUserByUsername(name);
      if (!user) throw notFound('user', name);
      const before = await incidents.listMembers(id);
      if (await incidents.addMember(id, user.id)) {
        const after = await incidents.listMembers(id);
        await audit.append(
          actor,
          {
            entity_type: 'incident',
            entity_id: id,
            action: 'add_member',
            before: { members: before },
            after: { members: after },
          },
          now,
        );
        return after;
      }
      return before;
    });
  }

  async members(actor: Actor, id: string): Promise<string[]> {
    await this.get(actor, id);
    return this.deps.incidents.listMembers(id);
  }
}
