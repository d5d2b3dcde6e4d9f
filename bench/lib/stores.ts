import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { StoreConfig, StoreKind } from '../../src/storage/database.js';

/** Where PostgreSQL benchmark databases are created (the same server the tests use). */
export const ADMIN_DATABASE_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';

export interface BenchStore {
  config: StoreConfig;
  /** Environment for `hindsight serve` against this store. */
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

/** A brand-new empty store: a temp SQLite file or a throw-away PostgreSQL database. */
export async function freshBenchStore(kind: StoreKind): Promise<BenchStore> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'hindsight-bench-'));
    return {
      config: { kind: 'sqlite', file: join(dir, 'hindsight.db') },
      env: { HINDSIGHT_DATA: dir },
      cleanup: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
    };
  }
  const name = `hindsight_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    config: { kind: 'postgres', url: url.toString(), poolSize: 10 },
    env: { DATABASE_URL: url.toString() },
    cleanup: () => adminQuery(`drop database if exists ${name} with (force)`),
  };
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
