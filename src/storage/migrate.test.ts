import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql, type Kysely, type Migration } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_KINDS, freshStoreConfig } from '../../test/support/stores.js';
import { openDatabase } from './database.js';
import { migrateToLatest } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import type { Database } from './schema.js';

const run = promisify(execFile);
const MAIN = fileURLToPath(new URL('../cli/main.ts', import.meta.url));
const REGISTER = fileURLToPath(new URL('../../test/jobs/support/ts-register.mjs', import.meta.url));

/** A migration creating a table, then failing when `fail` is set: what a faulty upgrade looks like. */
function migrationCreating(table: string, fail = false): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable(table)
        .addColumn('id', 'text', (c) => c.primaryKey())
        .execute();
      if (fail) throw new Error(`${table}: the upgrade failed after creating its table`);
    },
  };
}

describe.each(STORE_KINDS)('migrations on %s', (kind) => {
  let db: Kysely<Database>;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const fresh = await freshStoreConfig(kind);
    const opened = openDatabase(fresh.config);
    db = opened.db;
    cleanup = async () => {
      await opened.close();
      await fresh.cleanup();
    };
    await migrateToLatest(opened.db);
  });
  afterAll(() => cleanup());

  it('a migration that fails leaves nothing of the run behind: neither its table nor the earlier ones of the run', async () => {
    const upgrade = {
      ...MIGRATIONS,
      '2099-01-01T0001-test-first': migrationCreating('upgrade_first'),
      '2099-01-01T0002-test-second': migrationCreating('upgrade_second', true),
    };
    await expect(migrateToLatest(db, upgrade)).rejects.toThrow(
      /migration 2099-01-01T0002-test-second failed: upgrade_second: the upgrade failed/,
    );
    expect(await tableExists(db, kind, 'upgrade_first')).toBe(false);
    expect(await tableExists(db, kind, 'upgrade_second')).toBe(false);
    const recorded = await sql<{
      n: number;
    }>`select count(*) as n from kysely_migration where name like '2099-%'`.execute(db);
    expect(Number(recorded.rows[0]?.n)).toBe(0);
    // The store is still usable and the good migration applies once the faulty one is fixed.
    const fixed = { ...upgrade, '2099-01-01T0002-test-second': migrationCreating('upgrade_second') };
    expect(await migrateToLatest(db, fixed)).toEqual([
      '2099-01-01T0001-test-first',
      '2099-01-01T0002-test-second',
    ]);
    expect(await tableExists(db, kind, 'upgrade_first')).toBe(true);
  });
});

describe('a new embedded store opened by two processes at once', () => {
  it(
    'is migrated once: both succeed, one applying every migration and the other finding none left',
    { timeout: 120_000 },
    async () => {
      for (let round = 0; round < 2; round++) {
        const dir = mkdtempSync(join(tmpdir(), 'hindsight-migrate-'));
        try {
          const migrate = () =>
            run(process.execPath, ['--import', REGISTER, MAIN, 'db', 'migrate', '--json'], {
              env: { PATH: process.env.PATH ?? '', HINDSIGHT_DATA: dir },
            });
          const outcomes = await Promise.all([migrate(), migrate()]);
          const applied = outcomes.map((o) => (JSON.parse(o.stdout) as { applied: string[] }).applied);
          // One process applied everything; the other waited for the lock and found nothing left to do.
          expect(applied.map((a) => a.length).sort((a, b) => a - b)).toEqual([
            0,
            Object.keys(MIGRATIONS).length,
          ]);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
    },
  );
});

async function tableExists(db: Kysely<Database>, kind: string, table: string): Promise<boolean> {
  const query =
    kind === 'sqlite'
      ? sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = ${table}`
      : sql<{ n: number }>`select count(*) as n from information_schema.tables where table_name = ${table}`;
  const { rows } = await query.execute(db);
  return Number(rows[0]?.n) > 0;
}
