import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_KINDS, freshStore } from '../../../test/support/stores.js';
import type { Action } from '../../core/actions/action.schema.js';
import { insertActionRow } from './action.rows.test-support.js';

const SINCE = '2024-03-01T00:00:00.000Z';
const before = Date.parse('2024-02-01T00:00:00Z');
const after = Date.parse('2024-03-05T00:00:00Z');

/** What the reminder jobs must see of each action, and why. */
const ACTIONS: {
  number: number;
  status: string;
  assigned_ms?: number;
  verified_ms?: number;
  seen: boolean;
}[] = [
  { number: 1, status: 'open', seen: true },
  { number: 2, status: 'done', seen: false },
  { number: 3, status: 'in_progress', seen: true },
  { number: 5, status: 'blocked', seen: true },
  // Closed, but assigned or verified since the lookback: digests still mention it.
  { number: 8, status: 'done', assigned_ms: after, seen: true },
  { number: 9, status: 'verified', verified_ms: after, seen: true },
  { number: 10, status: 'verified', verified_ms: before, seen: false },
  { number: 11, status: 'wont_do', seen: false },
  ...Array.from({ length: 14 }, (_, i) => ({
    number: 20 + i,
    status: i % 3 === 0 ? 'done' : 'open',
    seen: i % 3 !== 0,
  })),
];

/*
 * The reminder pass reads the open actions in pages, so a large store neither sits in memory at once nor holds
 * the event loop (SQLite answers synchronously): each action exactly once, in order, whatever the page size.
 */
describe.each(STORE_KINDS)('actions for the reminder jobs, in pages, on %s', (kind) => {
  let store: Awaited<ReturnType<typeof freshStore>>;

  beforeAll(async () => {
    store = await freshStore(kind);
    for (const a of ACTIONS) {
      const id = `ACT-${a.number}`;
      await insertActionRow(store.db, { id, due_date: '2024-03-10', status: a.status });
      if (a.assigned_ms) {
        await store.db
          .updateTable('actions')
          .set({ assigned_at_ms: a.assigned_ms })
          .where('id', '=', id)
          .execute();
      }
      if (a.verified_ms) {
        await store.db
          .insertInto('action_verifications')
          .values({
            action_id: id,
            evidence_kind: 'test',
            evidence: 'passed',
            verified_by: 'sam',
            verified_at_ms: a.verified_ms,
            recheck_on: null,
          })
          .execute();
      }
    }
  });
  afterAll(() => store.dispose());

  const expected = ACTIONS.filter((a) => a.seen).map((a) => `ACT-${a.number}`);

  it.each([1, 4, 7, expected.length, 100])(
    'returns each action once, in order, in pages of %i',
    async (size) => {
      const pages: Action[][] = [];
      for await (const page of store.stores.actions.listForReminders(SINCE, size)) pages.push(page);
      expect(pages.flat().map((a) => a.id)).toEqual(expected);
      expect(pages.every((page) => page.length > 0 && page.length <= size)).toBe(true);
      expect(pages).toHaveLength(Math.ceil(expected.length / size));
      expect(pages.flat().find((a) => a.id === 'ACT-9')?.verification?.evidence).toBe('passed');
    },
  );

  it('lets other work run between pages', async () => {
    let pagesBeforeOtherWork: number | undefined;
    let pages = 0;
    setImmediate(() => (pagesBeforeOtherWork = pages));
    for await (const _ of store.stores.actions.listForReminders(SINCE, 2)) pages++;
    expect(pages).toBeGreaterThan(2);
    expect(pagesBeforeOtherWork).toBeDefined();
    expect(pagesBeforeOtherWork).toBeLessThan(pages);
  });
});
