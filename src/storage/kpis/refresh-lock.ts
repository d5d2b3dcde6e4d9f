import { sql, type Kysely, type Transaction } from 'kysely';
import type { StoreKind } from '../database.js';
import type { Database } from '../schema.js';

/**
 * Runs `refresh` in a transaction that no other refresh of the same derived data runs beside, in this or any
 * other process: read the change log, recompute, write, delete what was read. Without it, a refresh that read
 * before a write could commit its older result after a refresh that read after it, and the write's log entry
 * would be gone. PostgreSQL: transaction-scoped advisory locks on the names, taken in the order given, then each
 * statement reads what is committed (read committed). SQLite: every transaction begins IMMEDIATE
 * (sqlite-turns.ts), so it holds the database's write lock before it reads anything.
 */
export async function underRefreshLock<T>(
  db: Kysely<Database>,
  kind: StoreKind,
  names: string | readonly string[],
  refresh: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    if (kind === 'postgres') {
      for (const name of typeof names === 'string' ? [names] : names)
        await sql`select pg_advisory_xact_lock(hashtext(${name}))`.execute(trx);
    }
    return refresh(trx);
  });
}
