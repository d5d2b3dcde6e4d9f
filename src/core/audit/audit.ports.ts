import type { Actor } from '../shared/actor.js';
import type { AuditEntityType, AuditEntry, AuditRecord } from './audit.schema.js';

/** The audit trail. `append` runs inside the mutation's transaction, so a change and its record commit together. */
export interface AuditLog {
  append(actor: Actor, entry: AuditEntry, at: string): Promise<AuditRecord | null>;
  history(entityType: AuditEntityType, entityId: string): Promise<AuditRecord[]>;
  /** Records with seq greater than `afterSeq`, in order. */
  scan(afterSeq: number, limit: number): Promise<AuditRecord[]>;
  /** The sequence and hash of the newest record, kept apart so removing the tail is detected too. */
  head(): Promise<{ seq: number; hash: string }>;
}
