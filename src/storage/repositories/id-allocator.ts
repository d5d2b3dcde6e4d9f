import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/**
 * Next value of a named counter. One upsert statement, atomic on both stores: concurrent callers (also
 * in other server processes on the same PostgreSQL) never get the same number.
 */
export async function nextCounterValue(db: Kysely<Database>, name: string): Promise<number> {
  const row = await db
    .insertInto('id_counters')
    .values({ name, value: 1 })
    .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ value: eb('id_counters.value', '+', 1) })))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

/**
 * Makes sure a counter is at least `value`, so ids imported from elsewhere (INC-2024-0007) are never
 * handed out again by the allocator.
 */
export async function raiseCounter(db: Kysely<Database>, name: string, value: number): Promise<void> {
  await db
    .insertInto('id_counters')
    .values({ name, value })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value }).where('id_counters.value', '<', value))
    .execute();
}
