import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_KINDS, freshStore } from '../../../test/support/stores.js';
import { loadParts } from './action.mapper.js';
import { insertActionRow } from './action.rows.test-support.js';

/*
 * The reminder pass loads the parts of every open action at once: more ids than a statement may bind (32 766 on
 * SQLite) failed the whole pass at 100k incidents. Parts must load for any number of ids, whichever chunk holds
 * an action.
 */
describe.each(STORE_KINDS)('loading action parts on %s', (kind) => {
  let store: Awaited<ReturnType<typeof freshStore>>;

  beforeAll(async () => {
    store = await freshStore(kind);
    for (const id of ['ACT-1', 'ACT-2']) {
      await insertActionRow(store.db, { id, due_date: '2024-03-01', status: 'open' });
      await store.db
        .insertInto('action_verifications')
        .values({
          action_id: id,
          evidence_kind: 'test',
          evidence: `${id} passed`,
          verified_by: 'sam',
          verified_at_ms: Date.parse('2024-03-02T00:00:00Z'),
          recheck_on: null,
        })
        .execute();
    }
  });
  afterAll(() => store.dispose());

  it('loads the parts of 70 000 ids, more than either store binds in one statement', async () => {
    const ids = Array.from({ length: 70_000 }, (_, n) => `ACT-${1_000_000 + n}`);
    ids.splice(4_999, 0, 'ACT-1');
    ids.push('ACT-2');
    const parts = await loadParts(store.db, ids);
    expect([...parts.verifications.keys()].sort()).toEqual(['ACT-1', 'ACT-2']);
    expect(parts.verifications.get('ACT-2')?.evidence).toBe('ACT-2 passed');
  });
});
