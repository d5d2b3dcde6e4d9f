import { describe, expect, it } from 'vitest';
import type { SimilarityDocumentInput } from './similarity.document.js';
import { SimilarityIndex } from './similarity.index.js';

const WORDS = [
  'disk',
  'certificate',
  'pool',
  'latency',
  'replica',
  'token',
  'bucket',
  'queue',
  'dns',
  'cache',
];
const SERVICES = ['orders', 'payments', 'search', 'auth', 'kafka'];

/** Incident i of a small deterministic corpus: words and services picked by i, one day apart. */
function incident(i: number, version = 0): SimilarityDocumentInput {
  const word = (k: number) => WORDS[(i * 7 + k * 3 + version) % WORDS.length] as string;
  return {
    id: `INC-${String(i).padStart(5, '0')}`,
    occurred_at: new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString(),
    title: `${word(0)} ${word(1)} failure ${i % 13}`,
    description: `${word(2)} ${word(3)} after change ${i % 17}`,
    services: [SERVICES[i % SERVICES.length] as string],
    factors: i % 3 === 0 ? [{ category: 'technical', description: `${word(4)} alert missing` }] : [],
  };
}

describe('SimilarityIndex slots', () => {
  const size = 1500;
  const ids = Array.from({ length: size }, (_, i) => incident(i).id);
  const queries = ids.filter((_, i) => i % 37 === 5 && i % 10 !== 0);

  it('answers as an index built once after trimming, thousands of replacements and removals (slots renumbered)', () => {
    const churned = new SimilarityIndex({ commonTermFloor: 10 });
    for (let i = 0; i < size; i++) churned.add(incident(i, 1));
    churned.trim(); // room given back, then grown again by the replacements
    for (let i = 0; i < size; i++) churned.add(incident(i, 2));
    for (let i = 0; i < size; i++) churned.add(incident(i));
    for (let i = 0; i < size; i += 10) churned.remove(incident(i).id);
    const once = new SimilarityIndex({ commonTermFloor: 10 });
    for (let i = 0; i < size; i++) if (i % 10 !== 0) once.add(incident(i));
    expect(churned.size).toBe(once.size);
    for (const id of queries) {
      const expected = once.query(id, { k: 5 });
      expect(expected.length).toBeGreaterThan(0);
      expect(churned.query(id, { k: 5 }), id).toEqual(expected);
    }
  });

  it('never offers hidden incidents, the query itself or later ones, and fills the limit from the rest', async () => {
    const index = new SimilarityIndex({ commonTermFloor: 10 });
    for (let i = 0; i < size; i++) index.add(incident(i));
    const query = incident(1200);
    const terms = ['disk', 'certif', 'pool'];
    const ask = { id: query.id, terms, services: query.services ?? [], before: query.occurred_at, limit: 20 };
    const open = (await index.candidates(ask)).map((c) => c.id);
    expect(open).toHaveLength(20);
    const hidden = new Set(open.slice(0, 5));
    const kept = (await index.candidates(ask, hidden)).map((c) => c.id);
    expect(kept.slice(0, 15)).toEqual(open.slice(5));
    expect(kept).toHaveLength(20);
    for (const c of await index.candidates(ask, hidden)) {
      expect(hidden.has(c.id) || c.id === query.id).toBe(false);
      expect(c.occurredAt).toBeLessThan(Date.parse(query.occurred_at));
    }
    // Hiding is per call: the next lookup sees everything again.
    expect((await index.candidates(ask)).map((c) => c.id)).toEqual(open);
  });

  it('gives back the vector it was given, whatever was replaced around it', () => {
    const index = new SimilarityIndex();
    index.add(incident(1, 1));
    index.add(incident(2));
    index.add(incident(1));
    const fresh = new SimilarityIndex();
    fresh.add(incident(2));
    fresh.add(incident(1));
    expect(index.query(incident(2).id)).toEqual(fresh.query(incident(2).id));
    expect(index.candidateCount(incident(2).id)).toBe(1);
  });
});
