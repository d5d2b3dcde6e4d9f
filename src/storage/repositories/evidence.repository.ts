import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { EvidenceItem } from '../../core/evidence/evidence.schema.js';
import type {
  EvidenceFileMeta,
  EvidenceFilter,
  EvidencePage,
  EvidencePin,
  EvidenceStore,
  ListedEvidence,
  ImportOutcome,
} from '../../core/evidence/evidence.store.js';
import type { Actor } from '../../core/shared/actor.js';
import { invalid, notFound } from '../../core/shared/errors.js';
import type { Database, EvidenceItemsTable } from '../schema.js';
import { decodeCursor, encodeCursor, evidenceRow, listedFromRow } from './evidence.mapper.js';
import { likePattern, toMs } from './instants.js';
import { incidentVisibleTo } from './visibility.js';

/**
 * Rows per INSERT: 18 columns × 400 rows stays under SQLite's bound-parameter limit, and a chunk is the
 * most a streamed import holds in memory at once.
 */
const CHUNK_ROWS = 400;

/** Evidence items, files and pins; imports are one transaction each, reads apply incident visibility. */
export class EvidenceRepository implements EvidenceStore {
  constructor(private readonly db: Kysely<Database>) {}

  importBatch(incidentId: string, items: readonly EvidenceItem[]): Promise<ImportOutcome> {
    return this.inTransaction(async (db) => {
      const outcome: ImportOutcome = { inserted: 0, duplicates: 0 };
      for (let start = 0; start < items.length; start += CHUNK_ROWS) {
        await insertChunk(db, incidentId, items.slice(start, start + CHUNK_ROWS), outcome);
      }
      return outcome;
    });
  }

  importFile(file: EvidenceFileMeta, items: AsyncIterable<EvidenceItem>): Promise<ImportOutcome> {
    return this.inTransaction(async (db) => {
      const outcome: ImportOutcome = { inserted: 0, duplicates: 0 };
      let chunk: EvidenceItem[] = [];
      let first: EvidenceItem | null = null;
      for await (const item of items) {
        first ??= item;
        chunk.push(item);
        if (chunk.length >= CHUNK_ROWS) {
          await insertChunk(db, file.incident_id, chunk, outcome);
          chunk = [];
        }
      }
      await insertChunk(db, file.incident_id, chunk, outcome);
      await db
        .insertInto('evidence_files')
        .values({
          incident_id: file.incident_id,
          sha256: file.file_sha256,
          source: file.source,
          path: file.file_path,
          size_bytes: file.size_bytes,
          imported_by: first?.provenance.obtained_by ?? 'system',
          imported_at_ms: first ? toMs(first.provenance.obtained_at) : Date.now(),
        })
        .onConflict((oc) => oc.columns(['incident_id', 'sha256']).doNothing())
        .execute();
      return outcome;
    });
  }

  async list(incidentId: string, filter: EvidenceFilter = {}, viewer: Actor): Promise<EvidencePage> {
    const limit = filter.limit ?? 100;
    let query = this.listedVisibleTo(viewer).where('evidence_items.incident_id', '=', incidentId);
    if (filter.source) query = query.where('evidence_items.source', '=', filter.source);
    if (filter.kind) query = query.where('evidence_items.kind', '=', filter.kind);
    if (filter.since) query = query.where('evidence_items.time_ms', '>=', toMs(filter.since));
    if (filter.until) query = query.where('evidence_items.time_ms', '<', toMs(filter.until));
    if (filter.actor) query = query.where('evidence_items.actor', '=', filter.actor);
    if (filter.resource) query = query.where('evidence_items.resource', '=', filter.resource);
    if (filter.pinned !== undefined) {
      query = query.where('evidence_pins.evidence_id', filter.pinned ? 'is not' : 'is', null);
    }
    if (filter.text) {
      const pattern = likePattern(filter.text);
      query = query.where((eb) =>
        eb.or(
          (['summary', 'action', 'actor', 'resource'] as const).map(
            (column) =>
              sql<boolean>`lower(${eb.ref(`evidence_items.${column}`)}) like ${pattern} escape '\\'`,
          ),
        ),
      );
    }
    if (filter.cursor) {
      const after = decodeCursor(filter.cursor);
      if (!after) {
        throw invalid('invalid_cursor', 'cursor is not one this list returned', [
          { path: 'cursor', problem: 'is not a cursor from a previous page' },
        ]);
      }
      query = query.where((eb) =>
        eb(
          eb.refTuple('evidence_items.time_ms', 'evidence_items.source', 'evidence_items.source_id'),
          '>',
          eb.tuple(after.time_ms, after.source, after.source_id),
        ),
      );
    }
    const rows = await query
      .orderBy('evidence_items.time_ms')
      .orderBy('evidence_items.source')
      .orderBy('evidence_items.source_id')
      .limit(limit + 1)
      .execute();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(listedFromRow),
      next_cursor:
        rows.length > limit && last
          ? encodeCursor({ time_ms: Number(last.time_ms), source: last.source, source_id: last.source_id })
          : null,
    };
  }

  /** Evidence items with their pins, of incidents `viewer` may see: what list and cited read. */
  private listedVisibleTo(viewer: Actor) {
    return this.db
      .selectFrom('evidence_items')
      .leftJoin('evidence_pins', 'evidence_pins.evidence_id', 'evidence_items.id')
      .selectAll('evidence_items')
      .select([
        'evidence_pins.note',
        'evidence_pins.timeline_event_id',
        'evidence_pins.pinned_by',
        'evidence_pins.pinned_at_ms',
      ])
      .where(incidentVisibleTo(viewer, sql.ref('evidence_items.incident_id')));
  }

  async existingIds(incidentIds: readonly string[], evidenceIds: readonly string[]): Promise<Set<string>> {
    if (incidentIds.length === 0 || evidenceIds.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('evidence_items')
      .select('id')
      .where('incident_id', 'in', [...incidentIds])
      .where('id', 'in', [...evidenceIds])
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  async cited(
    incidentIds: readonly string[],
    evidenceIds: readonly string[],
    viewer: Actor,
  ): Promise<ListedEvidence[]> {
    if (incidentIds.length === 0 || evidenceIds.length === 0) return [];
    const rows = await this.listedVisibleTo(viewer)
      .where('evidence_items.incident_id', 'in', [...incidentIds])
      .where('evidence_items.id', 'in', [...new Set(evidenceIds)])
      .orderBy('evidence_items.time_ms')
      .orderBy('evidence_items.source')
      .orderBy('evidence_items.source_id')
      .execute();
    return rows.map(listedFromRow);
  }

  async pin(pin: EvidencePin): Promise<EvidencePin> {
    const result = await this.db
      .insertInto('evidence_pins')
      .columns(['evidence_id', 'incident_id', 'timeline_event_id', 'note', 'pinned_by', 'pinned_at_ms'])
      .expression((eb) =>
        eb
          .selectFrom('evidence_items')
          .select([
            'id',
            'incident_id',
            eb.val(pin.timeline_event_id).as('timeline_event_id'),
            eb.val(pin.note).as('note'),
            eb.val(pin.pinned_by).as('pinned_by'),
            eb.val(toMs(pin.pinned_at)).as('pinned_at_ms'),
          ])
          .where('id', '=', pin.evidence_id)
          .where('incident_id', '=', pin.incident_id),
      )
      .onConflict((oc) =>
        oc.column('evidence_id').doUpdateSet((eb) => ({
          timeline_event_id: eb.ref('excluded.timeline_event_id'),
          note: eb.ref('excluded.note'),
          pinned_by: eb.ref('excluded.pinned_by'),
          pinned_at_ms: eb.ref('excluded.pinned_at_ms'),
        })),
      )
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) throw notFound('evidence', pin.evidence_id);
    return pin;
  }

  async unpin(incidentId: string, evidenceId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('evidence_pins')
      .where('evidence_id', '=', evidenceId)
      .where('incident_id', '=', incidentId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Runs `work` in a transaction, or in the caller's when this repository is already bound to one. */
  private inTransaction<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) return work(this.db);
    return this.db.transaction().execute(work);
  }
}

/** Inserts one chunk, skipping rows whose (incident, source, source id) exists, and counts both. */
async function insertChunk(
  db: Kysely<Database>,
  incidentId: string,
  items: readonly EvidenceItem[],
  outcome: ImportOutcome,
): Promise<void> {
  if (items.length === 0) return;
  const rows: EvidenceItemsTable[] = items.map((item) => {
    if (item.incident_id !== incidentId) {
      throw invalid(
        'evidence_incident_mismatch',
        `evidence of ${item.incident_id} in an import for ${incidentId}`,
      );
    }
    return evidenceRow(randomUUID(), item);
  });
  const result = await db
    .insertInto('evidence_items')
    .values(rows)
    .onConflict((oc) => oc.columns(['incident_id', 'source', 'source_id']).doNothing())
    .executeTakeFirst();
  const inserted = Number(result.numInsertedOrUpdatedRows ?? 0);
  outcome.inserted += inserted;
  outcome.duplicates += rows.length - inserted;
}
