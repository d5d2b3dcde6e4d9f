import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, type Generated } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { withStatementCache } from './sqlite-statements.js';

describe('SQLite statement cache', () => {
  const opened: SqliteDatabase.Database[] = [];
  const open = () => {
    const sqlite = new SqliteDatabase(':memory:');
    opened.push(sqlite);
    sqlite.exec('create table t (id integer primary key, name text)');
    sqlite.exec(`insert into t (name) values ('a'), ('b'), ('c')`);
    return sqlite;
  };
  afterEach(() => {
    for (const db of opened.splice(0)) if (db.open) db.close();
  });

  it('hands out the compiled statement again for the same SQL, and a new one for other SQL', () => {
    const db = withStatementCache(open());
    const first = db.prepare('select name from t where id = ?');
    expect(db.prepare('select name from t where id = ?')).toBe(first);
    expect(db.prepare('select name from t where id > ?')).not.toBe(first);
    expect(first.all([2])).toEqual([{ name: 'b' }]);
  });

  it('drops the least recently used statement beyond its size, keeping the recently used', () => {
    const db = withStatementCache(open(), 2);
    const one = db.prepare('select 1');
    const two = db.prepare('select 2');
    expect(db.prepare('select 1')).toBe(one); // 'select 2' is now the least recently used
    db.prepare('select 3');
    expect(db.prepare('select 1')).toBe(one);
    expect(db.prepare('select 2')).not.toBe(two);
  });

  it('gives a fresh statement while the cached one is still iterating, and both read every row', () => {
    const db = withStatementCache(open());
    const text = 'select id, name from t order by id';
    const outer = db.prepare(text);
    const seen: string[] = [];
    for (const row of outer.iterate([]) as Iterable<{ name: string }>) {
      const inner = db.prepare(text);
      expect(inner).not.toBe(outer);
      seen.push(`${row.name}:${inner.all([]).length}`);
    }
    expect(seen).toEqual(['a:3', 'b:3', 'c:3']);
    expect(db.prepare(text)).toBe(outer); // done iterating: reused again
  });

  it('serves Kysely: writes, reads and a rolled-back transaction through reused statements', async () => {
    const kysely = new Kysely<{ t: { id: Generated<number>; name: string } }>({
      dialect: new SqliteDialect({ database: withStatementCache(open()) }),
    });
    for (const name of ['d', 'e']) await kysely.insertInto('t').values({ name }).execute();
    await expect(
      kysely.transaction().execute(async (trx) => {
        await trx.insertInto('t').values({ name: 'lost' }).execute();
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const names = await kysely.selectFrom('t').select('name').orderBy('id').execute();
    expect(names.map((r) => r.name)).toEqual(['a', 'b', 'c', 'd', 'e']);
    // Streamed twice: the second stream gets the statement back once the first has finished with it.
    const query = () => kysely.selectFrom('t').select('name').orderBy('id');
    for (let pass = 0; pass < 2; pass++) {
      const streamed: string[] = [];
      for await (const row of query().stream()) streamed.push(row.name);
      expect(streamed).toEqual(['a', 'b', 'c', 'd', 'e']);
    }
    await kysely.destroy();
  });
});
