import type { Kysely } from 'kysely';

/*
 * Frozen: actions by due date alone. The action implementation KPI counts the actions due in a period
 * whatever their status; the (status, due_date) index of 0004 cannot serve that range, so every dashboard
 * read scanned all actions.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('actions_due_idx').on('actions').column('due_date').execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('this migration cannot be reverted; restore a backup instead'));
}
