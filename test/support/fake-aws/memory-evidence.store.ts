import {
  compareEvidence,
  evidenceKey,
  type EvidenceItem,
} from '../../../src/core/evidence/evidence.schema.js';
import type {
  EvidenceFileMeta,
  EvidenceFilter,
  EvidencePage,
  EvidencePin,
  EvidenceStore,
  ImportOutcome,
  ListedEvidence,
} from '../../../src/core/evidence/evidence.store.js';

/**
 * An EvidenceStore kept in memory, for tests only (the real one is storage's). Imports are staged and
 * committed only when the whole call succeeds, so tests can check the all-or-nothing contract.
 */
export class MemoryEvidenceStore implements EvidenceStore {
  readonly items = new Map<string, EvidenceItem>();
  readonly pins = new Map<string, EvidencePin>();
  readonly files: EvidenceFileMeta[] = [];
  batches = 0;
  private nextId = 1;

  existingIds(incidentIds: readonly string[], evidenceIds: readonly string[]): Promise<Set<string>> {
    const wanted = new Set(evidenceIds);
    const found = [...this.items.values()]
      .filter((item) => wanted.has(item.id ?? '') && incidentIds.includes(item.incident_id))
      .map((item) => item.id ?? '');
    return Promise.resolve(new Set(found));
  }

  /** Visibility is storage's rule; this store keeps evidence of incidents every test actor may see. */
  cited(incidentIds: readonly string[], evidenceIds: readonly string[]): Promise<ListedEvidence[]> {
    const wanted = new Set(evidenceIds);
    return Promise.resolve(
      [...this.items.values()]
        .filter((item) => wanted.has(item.id ?? '') && incidentIds.includes(item.incident_id))
        .sort(compareEvidence)
        .map((item) => {
          const pin = this.pins.get(`${item.incident_id}/${item.id ?? ''}`);
          return { ...item, id: item.id ?? '', pinned: pin ?? null };
        }),
    );
  }

  importBatch(incidentId: string, items: readonly EvidenceItem[]): Promise<ImportOutcome> {
    this.batches++;
    return Promise.resolve(this.commit(incidentId, items));
  }

  async importFile(file: EvidenceFileMeta, items: AsyncIterable<EvidenceItem>): Promise<ImportOutcome> {
    const staged: EvidenceItem[] = [];
    for await (const item of items) staged.push(item);
    this.files.push(file);
    return this.commit(file.incident_id, staged);
  }

  list(incidentId: string, filter: EvidenceFilter = {}): Promise<EvidencePage> {
    const all = [...this.items.values()]
      .filter((item) => item.incident_id === incidentId)
      .filter((item) => filter.source === undefined || item.source === filter.source)
      .filter((item) => filter.kind === undefined || item.kind === filter.kind)
      .sort(compareEvidence)
      .map((item) => {
        const pin = this.pins.get(`${incidentId}/${item.id ?? ''}`);
        return { ...item, id: item.id ?? '', pinned: pin ?? null };
      });
    return Promise.resolve({ items: all.slice(0, filter.limit ?? 100), next_cursor: null });
  }

  pin(pin: EvidencePin): Promise<EvidencePin> {
    this.pins.set(`${pin.incident_id}/${pin.evidence_id}`, pin);
    return Promise.resolve(pin);
  }

  unpin(incidentId: string, evidenceId: string): Promise<boolean> {
    return Promise.resolve(this.pins.delete(`${incidentId}/${evidenceId}`));
  }

  private commit(incidentId: string, items: readonly EvidenceItem[]): ImportOutcome {
    const staged = new Map<string, EvidenceItem>();
    let duplicates = 0;
    for (const item of items) {
      if (item.incident_id !== incidentId)
        throw new Error(`item of ${item.incident_id} in batch for ${incidentId}`);
      const key = `${incidentId}/${evidenceKey(item)}`;
      if (this.items.has(key) || staged.has(key)) duplicates++;
      else staged.set(key, { ...item, id: `ev-${this.nextId++}` });
    }
    for (const [key, item] of staged) this.items.set(key, item);
    return { inserted: staged.size, duplicates };
  }
}
