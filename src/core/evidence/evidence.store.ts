import { z } from 'zod';
import type { Actor } from '../shared/actor.js';
import type { EvidenceItem, EvidenceSource } from './evidence.schema.js';
import { EvidenceKind, EvidenceSource as EvidenceSourceSchema } from './evidence.schema.js';

/** What an import wrote: new items, and items skipped because `(incident_id, source, source_id)` existed. */
export interface ImportOutcome {
  inserted: number;
  duplicates: number;
}

/** The file a streamed import reads; the store may record it once instead of on every item. */
export interface EvidenceFileMeta {
  incident_id: string;
  source: EvidenceSource;
  file_path: string;
  file_sha256: string;
  size_bytes: number;
}

/** Filters for listing evidence; every field narrows the result. */
export const EvidenceFilter = z.object({
  source: EvidenceSourceSchema.optional(),
  kind: EvidenceKind.optional(),
  since: z.iso.datetime().optional(),
  until: z.iso.datetime().optional(),
  actor: z.string().optional(),
  resource: z.string().optional(),
  /** Case-insensitive substring of summary, action, actor or resource. */
  text: z.string().optional(),
  pinned: z.boolean().optional(),
  limit: z.number().int().min(1).max(1000).default(100),
  /** Opaque cursor from the previous page. */
  cursor: z.string().optional(),
});
export type EvidenceFilter = z.input<typeof EvidenceFilter>;

/** Evidence pinned onto the incident timeline, optionally as a given timeline event. */
export const EvidencePin = z.object({
  incident_id: z.string().min(1),
  evidence_id: z.string().min(1),
  timeline_event_id: z.string().min(1).nullable(),
  note: z.string().max(2000).nullable(),
  pinned_by: z.string().min(1),
  pinned_at: z.iso.datetime(),
});
export type EvidencePin = z.infer<typeof EvidencePin>;

/** A pin as a listed item shows it. */
export type EvidencePinView = Pick<EvidencePin, 'note' | 'timeline_event_id' | 'pinned_by' | 'pinned_at'>;

/** A stored item as lists return it: with its id and its pin, if any. */
export type ListedEvidence = EvidenceItem & { id: string; pinned: EvidencePinView | null };

export interface EvidencePage {
  items: ListedEvidence[];
  next_cursor: string | null;
}

/**
 * The port evidence importers write through; storage implements it.
 *
 * Both import methods are all-or-nothing: either every item of the call is written (or counted as a
 * duplicate) or nothing is, so a bad file never leaves half its records behind.
 */
export interface EvidenceStore {
  /** Writes a batch in one transaction; duplicates by `(incident_id, source, source_id)` are skipped. */
  importBatch(incidentId: string, items: readonly EvidenceItem[]): Promise<ImportOutcome>;
  /**
   * Writes a stream of items for one file in one transaction, consuming the iterable as it goes so memory
   * stays bounded whatever the file size. If the iterable throws, the store rolls back and rethrows.
   */
  importFile(file: EvidenceFileMeta, items: AsyncIterable<EvidenceItem>): Promise<ImportOutcome>;
  /**
   * Evidence of an incident ordered by time (then source, source_id), only when `viewer` may see the
   * incident (an incident the viewer may not see reads as one without evidence).
   */
  list(incidentId: string, filter: EvidenceFilter | undefined, viewer: Actor): Promise<EvidencePage>;
  /** Those of `evidenceIds` that are evidence of one of `incidentIds` (for links from contributing factors). */
  existingIds(incidentIds: readonly string[], evidenceIds: readonly string[]): Promise<Set<string>>;
  /**
   * The items of `evidenceIds` that are evidence of one of `incidentIds` and that `viewer` may see (for
   * reports of contributing factors), in time order; unknown ids are left out.
   */
  cited(
    incidentIds: readonly string[],
    evidenceIds: readonly string[],
    viewer: Actor,
  ): Promise<ListedEvidence[]>;
  /**
   * Pins an evidence item onto the incident timeline; pinning again replaces the note and event link.
   * Throws `evidence_not_found` when the item is not evidence of that incident.
   */
  pin(pin: EvidencePin): Promise<EvidencePin>;
  /** Removes a pin; returns false when the item was not pinned. */
  unpin(incidentId: string, evidenceId: string): Promise<boolean>;
}
