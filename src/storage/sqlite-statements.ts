import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Distinct SQL texts kept compiled; the product issues a few hundred, generated SQL may issue more. */
export const STATEMENT_CACHE_SIZE = 1000;

/**
 * The database Kysely's SQLite dialect talks to, with compiled statements kept per SQL text.
 *
 * Kysely prepares every query it runs, and better-sqlite3 compiles on each prepare: on GET incident that
 * compile was about a fifth of the server's CPU. Statements are reused least-recently-used first; one still
 * being iterated (a streamed query) is busy, so a second user of the same SQL gets a fresh statement rather
 * than breaking the first.
 */
export function withStatementCache(
  sqlite: BetterSqlite3.Database,
  size = STATEMENT_CACHE_SIZE,
): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare: (sql: string): SqliteStatement => {
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        // Re-insert so the map's order stays least recently used first.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = sqlite.prepare(sql);
      if (!cached) {
        cache.set(sql, statement);
        if (cache.size > size) {
          const oldest = cache.keys().next();
          if (!oldest.done) cache.delete(oldest.value);
        }
      }
      return statement;
    },
  };
}
