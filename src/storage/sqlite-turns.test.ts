import SqliteDatabase from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { TurnTakingSqliteDialect } from './sqlite-turns.js';

/*
 * better-sqlite3 answers synchronously: a loop of awaited queries is a chain of microtasks that never lets a
 * timer, a socket or an immediate run. The dialect takes a turn once a run of queries has held the loop for a
 * slice. The slices here are 0 (a turn before every query but the first of a run) and endless (never), so the
 * tests count turns instead of timing them.
 */
describe('SQLite queries taking turns with other work', () => {
  const open: Kysely<unknown>[] = [];
  const database = (sliceMs: number): Kysely<unknown> => {
    const db = new Kysely<unknown>({
      dialect: new TurnTakingSqliteDialect({ database: new SqliteDatabase(':memory:') }, sliceMs),
    });
    open.push(db);
    return db;
  };
  afterEach(async () => {
    for (const db of open.splice(0)) await db.destroy();
  });

  /** How many of `queries` back-to-back queries had finished when an immediate queued before them ran. */
  async function queriesBeforeOtherWork(db: Kysely<unknown>, queries: number): Promise<number | undefined> {
    let done = 0;
    let seen: number | undefined;
    setImmediate(() => (seen = done));
    for (let n = 0; n < queries; n++) {
      await sql`select ${n} as n`.execute(db);
      done += 1;
    }
    return seen;
  }

  it('lets other work in during a long run of queries once the slice is used', async () => {
    expect(await queriesBeforeOtherWork(database(0), 50)).toBe(1);
  });

  it('runs a run of queries shorter than the slice without interruption', async () => {
    expect(await queriesBeforeOtherWork(database(60_000), 50)).toBeUndefined();
  });

  it('never takes a turn inside a transaction, which holds the one connection', async () => {
    const db = database(0);
    await sql`create table t (n integer)`.execute(db);
    let seen: number | undefined;
    let inserted = 0;
    await db.transaction().execute(async (trx) => {
      setImmediate(() => (seen = inserted));
      for (let n = 0; n < 20; n++) {
        await sql`insert into t values (${n})`.execute(trx);
        inserted += 1;
      }
    });
    expect(seen).toBeUndefined();
    const rows = await sql<{ c: number }>`select count(*) as c from t`.execute(db);
    expect(rows.rows[0]?.c).toBe(20);
  });
});
