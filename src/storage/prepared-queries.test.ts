import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildActor } from '../../test/support/actors.js';
import { buildIncidentInput } from '../../test/support/factories.js';
import { STORE_KINDS, freshStore } from '../../test/support/stores.js';
import { ManualClock } from '../core/shared/clock.js';
import { buildServices } from '../services.js';
import { runPrepared } from './prepared-queries.js';
import type { Store } from './store.js';

describe.each(STORE_KINDS)('prepared queries on %s', (kind) => {
  let store: Store & { dispose(): Promise<void> };
  const ids: string[] = [];

  beforeAll(async () => {
    store = await freshStore(kind);
    const services = buildServices(store, new ManualClock('2024-01-16T10:00:00Z'));
    for (const title of ['Disk full on db-1', 'Expired certificate on api']) {
      ids.push((await services.incidents.create(buildActor(), buildIncidentInput({ title }))).id);
    }
  });
  afterAll(() => store.dispose());

  const titleOf = (key: string, id: string) =>
    runPrepared(
      store.db,
      key,
      (slot) => store.db.selectFrom('incidents').select('title').where('id', '=', slot('id')),
      { id },
    );

  it('runs one compiled query with each call’s values, also inside a transaction', async () => {
    const [first, second] = ids;
    expect(await titleOf('title-by-id', first ?? '')).toEqual([{ title: 'Disk full on db-1' }]);
    expect(await titleOf('title-by-id', second ?? '')).toEqual([{ title: 'Expired certificate on api' }]);
    const inside = await store.db
      .transaction()
      .execute((trx) =>
        runPrepared(
          trx,
          'title-by-id',
          (slot) => trx.selectFrom('incidents').select('title').where('id', '=', slot('id')),
          { id: first },
        ),
      );
    expect(inside).toEqual([{ title: 'Disk full on db-1' }]);
  });

  it('fills every slot of a list, and fixed values written as literals', async () => {
    const rows = await runPrepared(
      store.db,
      'titles-in',
      (slot) =>
        store.db
          .selectFrom('incidents')
          .select('title')
          .where('id', 'in', [slot('a'), slot('b')])
          .where('restricted', '=', sql.lit(0))
          .orderBy('title'),
      { a: ids[1], b: ids[0] },
    );
    expect(rows.map((r) => r.title)).toEqual(['Disk full on db-1', 'Expired certificate on api']);
  });

  it('refuses a builder that captured its caller’s value instead of a slot', async () => {
    const captured = ids[0] ?? '';
    await expect(
      runPrepared(
        store.db,
        'captured-value',
        () => store.db.selectFrom('incidents').select('title').where('id', '=', captured),
        {},
      ),
    ).rejects.toThrow('prepared query captured-value: parameter 1 is a value, not a slot');
  });

  it('refuses a call without a value for a slot, and a slot the query does not use', async () => {
    await expect(
      runPrepared(
        store.db,
        'title-by-id',
        (slot) => store.db.selectFrom('incidents').select('title').where('id', '=', slot('id')),
        {},
      ),
    ).rejects.toThrow('prepared query title-by-id: no value for slot id');
    await expect(
      runPrepared(
        store.db,
        'unused-slot',
        (slot) => {
          slot('never');
          return store.db.selectFrom('incidents').select('title');
        },
        { never: 1 },
      ),
    ).rejects.toThrow('prepared query unused-slot: slot never is not a parameter');
  });
});
