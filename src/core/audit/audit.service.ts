import { authorize } from '../auth/policy.js';
import type { IncidentStore } from '../incidents/incident.ports.js';
import type { Actor } from '../shared/actor.js';
import { notFound } from '../shared/errors.js';
import { parseInput } from '../shared/validation.js';
import { GENESIS_HASH, findChainBreak, type ChainBreak } from './audit.chain.js';
import type { AuditLog } from './audit.ports.js';
import { AuditEntityType, type AuditRecord } from './audit.schema.js';

export interface AuditServiceDeps {
  audit: AuditLog;
  incidents: IncidentStore;
}

/** Entities whose history follows the visibility of the incident they belong to. */
const INCIDENT_SCOPED = new Set<AuditEntityType>([
  'incident',
  'review',
  'analysis',
  'lesson',
  'action',
  'evidence',
]);

export class AuditService {
  constructor(private readonly deps: AuditServiceDeps) {}

  /**
   * The history of one entity, for those who may read the entity: incident-scoped records follow the
   * incident's visibility (pass the incident id); users, tokens and settings are admin-only.
   */
  async history(
    actor: Actor,
    entityType: unknown,
    entityId: string,
    incidentId?: string,
  ): Promise<AuditRecord[]> {
    const type = parseInput(AuditEntityType, entityType, 'entity type');
    authorize(actor, 'audit:read');
    if (INCIDENT_SCOPED.has(type)) {
      const scope = incidentId ?? entityId;
      if (!(await this.deps.incidents.findById(scope, actor))) throw notFound('incident', scope);
    } else {
      authorize(actor, 'user:manage');
    }
    return this.deps.audit.history(type, entityId);
  }

  /** Recomputes the whole chain; returns the first broken record, or null with the count verified. */
  async verify(actor: Actor): Promise<{ verified: number; broken: ChainBreak | null }> {
    authorize(actor, 'audit:verify');
    let previous = { seq: 0, hash: GENESIS_HASH };
    let verified = 0;
    for (;;) {
      const page = await this.deps.audit.scan(previous.seq, 1000);
      if (page.length === 0) return { verified, broken: await this.tailBreak(previous) };
      const broken = findChainBreak(page, previous);
      if (broken) return { verified: verified + page.findIndex((r) => r.seq === broken.seq), broken };
      verified += page.length;
      const last = page[page.length - 1];
      if (!last) return { verified, broken: null };
      previous = { seq: last.seq, hash: last.hash };
    }
  }

  private async tailBreak(last: { seq: number; hash: string }): Promise<ChainBreak | null> {
    const head = await this.deps.audit.head();
    if (head.seq === last.seq && head.hash === last.hash) return null;
    return {
      seq: last.seq + 1,
      id: '(missing)',
      reason: `the trail ends at record ${last.seq} but ${head.seq} were written (records were removed)`,
    };
  }
}
