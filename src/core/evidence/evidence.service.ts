import type { AuditLog } from '../audit/audit.ports.js';
import { authorize } from '../auth/policy.js';
import type { IncidentStore } from '../incidents/incident.ports.js';
import { applyIncidentPatch } from '../incidents/incident.rules.js';
import type { Incident } from '../incidents/incident.schema.js';
import type { Actor } from '../shared/actor.js';
import type { Clock } from '../shared/clock.js';
import { invalid, notFound } from '../shared/errors.js';
import { parseInput } from '../shared/validation.js';
import { importAuditOf } from './evidence.audit.js';
import {
  EvidenceListQuery,
  EvidencePinInput,
  EvidenceRecordsInput,
  SuggestedMilestone,
  type EvidenceNormaliser,
} from './evidence.inputs.js';
import { containmentReason, detectionReason, indicatorReason } from './evidence.milestones.rules.js';
import { suggestMilestones, type MilestoneSuggestions } from './evidence.milestones.js';
import type { EvidenceItem } from './evidence.schema.js';
import type {
  EvidenceFileMeta,
  EvidencePage,
  EvidencePin,
  EvidenceStore,
  ImportOutcome,
} from './evidence.store.js';

interface TransactionStores {
  evidence: EvidenceStore;
  incidents: IncidentStore;
  audit: AuditLog;
}

export interface EvidenceServiceDeps {
  evidence: EvidenceStore;
  incidents: IncidentStore;
  clock: Clock;
  normalise: EvidenceNormaliser;
  /** One transaction with stores bound to it; inside, use only those stores (SQLite has one connection). */
  transaction: <T>(work: (stores: TransactionStores) => Promise<T>) => Promise<T>;
}

/** Where imports write for one incident: each call is one transaction with its audit record. */
export type EvidenceSink = Pick<EvidenceStore, 'importBatch' | 'importFile'>;

/** Evidence pages read while collecting milestone evidence; only items a rule cites are kept. */
const SCAN_PAGE = 1000;

/**
 * Evidence of incidents: list, import (records, batches, streamed files), pin onto the timeline, and
 * milestone suggestions a reviewer accepts. Reading needs read access to the incident; writing needs
 * `evidence:write` and edit access (restricted incidents read as missing to those without need to know).
 */
export class EvidenceService {
  constructor(private readonly deps: EvidenceServiceDeps) {}

  async list(actor: Actor, incidentId: string, query: unknown): Promise<EvidencePage> {
    authorize(actor, 'incident:read');
    const filter = parseInput(EvidenceListQuery, query ?? {}, 'evidence query');
    await this.visibleIncident(this.deps.incidents, actor, incidentId);
    return this.deps.evidence.list(incidentId, filter, actor);
  }

  /** Normalises records posted in their AWS shapes and imports them, all or nothing. */
  async importRecords(
    actor: Actor,
    incidentId: string,
    input: unknown,
  ): Promise<ImportOutcome & { records: number }> {
    authorize(actor, 'evidence:write');
    const data = parseInput(EvidenceRecordsInput, input, 'evidence import');
    await this.visibleIncident(this.deps.incidents, actor, incidentId);
    const items = this.deps.normalise(data, {
      incidentId,
      provenance: {
        method: 'file',
        ...(data.file_name ? { file_path: data.file_name } : {}),
        ...(data.file_sha256 ? { file_sha256: data.file_sha256 } : {}),
        obtained_at: this.deps.clock.now().toISOString(),
        obtained_by: actor.id,
      },
    });
    const outcome = await (await this.sink(actor, incidentId)).importBatch(incidentId, items);
    return { records: items.length, ...outcome };
  }

  /**
   * A sink an importer (CloudTrail files, SDK fetchers) writes through for one incident, after the actor's
   * right to add evidence to it is checked. Each call is audited with counts and provenance.
   */
  async sink(actor: Actor, incidentId: string): Promise<EvidenceSink> {
    authorize(actor, 'evidence:write');
    await this.visibleIncident(this.deps.incidents, actor, incidentId);
    const audited = async (
      stores: TransactionStores,
      items: readonly EvidenceItem[],
      outcome: ImportOutcome,
      file?: { meta: EvidenceFileMeta; records: number },
    ): Promise<void> => {
      const after = {
        ...importAuditOf(items, outcome),
        ...(file
          ? {
              records: file.records,
              file: { path: file.meta.file_path, sha256: file.meta.file_sha256, size: file.meta.size_bytes },
            }
          : {}),
      };
      const entry = { entity_type: 'evidence' as const, entity_id: incidentId, action: 'import' };
      await stores.audit.append(actor, { ...entry, before: null, after }, this.now());
    };
    return {
      importBatch: (id, items) => {
        this.sameIncident(incidentId, id);
        return this.deps.transaction(async (stores) => {
          const outcome = await stores.evidence.importBatch(id, items);
          await audited(stores, items, outcome);
          return outcome;
        });
      },
      importFile: (file, items) => {
        this.sameIncident(incidentId, file.incident_id);
        return this.deps.transaction(async (stores) => {
          // Keep one item for the audit's provenance and count the rest, so memory stays bounded.
          const seen: EvidenceItem[] = [];
          let records = 0;
          async function* counted(): AsyncGenerator<EvidenceItem> {
            for await (const item of items) {
              if (seen.length === 0) seen.push(item);
              records++;
              yield item;
            }
          }
          const outcome = await stores.evidence.importFile(file, counted());
          await audited(stores, seen, outcome, { meta: file, records });
          return outcome;
        });
      },
    };
  }

  async pin(actor: Actor, incidentId: string, evidenceId: string, input: unknown): Promise<EvidencePin> {
    authorize(actor, 'evidence:write');
    const data = parseInput(EvidencePinInput, input ?? {}, 'evidence pin');
    return this.deps.transaction(async (stores) => {
      await this.visibleIncident(stores.incidents, actor, incidentId);
      const pin = await stores.evidence.pin({
        incident_id: incidentId,
        evidence_id: evidenceId,
        note: data.note ?? null,
        timeline_event_id: data.timeline_event_id ?? null,
        pinned_by: actor.id,
        pinned_at: this.now(),
      });
      const entry = { entity_type: 'evidence' as const, entity_id: incidentId, action: 'pin' };
      await stores.audit.append(actor, { ...entry, before: null, after: pin }, pin.pinned_at);
      return pin;
    });
  }

  async unpin(actor: Actor, incidentId: string, evidenceId: string): Promise<void> {
    authorize(actor, 'evidence:write');
    await this.deps.transaction(async (stores) => {
      await this.visibleIncident(stores.incidents, actor, incidentId);
      if (!(await stores.evidence.unpin(incidentId, evidenceId))) throw notFound('evidence_pin', evidenceId);
      const entry = { entity_type: 'evidence' as const, entity_id: incidentId, action: 'unpin' };
      await stores.audit.append(
        actor,
        { ...entry, before: { evidence_id: evidenceId }, after: null },
        this.now(),
      );
    });
  }

  /** Milestone times the incident's evidence suggests (first indicator, detected, contained). */
  async milestones(actor: Actor, incidentId: string): Promise<MilestoneSuggestions> {
    authorize(actor, 'incident:read');
    await this.visibleIncident(this.deps.incidents, actor, incidentId);
    return suggestMilestones(await this.citable(actor, incidentId));
  }

  /**
   * Sets the incident's milestone to the suggested time through the incident rules (causal order, edit
   * tracking), audited on the incident and as an accepted suggestion on its evidence.
   */
  async accept(actor: Actor, incidentId: string, milestone: unknown): Promise<Incident> {
    authorize(actor, 'incident:write');
    authorize(actor, 'evidence:write');
    const name = parseInput(SuggestedMilestone, milestone, 'milestone');
    const suggestion = (await this.milestones(actor, incidentId))[name];
    if (!suggestion) {
      throw invalid('no_milestone_suggestion', `the evidence of ${incidentId} suggests no ${name} time`, [
        { path: 'milestone', problem: `no evidence supports a ${name} time` },
      ]);
    }
    const now = this.now();
    return this.deps.transaction(async ({ incidents, audit }) => {
      const current = await this.visibleIncident(incidents, actor, incidentId);
      const patch = { timestamps: { [name]: suggestion.time } };
      const { changes, edits } = applyIncidentPatch(current, patch, actor, now);
      const updated = await incidents.update(incidentId, current.version, changes, edits, now);
      const { timestamp_edits: _before, ...before } = current;
      const { timestamp_edits: _after, ...after } = updated;
      const keyed = { entity_id: incidentId };
      await audit.append(actor, { entity_type: 'incident', ...keyed, action: 'update', before, after }, now);
      await audit.append(
        actor,
        {
          entity_type: 'evidence',
          ...keyed,
          action: 'accept_milestone',
          before: { [name]: current.timestamps[name] },
          after: suggestion,
        },
        now,
      );
      return updated;
    });
  }

  /** The evidence a milestone rule cites, read page by page so memory holds only those items. */
  private async citable(actor: Actor, incidentId: string): Promise<EvidenceItem[]> {
    const kept: EvidenceItem[] = [];
    let cursor: string | undefined;
    do {
      const filter = { limit: SCAN_PAGE, ...(cursor ? { cursor } : {}) };
      const page = await this.deps.evidence.list(incidentId, filter, actor);
      for (const { pinned: _pinned, ...item } of page.items) {
        if (indicatorReason(item) ?? detectionReason(item) ?? containmentReason(item)) kept.push(item);
      }
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    return kept;
  }

  private async visibleIncident(incidents: IncidentStore, actor: Actor, id: string): Promise<Incident> {
    const incident = await incidents.findById(id, actor);
    if (!incident) throw notFound('incident', id);
    return incident;
  }

  private sameIncident(expected: string, given: string): void {
    if (expected !== given) {
      throw invalid('evidence_incident_mismatch', `an import for ${expected} was given ${given}`);
    }
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}
