import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.js';
import { SimilarityIndex } from './similarity.index.js';
import { findSimilar } from './similarity.port.js';
import { meanPrecisionAtK, precisionAtK } from './similarity.precision.js';
import { stem, tokenize } from './similarity.tokenize.js';
import type { SimilarityDocumentInput } from './similarity.document.js';

const doc = (
  id: string,
  month: number,
  extra: Partial<SimilarityDocumentInput>,
): SimilarityDocumentInput => ({
  id,
  occurred_at: `2024-${String(month).padStart(2, '0')}-01T00:00:00Z`,
  title: '',
  ...extra,
});

const DOCS: SimilarityDocumentInput[] = [
  doc('A1', 1, {
    title: 'Checkout failing: database connection pool exhausted',
    services: ['checkout-api', 'orders-db'],
    factors: [{ category: 'technical', description: 'Pool size too small for peak traffic' }],
  }),
  doc('B1', 2, {
    title: 'TLS certificate expired on public API',
    services: ['api-gateway'],
    factors: [{ category: 'process', description: 'Renewal tracked by hand' }],
  }),
  doc('A2', 3, {
    title: 'Connection pool exhaustion on orders database',
    description: 'Checkout requests timed out waiting for pool connections.',
    services: ['Orders-DB'],
    factors: [{ category: 'technical', description: 'Slow query held connections' }],
  }),
  doc('C1', 4, { title: 'Kafka broker disk full', services: ['kafka'] }),
];

describe('tokenize', () => {
  it('lower-cases, splits on non-letters in any script, drops stop words and stems lightly', () => {
    expect(tokenize('The CloudTrail logging was STOPPED by a role')).toEqual([
      'cloudtrail',
      'log',
      'stop',
      'role',
    ]);
    expect(tokenize('Zugriffsschlüssel für Straße; 証明書の期限切れ')).toEqual([
      'zugriffsschlüssel',
      'für',
      'straße',
      '証明書の期限切れ',
    ]);
    expect(tokenize('port 22 and IMDSv1 on i-0abc')).toEqual(['port', '22', 'imdsv1', '0abc']);
  });

  it('stems plurals and -ed/-ing forms to the same term', () => {
    expect(['rotated', 'rotating', 'rotates'].map(stem)).toEqual(['rotat', 'rotat', 'rotate']);
    expect(['policies', 'policy'].map(stem)).toEqual(['policy', 'policy']);
    expect(['snapshots', 'snapshot', 'access', 'status'].map(stem)).toEqual([
      'snapshot',
      'snapshot',
      'access',
      'status',
    ]);
    expect(stem('stopped')).toBe('stop');
  });
});

describe('SimilarityIndex', () => {
  const index = new SimilarityIndex();
  for (const d of DOCS) index.add(d);

  it('returns only earlier incidents, best first, with an explanation', () => {
    const [first, ...rest] = index.query('A2');
    expect(first?.id).toBe('A1');
    expect(first?.explanation.shared_services).toEqual(['orders-db']);
    expect(first?.explanation.shared_factor_categories).toEqual(['technical']);
    expect(first?.explanation.shared_terms).toEqual(
      expect.arrayContaining(['pool', 'connection', 'checkout']),
    );
    expect(first?.score).toBeGreaterThan(0.3);
    expect(rest.map((r) => r.id)).not.toContain('C1'); // later
    expect(index.query('A1')).toEqual([]); // nothing earlier
  });

  it('combines the components with the documented weights', () => {
    const [first] = index.query('A2');
    const c = first?.components ?? { text: 0, services: 0, factors: 0 };
    expect(c.services).toBeCloseTo(1 / 2); // {orders-db} ∩ / {checkout-api, orders-db} ∪
    expect(c.factors).toBe(1);
    expect(first?.score).toBeCloseTo(0.7 * c.text + 0.2 * c.services + 0.1 * c.factors, 3);
  });

  it('queries a new, unindexed incident and supports removal', () => {
    const fresh = doc('NEW', 6, {
      title: 'Database connection pool exhausted again',
      services: ['orders-db'],
    });
    expect(index.query(fresh).map((r) => r.id)).toEqual(['A1', 'A2']);
    const copy = new SimilarityIndex();
    for (const d of DOCS) copy.add(d);
    copy.remove('A2');
    copy.remove('A2');
    expect(copy.size).toBe(3);
    expect(copy.query(fresh).map((r) => r.id)).toEqual(['A1']);
  });

  it('throws incident_not_found for an unknown id', () => {
    expect(() => index.query('nope')).toThrow(DomainError);
  });

  it('gives the same ranking through the SimilarityCandidates port', async () => {
    const fresh = doc('NEW', 6, {
      title: 'Orders database connection pool exhausted',
      services: ['orders-db'],
    });
    expect(await findSimilar(index, fresh)).toEqual(index.query(fresh));
  });

  it('pre-filters candidates by rare terms and services instead of scanning every incident', () => {
    const big = new SimilarityIndex({ commonTermFloor: 10 });
    for (let i = 0; i < 400; i++) {
      big.add(
        doc(`N${i}`, 1, {
          title: `Service latency incident ${i % 7} in region`,
          services: [`svc-${i % 40}`],
        }),
      );
    }
    for (const d of DOCS) big.add({ ...d, occurred_at: '2024-01-15T00:00:00Z' });
    const query = doc('Q', 9, {
      title: 'Orders database connection pool exhausted',
      services: ['orders-db'],
    });
    expect(big.candidateCount(query)).toBe(2);
    expect(big.query(query).map((r) => r.id)).toEqual(['A2', 'A1']);
  });
});

describe('precisionAtK', () => {
  it('counts relevant results among the first k over k', () => {
    expect(precisionAtK(['a', 'x', 'b'], ['a', 'b', 'c'], 5)).toBe(0.4);
    expect(precisionAtK([{ id: 'a' }, { id: 'b' }], ['a', 'b'], 2)).toBe(1);
    expect(
      meanPrecisionAtK(
        [
          { results: ['a'], relevant: ['a'] },
          { results: ['x'], relevant: ['a'] },
        ],
        1,
      ),
    ).toBe(0.5);
    expect(meanPrecisionAtK([], 5)).toBeNull();
    expect(() => precisionAtK([], [], 0)).toThrow(RangeError);
  });
});
