import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '../../core/shared/actor.js';
import { analyseDocument, SimilarityDocument } from '../../core/similarity/similarity.document.js';
import { findSimilar } from '../../core/similarity/similarity.port.js';
import { DEFAULT_SIGNATURE_FIELDS } from '../../core/similarity/signature.js';
import { STORE_KINDS, freshStore } from '../../../test/support/stores.js';
import {
  insertSimilarityFixtures,
  LABELLED_PAIRS,
  SIMILARITY_FIXTURES,
} from './similarity.fixtures.test-support.js';
import { SimilarityMemory } from './similarity.memory.js';
import { SimilarityRepository } from './similarity.repository.js';
import { similarityDb, writeVectors } from './similarity.vectors.js';

const outsider: Actor = { id: 'u-out', name: 'Out', role: 'viewer', teamIds: ['other'], via: 'token' };

describe.each(STORE_KINDS)('similar incidents from the in-memory index on %s', (kind) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let memory: SimilarityMemory;
  const sqlRepo = (viewer: Actor) => new SimilarityRepository(store.db, viewer);
  const memoryRepo = (viewer: Actor) =>
    new SimilarityRepository(store.db, viewer, DEFAULT_SIGNATURE_FIELDS, memory);

  beforeAll(async () => {
    store = await freshStore(kind);
    await insertSimilarityFixtures(store.db);
    await sqlRepo(systemActor).refresh();
    // Three rows a read: the first lookup pages through 64 vectors written in one revision.
    memory = new SimilarityMemory(store.db, 3);
  });
  afterAll(() => store.dispose());

  it('answers every labelled query as the SQL path does, for an admin and for a viewer kept off a restricted incident', async () => {
    const restricted = 'INC-2024-101';
    await store.db
      .updateTable('incidents')
      .set({ restricted: 1, version: 2 })
      .where('id', '=', restricted)
      .execute();
    await sqlRepo(systemActor).refresh();
    for (const viewer of [systemActor, outsider]) {
      const found = new Set<string>();
      for (const pair of LABELLED_PAIRS) {
        const [doc] = await sqlRepo(systemActor).documents([pair.query]);
        const fromMemory = await findSimilar(memoryRepo(viewer), doc!, { k: 5 });
        expect(fromMemory, `${viewer.id} ${pair.query}`).toEqual(
          await findSimilar(sqlRepo(viewer), doc!, { k: 5 }),
        );
        for (const r of fromMemory) found.add(r.id);
      }
      expect(found.has(restricted), viewer.id).toBe(viewer === systemActor);
    }
  });

  it("keeps in step with another instance's writes, and sees them only once that instance refreshed", async () => {
    const index = await memory.current();
    expect(index.size).toBe(SIMILARITY_FIXTURES.length);
    const changed = ['INC-2024-103', 'INC-2024-407'];
    await store.db
      .updateTable('incidents')
      .set((eb) => ({ title: 'Zeppelin hangar doors jammed', version: eb('version', '+', 1) }))
      .where('id', 'in', changed)
      .execute();
    expect((await (await memory.current()).corpusStats(['zeppelin'])).df.get('zeppelin')).toBe(0);
    expect(await sqlRepo(systemActor).refresh()).toBeGreaterThanOrEqual(2);
    const stats = await (await memory.current()).corpusStats(['zeppelin', 'hangar']);
    expect(stats).toEqual({
      documents: SIMILARITY_FIXTURES.length,
      df: new Map([
        ['zeppelin', 2],
        ['hangar', 2],
      ]),
    });
    const [doc] = await sqlRepo(systemActor).documents(['INC-2024-407']);
    const fromMemory = await findSimilar(memoryRepo(systemActor), doc!, { k: 5 });
    expect(fromMemory[0]?.id).toBe('INC-2024-103');
    expect(fromMemory).toEqual(await findSimilar(sqlRepo(systemActor), doc!, { k: 5 }));
  });

  it('numbers vector writes in commit order: a write waits while another holds its revision, then takes the next', async () => {
    const vectorOf = (id: string) => {
      const f = SIMILARITY_FIXTURES.find((x) => x.id === id)!;
      return analyseDocument(SimilarityDocument.parse(f));
    };
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let taken = (): void => undefined;
    const first = new Promise<void>((resolve) => (taken = resolve));
    const open = store.db.transaction().execute(async (trx) => {
      await writeVectors(trx, [vectorOf('INC-2024-105')]);
      taken();
      await held;
    });
    await first;
    let secondDone = false;
    const second = store.db
      .transaction()
      .execute((trx) => writeVectors(trx, [vectorOf('INC-2024-106')]))
      .then(() => (secondDone = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(secondDone).toBe(false);
    release();
    await Promise.all([open, second]);
    const rows = await similarityDb(store.db)
      .selectFrom('similarity_vectors')
      .select(['incident_id', 'revision'])
      .where('incident_id', 'in', ['INC-2024-105', 'INC-2024-106'])
      .orderBy('incident_id')
      .execute();
    expect(rows.map((r) => Number(r.revision) - Number(rows[0]!.revision))).toEqual([0, 1]);
    const index = await memory.current();
    expect(index.size).toBe(SIMILARITY_FIXTURES.length);
  });

  it('reads rows an older version writes without a revision (a rolling upgrade): the store numbers them', async () => {
    await memory.current();
    const db = similarityDb(store.db);
    const before = await db
      .selectFrom('similarity_vectors')
      .selectAll()
      .where('incident_id', '=', 'INC-2024-108')
      .executeTakeFirstOrThrow();
    await db.deleteFrom('similarity_vectors').where('incident_id', '=', 'INC-2024-108').execute();
    // As a version before migration 0021 writes it: no revision column named.
    await sql`insert into similarity_vectors (incident_id, occurred_ms, terms, services, factor_categories)
      values (${before.incident_id}, ${before.occurred_ms}, ${'walrus 3'}, ${'[]'}, ${'[]'})`.execute(
      store.db,
    );
    const stats = await (await memory.current()).corpusStats(['walrus']);
    expect(stats.df.get('walrus')).toBe(1);
    const row = await db
      .selectFrom('similarity_vectors')
      .select('revision')
      .where('incident_id', '=', 'INC-2024-108')
      .executeTakeFirstOrThrow();
    expect(Number(row.revision)).toBeGreaterThan(Number(before.revision));
  });
});
