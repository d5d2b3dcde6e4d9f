import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '../../core/shared/actor.js';
import { analyseDocument } from '../../core/similarity/similarity.document.js';
import { SimilarityIndex } from '../../core/similarity/similarity.index.js';
import { findSimilar, type CandidateQuery } from '../../core/similarity/similarity.port.js';
import { meanPrecisionAtK } from '../../core/similarity/similarity.precision.js';
import { STORE_KINDS, freshStore } from '../../../test/support/stores.js';
import {
  insertSimilarityFixtures,
  LABELLED_PAIRS as pairs,
  SIMILARITY_FIXTURES as incidents,
} from './similarity.fixtures.test-support.js';
import { SimilarityRepository } from './similarity.repository.js';

const outsider: Actor = { id: 'u-out', name: 'Out', role: 'viewer', teamIds: ['other'], via: 'token' };

describe.each(STORE_KINDS)('similar incidents through SQL on %s', (kind) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let repo: SimilarityRepository;
  const memory = new SimilarityIndex();
  for (const incident of incidents) memory.add(incident);

  beforeAll(async () => {
    store = await freshStore(kind);
    await insertSimilarityFixtures(store.db);
    repo = new SimilarityRepository(store.db, systemActor);
    expect(await repo.refresh()).toBe(2 * incidents.length);
    expect(await repo.refresh()).toBe(0);
  });
  afterAll(() => store.dispose());

  it('ranks exactly as the in-memory index and reaches precision@5 ≥ 0.85 on the labelled set', async () => {
    const runs = [];
    for (const pair of pairs) {
      const [doc] = await repo.documents([pair.query]);
      const results = await findSimilar(repo, doc!, { k: 5 });
      expect(results, pair.query).toEqual(memory.query(pair.query, { k: 5 }));
      runs.push({ results, relevant: pair.relevant });
    }
    const p5 = meanPrecisionAtK(runs, 5);
    console.log(`precision@5 through the ${kind} SQL path: ${p5?.toFixed(4)} over ${runs.length} queries`);
    expect(p5).toBeGreaterThanOrEqual(0.85);
  });

  /** The candidate query of a fixture, as findSimilar asks it: terms rarest first, at most `limit`. */
  async function candidateQuery(id: string, limit: number): Promise<CandidateQuery> {
    const [doc] = await repo.documents([id]);
    const analysed = analyseDocument(doc!);
    const stats = await repo.corpusStats([...analysed.terms.keys()]);
    const df = (t: string) => stats.df.get(t) ?? 0;
    const terms = [...analysed.terms.keys()].sort((a, b) => df(a) - df(b) || a.localeCompare(b));
    return { id, terms, services: [...analysed.services], before: doc!.occurred_at, limit, stats };
  }

  it('cuts candidates at the limit exactly where the in-memory index does (most mass first, ties by id)', async () => {
    for (const pair of pairs) {
      for (const limit of [1, 4, 12]) {
        const query = await candidateQuery(pair.query, limit);
        const ids = (await repo.candidates(query)).map((c) => c.id);
        expect(ids, `${pair.query} limit ${limit}`).toEqual(
          (await memory.candidates(query)).map((c) => c.id),
        );
      }
    }
  });

  it('re-indexes a changed incident, and never offers a restricted incident to a non-member', async () => {
    const target = incidents.find((i) => i.id === 'INC-2024-106')!;
    const [doc] = await repo.documents([target.id]);
    const before = await findSimilar(repo, doc!, { k: 5 });
    const top = before[0]!.id;
    await store.db
      .updateTable('incidents')
      .set({ restricted: 1, version: 2 })
      .where('id', '=', top)
      .execute();
    expect(await repo.refresh()).toBe(2);
    const hidden = await findSimilar(new SimilarityRepository(store.db, outsider), doc!, { k: 5 });
    expect(hidden.map((r) => r.id)).not.toContain(top);
    expect(hidden).toHaveLength(5);
    // The limit is filled from the next candidates, not left one short.
    const query = await candidateQuery(target.id, 4);
    const expected = (await memory.candidates({ ...query, limit: 5 }))
      .map((c) => c.id)
      .filter((id) => id !== top);
    const outsiderRepo = new SimilarityRepository(store.db, outsider);
    expect((await outsiderRepo.candidates(query)).map((c) => c.id)).toEqual(expected.slice(0, 4));
    const member = { ...outsider, teamIds: ['secops'] };
    expect((await findSimilar(new SimilarityRepository(store.db, member), doc!, { k: 5 }))[0]?.id).toBe(top);
  });
});
