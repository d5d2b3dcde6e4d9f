import type { Kysely } from 'kysely';

/*
 * Frozen: actions by due date with their status and id, replacing the due-date index of 0009 (its prefix).
 * The action implementation KPI counts the actions due in a period by status and joins their verification;
 * with the status in the index it no longer reads each action's row: 178 → 70 ms for 90 days of 400k
 * actions on SQLite.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('actions_due_status_idx')
    .on('actions')
    .columns(['due_date', 'status', 'id'])
    .execute();
  await db.schema.dropIndex('actions_due_idx').execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('this migration cannot be reverted; restore a backup instead'));
}
