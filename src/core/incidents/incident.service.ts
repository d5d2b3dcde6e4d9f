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
  transaction: <T>(work: (stores: { incidents: IncidentStore }) => Promise<T>) => Promise<T>;
}

/** Declares, reads and edits incidents. Every call takes the acting user. */
export class IncidentService {
  constructor(private readonly deps: IncidentServiceDeps) {}

  async create(actor: Actor, input: unknown): Promise<Incident> {
    const data = parseInput(IncidentCreate, input, 'incident');
    const now = this.deps.clock.now().toISOString();
    const timestamps = initialMilestones(data.timestamps, data.status, now);
    return this.deps.transaction(({ incidents }) =>
      incidents.insert({ ...data, timestamps, created_by: actor.id, created_at: now }),
    );
  }

  async get(actor: Actor, id: string): Promise<Incident> {
    const incident = await this.deps.incidents.findById(id, actor);
    if (!incident) throw notFound('incident', id);
    return incident;
  }

  async list(actor: Actor, query: unknown): Promise<Page<Incident>> {
    return this.deps.incidents.list(parseInput(IncidentListQuery, query, 'incident query'), actor);
  }

  /**
   * Edits an incident. With `expectedVersion` (the ETag the caller read) a concurrent edit is refused with
   * `version_conflict` instead of being overwritten.
   */
  async update(actor: Actor, id: string, input: unknown, expectedVersion?: number): Promise<Incident> {
    const patch = parseInput(IncidentPatch, input, 'incident patch');
    const now = this.deps.clock.now().toISOString();
    return this.deps.transaction(async ({ incidents }) => {
      const current = await incidents.findById(id, actor);
      if (!current) throw notFound('incident', id);
      if (expectedVersion !== undefined && expectedVersion !== current.version) {
        throw conflict(
          'version_conflict',
          `incident ${id} was changed by someone else (you had version ${expectedVersion}, it is now ${current.version}); reload and retry`,
        );
      }
      const { changes, edits } = applyIncidentPatch(current, patch, actor, now);
      return incidents.update(id, current.version, changes, edits, now);
    });
  }
}
