import type { EvidenceItem, Provenance } from './evidence.schema.js';
import type { ImportOutcome } from './evidence.store.js';

/** At most this many distinct provenances are named in one audit record. */
const MAX_PROVENANCES = 5;

/** A provenance without the per-record position, so one file or one API call reads as one entry. */
function sourceOf(provenance: Provenance): Omit<Provenance, 'position'> {
  const { position: _position, ...rest } = provenance;
  return rest;
}

/**
 * What an import's audit record keeps: counts and where the records came from, never the records
 * themselves (they may be large and the evidence table already holds them).
 */
export function importAuditOf(
  items: readonly EvidenceItem[],
  outcome: ImportOutcome,
): Record<string, unknown> {
  const distinct = new Map<string, Omit<Provenance, 'position'>>();
  const sources = new Set<string>();
  for (const item of items) {
    sources.add(item.source);
    if (distinct.size >= MAX_PROVENANCES) continue;
    const provenance = sourceOf(item.provenance);
    distinct.set(JSON.stringify(provenance), provenance);
  }
  return {
    sources: [...sources].sort(),
    records: items.length,
    ...outcome,
    provenance: [...distinct.values()],
  };
}
