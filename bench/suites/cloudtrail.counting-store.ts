import type {
  EvidenceFileMeta,
  EvidenceStore,
  ImportOutcome,
} from '../../src/core/evidence/evidence.store.js';
import type { EvidenceItem } from '../../src/core/evidence/evidence.schema.js';

/**
 * An EvidenceStore that counts and drops what it is given, so the benchmark measures reading, parsing
 * and normalising (the part the goal compares with JSON.parse), not a database write.
 */
export function countingEvidenceStore(): EvidenceStore & { count: number } {
  const store = {
    count: 0,
    importBatch(_incidentId: string, items: readonly EvidenceItem[]): Promise<ImportOutcome> {
      store.count += items.length;
      return Promise.resolve({ inserted: items.length, duplicates: 0 });
    },
    async importFile(_file: EvidenceFileMeta, items: AsyncIterable<EvidenceItem>): Promise<ImportOutcome> {
      let n = 0;
      for await (const _item of items) n++;
      store.count += n;
      return { inserted: n, duplicates: 0 };
    },
    list: () => Promise.reject(new Error('the counting store keeps nothing to list')),
    existingIds: () => Promise.reject(new Error('the counting store keeps nothing to look up')),
    cited: () => Promise.reject(new Error('the counting store keeps nothing to cite')),
    pin: () => Promise.reject(new Error('the counting store keeps nothing to pin')),
    unpin: () => Promise.reject(new Error('the counting store keeps nothing to unpin')),
  };
  return store;
}
