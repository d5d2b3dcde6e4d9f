import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SIGNATURE_FIELDS } from '../../core/similarity/signature.js';
import { freshStore } from '../../../test/support/stores.js';
import type { Store } from '../store.js';
import { kpiFactsKind, refreshKpiFacts } from './kpi.facts.sql.js';

/*
 * Versions before the facts had one lock for every field list locked `kpi_facts:<key>` only. During a rolling
 * upgrade such an instance may refresh the facts beside a newer one with the same fields, so a newer refresh
 * also takes that name (kpiFactsLocks). Advisory locks exist on PostgreSQL only; SQLite's refreshes hold the
 * store's write lock.
 */
describe('KPI facts refresh on postgres, beside an older version', () => {
  let store: Store & { dispose(): Promise<void> };

  beforeAll(async () => {
    store = await freshStore('postgres');
  });
  afterAll(() => store.dispose());

  it("waits while an older instance holds the field list's own lock, then builds the facts", async () => {
    let release = (): void => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let holding = (): void => undefined;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const olderInstance = store.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtext(${kpiFactsKind(DEFAULT_SIGNATURE_FIELDS)}))`.execute(
        trx,
      );
      holding();
      await released;
    });
    await held;

    let finished = false;
    const refresh = refreshKpiFacts(store.db, 'postgres').then(() => (finished = true));
    await new Promise((resolve) => setTimeout(resolve, 750));
    expect(finished).toBe(false);

    release();
    await olderInstance;
    await refresh;
    const { rows } = await sql<{ kind: string }>`select kind from derived_index_marks
      where kind = ${kpiFactsKind(DEFAULT_SIGNATURE_FIELDS)}`.execute(store.db);
    expect(rows).toHaveLength(1);
  });
});
