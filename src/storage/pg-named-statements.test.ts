import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStoreConfig } from '../../test/support/stores.js';
import { openDatabase } from './database.js';
import { runPrepared } from './prepared-queries.js';
import type { Database } from './schema.js';

/*
 * On PostgreSQL the compiled-once queries run as named prepared statements (parsed and planned once per
 * connection; GET incident went from 3.6k to 7.3k req/s). One connection here, so the test sees the
 * connection's own prepared statements; a second, plain connection plays another instance's migration.
 */
describe('named prepared statements on postgres', () => {
  let db: Kysely<Database>;
  let other: Kysely<Database>;
  let fresh: Awaited<ReturnType<typeof freshStoreConfig>>;
  let close: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    fresh = await freshStoreConfig('postgres');
    if (fresh.config.kind !== 'postgres') throw new Error('expected a PostgreSQL store');
    const one = openDatabase({ ...fresh.config, poolSize: 1 });
    const second = openDatabase({ ...fresh.config, poolSize: 1 });
    db = one.db;
    other = second.db;
    close = [one.close, second.close];
    await sql`create table probes (id text primary key, label text not null)`.execute(other);
    await sql`insert into probes values ('p1', 'first'), ('p2', 'second')`.execute(other);
  });
  afterAll(async () => {
    for (const done of close) await done();
    await fresh.cleanup();
  });

  const probe = (on: Kysely<Database>, id: string) =>
    runPrepared(
      on,
      'probe-by-id',
      (slot) =>
        on
          .withTables<{ probes: { id: string; label: string } }>()
          .selectFrom('probes')
          .selectAll()
          .where('id', '=', slot('id')),
      { id },
    );
  const prepared = async () =>
    (
      await sql<{
        name: string;
        statement: string;
      }>`select name, statement from pg_prepared_statements where statement like '%probes%'`.execute(db)
    ).rows;

  it('prepares the query once on the connection and runs it by name with each call’s values', async () => {
    expect(await probe(db, 'p1')).toEqual([{ id: 'p1', label: 'first' }]);
    expect(await probe(db, 'p2')).toEqual([{ id: 'p2', label: 'second' }]);
    const statements = await prepared();
    expect(statements).toHaveLength(1);
    expect(statements[0]?.name).toMatch(/^hindsight_\d+$/);
  });

  it('prepares again when another instance’s migration changed the rows a `select *` returns', async () => {
    await sql`alter table probes add column note text`.execute(other);
    expect(await probe(db, 'p1')).toEqual([{ id: 'p1', label: 'first', note: null }]);
    expect(await prepared()).toHaveLength(2);
  });

  it('refuses only the one transaction that met the stale statement; the next succeeds', async () => {
    await sql`alter table probes add column owner text`.execute(other);
    await expect(db.transaction().execute((trx) => probe(trx, 'p2'))).rejects.toThrow();
    const rows = await db.transaction().execute((trx) => probe(trx, 'p2'));
    expect(rows).toEqual([{ id: 'p2', label: 'second', note: null, owner: null }]);
  });

  it('runs every other query unnamed, as before', async () => {
    const before = (await prepared()).length;
    const rows = await sql<{ n: number }>`select count(*)::int as n from probes`.execute(db);
    expect(rows.rows[0]?.n).toBe(2);
    expect(await prepared()).toHaveLength(before);
  });
});
