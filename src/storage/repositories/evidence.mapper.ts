import {
  EvidenceKind,
  EvidenceSource,
  Provenance,
  type EvidenceItem,
} from '../../core/evidence/evidence.schema.js';
import type { ListedEvidence } from '../../core/evidence/evidence.store.js';
import { Severity } from '../../core/shared/vocabulary.js';
import type { EvidenceItemsTable, EvidencePinsTable } from '../schema.js';
import { toIso, toMs } from './instants.js';

/** The columns of a new row; the id is the caller's (the store allocates it). */
export function evidenceRow(id: string, item: EvidenceItem): EvidenceItemsTable {
  return {
    id,
    incident_id: item.incident_id,
    source: item.source,
    source_id: item.source_id,
    kind: item.kind,
    time_ms: toMs(item.time),
    actor: item.actor,
    resource: item.resource,
    action: item.action,
    summary: item.summary,
    severity: item.severity,
    severity_normalised: item.severity_normalised,
    region: item.region,
    account: item.account,
    raw: JSON.stringify(item.raw ?? null),
    provenance: JSON.stringify(item.provenance),
    imported_by: item.provenance.obtained_by,
    imported_at_ms: toMs(item.provenance.obtained_at),
  };
}

type PinColumns = Pick<EvidencePinsTable, 'note' | 'timeline_event_id'> & {
  pinned_by: string | null;
  pinned_at_ms: number | null;
};

/** A stored row back as the domain sees it; enum columns are parsed so a bad row fails loudly. */
export function listedFromRow(row: EvidenceItemsTable & PinColumns): ListedEvidence {
  return {
    id: row.id,
    incident_id: row.incident_id,
    source: EvidenceSource.parse(row.source),
    source_id: row.source_id,
    kind: EvidenceKind.parse(row.kind),
    time: toIso(Number(row.time_ms)),
    actor: row.actor,
    resource: row.resource,
    action: row.action,
    summary: row.summary,
    severity: row.severity,
    severity_normalised: row.severity_normalised === null ? null : Severity.parse(row.severity_normalised),
    region: row.region,
    account: row.account,
    raw: JSON.parse(row.raw) as unknown,
    provenance: Provenance.parse(JSON.parse(row.provenance)),
    pinned:
      row.pinned_by === null || row.pinned_at_ms === null
        ? null
        : {
            note: row.note,
            timeline_event_id: row.timeline_event_id,
            pinned_by: row.pinned_by,
            pinned_at: toIso(Number(row.pinned_at_ms)),
          },
  };
}

/** The keyset cursor: the sort key of the last item of a page, opaque to callers. */
export interface EvidenceCursor {
  time_ms: number;
  source: string;
  source_id: string;
}

export const encodeCursor = (c: EvidenceCursor): string =>
  Buffer.from(JSON.stringify([c.time_ms, c.source, c.source_id])).toString('base64url');

/** Null when the cursor was not made by encodeCursor. */
export function decodeCursor(text: string): EvidenceCursor | null {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(value) || value.length !== 3) return null;
    const [time, source, sourceId] = value as unknown[];
    if (typeof time !== 'number' || typeof source !== 'string' || typeof sourceId !== 'string') return null;
    return { time_ms: time, source, source_id: sourceId };
  } catch {
    return null;
  }
}
