import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SimilarityIndex } from './similarity.index.js';
import { meanPrecisionAtK } from './similarity.precision.js';
import type { SimilarityDocumentInput } from './similarity.document.js';

interface Fixture extends SimilarityDocumentInput {
  family: string;
}
interface LabelledPair {
  query: string;
  family: string;
  relevant: string[];
}

const dir = new URL('../../../test/fixtures/similarity/', import.meta.url);
const incidents = JSON.parse(readFileSync(new URL('incidents.json', dir), 'utf8')) as Fixture[];
const pairs = JSON.parse(readFileSync(new URL('labelled-pairs.json', dir), 'utf8')) as LabelledPair[];

/** Measured 2026-11-28 with the default weights: 0.8667 (20.8 of 24 queries × 5). Below the floor is a regression. */
const PRECISION_AT_5_FLOOR = 0.85;

describe('similarity on the labelled set', () => {
  const index = new SimilarityIndex();
  for (const incident of incidents) index.add(incident);

  it('has at least 60 incidents and labelled queries with at least 5 relevant earlier incidents', () => {
    expect(incidents.length).toBeGreaterThanOrEqual(60);
    expect(pairs.length).toBeGreaterThanOrEqual(20);
    for (const pair of pairs) expect(pair.relevant.length).toBeGreaterThanOrEqual(5);
  });

  it(`reaches precision@5 ≥ ${PRECISION_AT_5_FLOOR}`, () => {
    const runs = pairs.map((pair) => ({
      results: index.query(pair.query, { k: 5 }),
      relevant: pair.relevant,
    }));
    const p5 = meanPrecisionAtK(runs, 5);
    expect(p5).toBeGreaterThanOrEqual(PRECISION_AT_5_FLOOR);
  });

  it('ranks an incident of the right family first for every query', () => {
    const family = new Map(incidents.map((i) => [i.id, i.family]));
    for (const pair of pairs) {
      const [top] = index.query(pair.query, { k: 1 });
      expect(family.get(top?.id ?? ''), `${pair.query}`).toBe(pair.family);
    }
  });
});
