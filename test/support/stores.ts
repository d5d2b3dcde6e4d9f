import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { StoreConfig, StoreKind } from '../../src/storage/database.js';
import { openStore, type Store } from '../../src/storage/store.js';

/** Every store the contract suites run against. */
export const STORE_KINDS: readonly StoreKind[] = ['sqlite', 'postgres'];

/** The server the PostgreSQL tests create their throw-away databases on. */
export const ADMIN_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface FreshStoreConfig {
  config: StoreConfig;
  /** Drops the database or deletes the file. */
  cleanup(): Promise<void>;
}

/** A brand-new, empty store of the given kind: a temp SQLite file or a new PostgreSQL database. */
export async function freshStoreConfig(kind: StoreKind): Promise<FreshStoreConfig> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'hindsight-test-'));
    return {
      config: { kind: 'sqlite', file: join(dir, 'hindsight.db') },
      cleanup: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
    };
  }
  const name = `hindsight_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    config: { kind: 'postgres', url: url.toString(), poolSize: 20 },
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

/** Opens a fresh, migrated store; `close` also removes it. */
export async function freshStore(kind: StoreKind): Promise<Store & { dispose(): Promise<void> }> {
  const fresh = await freshStoreConfig(kind);
  const store = await openStore(fresh.config);
  return {
    ...store,
    dispose: async () => {
      await store.close();
      await fresh.cleanup();
    },
  };
}
