import type { ActionStore } from '../actions/action.ports.js';
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
  actions: Pick<ActionStore, 'findById'>;
}

/**
 * Entities recorded under the id of the incident they belong to, so their history follows that
 * incident's visibility. Actions have ids of their own and follow the visibility of the incidents
 * they are linked to, resolved by the action store (the caller never says which incident: trusting
 * that would let anyone read the history of an action of a restricted incident).
 */
const KEYED_BY_INCIDENT = new Set<AuditEntityType>([
  'incident',
  'review',
  'analysis',
  'lesson',
  'redacted_lesson',
  'evidence',
]);

export class AuditService {
  constructor(private readonly deps: AuditServiceDeps) {}

  /**
   * The history of one entity, for those who may read the entity: incident data follows the incident's
   * visibility, an action that of its incidents; users, tokens, teams and settings are admin-only.
   * What the actor may not see is reported as not found, as on every other read path.
   */
  async history(actor: Actor, entityType: unknown, entityId: string): Promise<AuditRecord[]> {
    const type = parseInput(AuditEntityType, entityType, 'entity type');
    authorize(actor, 'audit:read');
    if (type === 'action') {
      if (!(await this.deps.actions.findById(entityId, actor))) throw notFound('action', entityId);
    } else if (KEYED_BY_INCIDENT.has(type)) {
      if (!(await this.deps.incidents.findById(entityId, actor))) throw notFound('incident', entityId);
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
