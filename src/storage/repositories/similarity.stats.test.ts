import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../core/shared/actor.js';
import { STORE_KINDS, freshStore } from '../../../test/support/stores.js';
import { refreshKpiFacts } from '../kpis/kpi.facts.sql.js';
import { insertIncidentRow, insertReviewRow } from '../kpis/kpi.rows.test-support.js';
import { SimilarityRepository } from './similarity.repository.js';
import { DOCUMENTS_KEY, REVISION_KEY, serviceKey, similarityDb } from './similarity.vectors.js';

const TITLES = [
  'Leaked access key used to mine crypto in eu-west-1',
  'Access key leaked in public repository, used from unknown IP',
  'Certificate expired on payments gateway',
  'Payments gateway certificate rotation failed',
  'Database failover left replicas stale',
];

describe.each(STORE_KINDS)('similarity statistics and change log on %s', (kind) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let repo: SimilarityRepository;

  beforeAll(async () => {
    store = await freshStore(kind);
    for (const [n, title] of TITLES.entries()) {
      const id = `INC-S-${n}`;
      await insertIncidentRow(store.db, {
        id,
        title,
        services: n < 2 ? ['IAM', ' iam '] : ['Payments'],
        at: { declared: `2024-0${n + 1}-01T00:00:00Z` },
      });
      await insertReviewRow(store.db, {
        incident_id: id,
        factors: [{ category: 'technical', description: 'key rotation was manual' }],
      });
    }
    repo = new SimilarityRepository(store.db, systemActor);
  });
  afterAll(() => store.dispose());

  /** What the stored statistics must equal: counts of the postings they summarise. */
  async function countedStats(): Promise<Map<string, number>> {
    const db = similarityDb(store.db);
    const out = new Map<string, number>();
    const terms = await db
      .selectFrom('similarity_terms')
      .select(['term', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('term')
      .execute();
    for (const r of terms) out.set(r.term, Number(r.n));
    const services = await db
      .selectFrom('similarity_services')
      .select(['service', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('service')
      .execute();
    for (const r of services) out.set(serviceKey(r.service), Number(r.n));
    const documents = await db
      .selectFrom('similarity_vectors')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out.set(DOCUMENTS_KEY, Number(documents.n));
    return out;
  }

  async function storedStats(): Promise<Map<string, number>> {
    const rows = await similarityDb(store.db).selectFrom('similarity_stats').select(['key', 'n']).execute();
    return new Map(
      rows.filter((r) => Number(r.n) !== 0 && r.key !== REVISION_KEY).map((r) => [r.key, Number(r.n)]),
    );
  }

  it('keeps document frequencies, service postings and the document count equal to the rows', async () => {
    expect(await repo.refresh()).toBe(2 * TITLES.length);
    const stats = await storedStats();
    expect(stats).toEqual(await countedStats());
    expect(stats.get(DOCUMENTS_KEY)).toBe(TITLES.length);
    expect(stats.get(serviceKey('iam'))).toBe(2);
    expect(stats.get('leak')).toBe(2);
    expect((await repo.corpusStats(['key', 'unseen'])).df).toEqual(
      new Map([
        ['key', TITLES.length],
        ['unseen', 0],
      ]),
    );
  });

  it('re-derives only what a write touched, once, even when two refreshes race', async () => {
    expect(await repo.refresh()).toBe(0);
    await store.db
      .updateTable('incidents')
      .set({
        title: 'Database failover promoted a stale replica',
        affected_services: '["Database"]',
        version: 2,
      })
      .where('id', '=', 'INC-S-3')
      .execute();
    await store.db.updateTable('reviews').set({ version: 2 }).where('incident_id', '=', 'INC-S-4').execute();
    const other = new SimilarityRepository(store.db, systemActor);
    const [a, b] = await Promise.all([repo.refresh(), other.refresh()]);
    // Each of the two changed incidents is re-derived for terms and for signatures, by one refresh or both.
    expect(a + b).toBeGreaterThanOrEqual(4);
    expect(await repo.refresh()).toBe(0);
    const stats = await storedStats();
    expect(stats).toEqual(await countedStats());
    expect(stats.get('certificate')).toBe(1);
    expect(stats.get('stale')).toBe(2);
    expect(stats.get(serviceKey('database'))).toBe(1);
    expect(stats.get(DOCUMENTS_KEY)).toBe(TITLES.length);
  });

  it('drops change-log entries every derived index has read, once every reader has been built', async () => {
    const left = async () => {
      const row = await similarityDb(store.db)
        .withTables<{ derived_index_changes: { seq: number } }>()
        .selectFrom('derived_index_changes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    };
    // The KPI facts were never built: a build from scratch would need what is written meanwhile.
    expect(await left()).toBeGreaterThan(0);
    await refreshKpiFacts(store.db, store.kind);
    expect(await left()).toBe(0);
  });
});
