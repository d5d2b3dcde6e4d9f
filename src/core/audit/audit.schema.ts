import { z } from 'zod';

export const AuditEntityType = z.enum([
  'incident',
  'review',
  'analysis',
  'lesson',
  'redacted_lesson',
  'action',
  'evidence',
  'user',
  'token',
  'team',
  'setting',
]);
export type AuditEntityType = z.infer<typeof AuditEntityType>;

export const AuditChange = z.object({ path: z.string(), before: z.unknown(), after: z.unknown() });
export type AuditChange = z.infer<typeof AuditChange>;

/** One link of the append-only, hash-chained audit trail. */
export const AuditRecord = z.object({
  seq: z.number().int(),
  id: z.string(),
  at: z.string(),
  actor_id: z.string(),
  actor_name: z.string(),
  entity_type: AuditEntityType,
  entity_id: z.string(),
  action: z.string(),
  changes: z.array(AuditChange),
  prev_hash: z.string(),
  hash: z.string(),
});
export type AuditRecord = z.infer<typeof AuditRecord>;

/** What a service appends; the log adds sequence, time and the chain. */
export interface AuditEntry {
  entity_type: AuditEntityType;
  entity_id: string;
  action: string;
  before: unknown;
  after: unknown;
}
