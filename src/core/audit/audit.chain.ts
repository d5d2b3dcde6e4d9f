import { createHash } from 'node:crypto';
import type { AuditChange, AuditRecord } from './audit.schema.js';

/** The hash before the first record. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level, so the same record always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The hash of a record: every field but the hash itself, chained to the previous record's hash. */
export function hashRecord(record: Omit<AuditRecord, 'hash'>): string {
  return createHash('sha256').update(canonicalJson(record)).digest('hex');
}

/**
 * Field-level differences between two versions of an entity (`timestamps.detected`, `lessons[2]`).
 * Arrays are compared as wholes per element index; a created entity has `before` null.
 */
export function diffValues(before: unknown, after: unknown, path = ''): AuditChange[] {
  if (canonicalJson(before) === canonicalJson(after)) return [];
  const bothObjects =
    before !== null &&
    after !== null &&
    typeof before === 'object' &&
    typeof after === 'object' &&
    !Array.isArray(before) &&
    !Array.isArray(after);
  if (!bothObjects) return [{ path: path || '(entity)', before: before ?? null, after: after ?? null }];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.flatMap((key) =>
    diffValues(
      (before as Record<string, unknown>)[key],
      (after as Record<string, unknown>)[key],
      path ? `${path}.${key}` : key,
    ),
  );
}

/** Fields that change on every write and say nothing a reader of the history needs. */
const NOISE = new Set(['version', 'updated_at']);

export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  return diffValues(before, after).filter((c) => !NOISE.has(c.path));
}

export interface ChainBreak {
  seq: number;
  id: string;
  reason: string;
}

/**
 * Checks records (in sequence order, continuing from `previous`) and returns the first break: a record whose
 * stored hash does not match its content, that does not link to the previous hash, or a gap in sequence.
 */
export function findChainBreak(
  records: readonly AuditRecord[],
  previous: { seq: number; hash: string },
): ChainBreak | null {
  let prev = previous;
  for (const record of records) {
    if (record.seq !== prev.seq + 1) {
      return {
        seq: record.seq,
        id: record.id,
        reason: `sequence jumps from ${prev.seq} to ${record.seq} (a record was removed)`,
      };
    }
    if (record.prev_hash !== prev.hash) {
      return {
        seq: record.seq,
        id: record.id,
        reason: 'its previous-hash does not match the record before it',
      };
    }
    const { hash, ...content } = record;
    if (hashRecord(content) !== hash) {
      return {
        seq: record.seq,
        id: record.id,
        reason: 'its content does not match its hash (the record was edited)',
      };
    }
    prev = { seq: record.seq, hash };
  }
  return null;
}
