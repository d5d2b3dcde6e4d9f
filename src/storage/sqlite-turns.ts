import {
  CompiledQuery,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type SqliteDialectConfig,
} from 'kysely';

/**
 * How long queries on the embedded store may run back to back before other work gets a turn. SQLite
 * answers synchronously, so a job issuing thousands of queries would otherwise hold every request (and the
 * health check) until it ended: a reminder or review-workflow pass over a large store took seconds.
 */
export const SQLITE_SLICE_MS = 10;

/**
 * Gives the event loop a turn once synchronous work has held it for a slice. A run of work starts with
 * the first query after a turn; a watcher queued at that moment runs at the next turn, so a run that never
 * awaits anything real is the only one ever made to wait.
 */
export class EventLoopTurns {
  private runStarted = 0;
  private watching = false;

  constructor(private readonly sliceMs: number) {}

  async take(): Promise<void> {
    if (this.watching && performance.now() - this.runStarted >= this.sliceMs) {
      // The watcher was queued first, so it has run by the time this resolves: a new run starts below.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (!this.watching) {
      this.watching = true;
      this.runStarted = performance.now();
      setImmediate(() => (this.watching = false));
    }
  }
}

/**
 * Kysely's SQLite driver, taking turns before each query or transaction acquires the one connection, and
 * starting transactions with BEGIN IMMEDIATE: a transaction takes the store's write lock when it begins,
 * waiting (busy_timeout) while another process (the CLI beside a server) holds it. A deferred BEGIN would read
 * first and fail outright when it came to write after the other process committed (WAL's busy snapshot).
 */
class TurnTakingSqliteDriver extends SqliteDriver {
  constructor(
    config: SqliteDialectConfig,
    private readonly turns: EventLoopTurns,
  ) {
    super(config);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    // Before the lock, never inside a transaction: a turn must not keep the connection from others.
    await this.turns.take();
    return super.acquireConnection();
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/**
 * SQLite runs DDL inside transactions, but Kysely's adapter says it does not, so its migrator ran migrations
 * one statement at a time without a lock: a crash part-way left a half-migrated store, and two processes
 * opening a new store at once raced ("index … already exists"). Saying so makes the migrator run all pending
 * migrations in one transaction, which BEGIN IMMEDIATE makes the lock as well.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/**
 * Kysely's SQLite dialect whose driver shares the event loop with requests (see `SQLITE_SLICE_MS`), begins
 * transactions with the write lock, and migrates in one transaction.
 */
export class TurnTakingSqliteDialect extends SqliteDialect {
  constructor(
    private readonly driverConfig: SqliteDialectConfig,
    private readonly sliceMs = SQLITE_SLICE_MS,
  ) {
    super(driverConfig);
  }

  override createDriver(): Driver {
    return new TurnTakingSqliteDriver(this.driverConfig, new EventLoopTurns(this.sliceMs));
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
