import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { auditChanges, hashRecord } from '../../core/audit/audit.chain.js';
import type { AuditLog } from '../../core/audit/audit.ports.js';
import type { AuditEntityType, AuditEntry, AuditRecord } from '../../core/audit/audit.schema.js';
import type { Actor } from '../../core/shared/actor.js';
import type { AuditLogTable, Database } from '../schema.js';
import { toIso, toMs } from './instants.js';

export class AuditRepository implements AuditLog {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Appends inside the caller's transaction. Bumping the head row first takes its row lock (PostgreSQL) or
   * runs under the write lock (SQLite), so concurrent appenders chain one after another, never fork.
   * A write that changed nothing is not recorded.
   */
  async append(actor: Actor, entry: AuditEntry, at: string): Promise<AuditRecord | null> {
    const changes = auditChanges(entry.before, entry.after);
    if (changes.length === 0) return null;
    const head = await this.db
      .updateTable('audit_head')
      .set((eb) => ({ seq: eb('seq', '+', 1) }))
      .where('id', '=', 1)
      .returning(['seq', 'hash'])
      .executeTakeFirstOrThrow();
    const content = {
      seq: Number(head.seq),
      id: randomUUID(),
      at: new Date(at).toISOString(),
      actor_id: actor.id,
      actor_name: actor.name,
      entity_type: entry.entity_type,
      entity_id: entry.entity_id,
      action: entry.action,
      changes,
      prev_hash: head.hash,
    };
    const record: AuditRecord = { ...content, hash: hashRecord(content) };
    await this.db.updateTable('audit_head').set({ hash: record.hash }).where('id', '=', 1).execute();
    await this.db
      .insertInto('audit_log')
      .values({ ...withoutAt(record), at_ms: toMs(record.at), changes: JSON.stringify(changes) })
      .execute();
    return record;
  }

  async history(entityType: AuditEntityType, entityId: string): Promise<AuditRecord[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', entityType)
      .where('entity_id', '=', entityId)
      .orderBy('seq')
      .execute();
    return rows.map(recordFromRow);
  }

  async scan(afterSeq: number, limit: number): Promise<AuditRecord[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map(recordFromRow);
  }

  async head(): Promise<{ seq: number; hash: string }> {
    const row = await this.db
      .selectFrom('audit_head')
      .select(['seq', 'hash'])
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    return { seq: Number(row.seq), hash: row.hash };
  }
}

function recordFromRow(row: AuditLogTable): AuditRecord {
  return {
    seq: Number(row.seq),
    id: row.id,
    at: toIso(row.at_ms),
    actor_id: row.actor_id,
    actor_name: row.actor_name,
    entity_type: row.entity_type as AuditEntityType,
    entity_id: row.entity_id,
    action: row.action,
    changes: JSON.parse(row.changes) as AuditRecord['changes'],
    prev_hash: row.prev_hash,
    hash: row.hash,
  };
}

function withoutAt({ at: _at, ...rest }: AuditRecord): Omit<AuditRecord, 'at'> {
  return rest;
}
