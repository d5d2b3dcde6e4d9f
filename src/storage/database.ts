import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect } from 'kysely';
import type pg from 'pg';
import type { Database } from './schema.js';
import { poolWithNamedStatements } from './pg-named-statements.js';
import { withStatementCache } from './sqlite-statements.js';
import { TurnTakingSqliteDialect } from './sqlite-turns.js';

export type StoreConfig =
  { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; poolSize?: number };
export type StoreKind = StoreConfig['kind'];

/** Which store a Kysely instance (or transaction) talks to, for the few queries written per dialect. */
export function storeKindOf<DB>(db: Kysely<DB>): StoreKind {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

export interface OpenDatabase {
  db: Kysely<Database>;
  kind: StoreKind;
  close: () => Promise<void>;
}

let postgresDriver: typeof pg | undefined;

/**
 * The PostgreSQL driver, loaded when the first PostgreSQL store opens: importing it costs ~50 ms of start-up
 * (it loads undici to find out which runtime it is on), which a server on the embedded store never needs.
 */
function loadPostgresDriver(): typeof pg {
  if (postgresDriver) return postgresDriver;
  const driver = createRequire(import.meta.url)('pg') as typeof pg;
  // int8 (count(*), bigint epoch ms) and numeric (avg) arrive as strings by default; every value we store
  // fits in a double, so parse them as numbers once, globally.
  driver.types.setTypeParser(20, (v) => Number(v));
  driver.types.setTypeParser(1700, (v) => Number(v));
  return (postgresDriver = driver);
}

/**
 * Opens a store. SQLite runs in WAL mode with synchronous=FULL, so a write acknowledged to a caller
 * survives a crash or power loss, and its queries take turns with other work (sqlite-turns.ts); foreign
 * keys are enforced on both stores.
 */
export function openDatabase(config: StoreConfig): OpenDatabase {
  if (config.kind === 'sqlite') {
    if (config.file !== ':memory:') mkdirSync(dirname(config.file), { recursive: true });
    const sqlite = new SqliteDatabase(config.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<Database>({
      dialect: new TurnTakingSqliteDialect({ database: withStatementCache(sqlite) }),
    });
    return { db, kind: 'sqlite', close: () => db.destroy() };
  }
  // JIT off: our queries are short index lookups and aggregates whose cost estimates (correlated subqueries)
  // cross jit_above_cost, and compiling then took longer than running (KPI queries 100+ ms of JIT each).
  const pool = new (loadPostgresDriver().Pool)({
    connectionString: config.url,
    max: config.poolSize ?? 10,
    options: '-c jit=off',
  });
  // An idle connection dropped by the server (restart, failover) must not crash the process; the pool
  // replaces it on next use.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: poolWithNamedStatements(pool) }) });
  return { db, kind: 'postgres', close: () => db.destroy() };
}
