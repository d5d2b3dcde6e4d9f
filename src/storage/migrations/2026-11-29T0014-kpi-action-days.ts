import { sql, SqliteAdapter, type Kysely } from 'kysely';

/*
 * Frozen: the action implementation KPI per due date. Its cohort is the actions due in the period; at 1M
 * incidents and 5M actions a 90-day period holds ~400k of them, and counting them with their verifications
 * took 1.1 s (PostgreSQL) and 2.3 s (SQLite) per period. Summed per due date, a period is at most one row
 * per day.
 * - kpi_action_days: per due date, the actions due (not won't-do), the won't-do ones (excluded) and those
 *   verified on or before their due date (UTC day of the verification). Derived data: rebuilt from scratch
 *   when its mark in derived_index_marks ('kpi_action_days') is missing, as it is after this migration.
 * - kpi_action_day_changes: due dates whose counts may have changed, written by triggers on actions (insert,
 *   delete, a new due date or status) and action_verifications, numbered in commit order; a refresh recounts
 *   the days logged up to a number and then deletes the log up to that number.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema
    .createTable('kpi_action_days')
    .addColumn('due_date', 'text', (c) => c.primaryKey())
    .addColumn('due', 'integer', (c) => c.notNull())
    .addColumn('excluded', 'integer', (c) => c.notNull())
    .addColumn('on_time', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('kpi_action_day_changes')
    .addColumn('id', sqlite ? 'integer' : 'bigint', (c) =>
      sqlite ? c.primaryKey().autoIncrement() : c.primaryKey(),
    )
    .addColumn('due_date', 'text', (c) => c.notNull())
    .execute();
  if (sqlite) await sqliteTriggers(db);
  else await postgresTriggers(db);
}

async function sqliteTriggers(db: Kysely<any>): Promise<void> {
  const log = (name: string, event: string, table: string, days: string) =>
    sql
      .raw(
        `create trigger ${name} after ${event} on ${table} begin ` +
          `insert into kpi_action_day_changes (due_date) ${days}; end`,
      )
      .execute(db);
  await log('actions_days_insert', 'insert', 'actions', 'select new.due_date');
  await log(
    'actions_days_update',
    'update of due_date, status',
    'actions',
    'select old.due_date union select new.due_date',
  );
  await log('actions_days_delete', 'delete', 'actions', 'select old.due_date');
  const dueOf = (row: string) => `select a.due_date from actions a where a.id = ${row}.action_id`;
  await log('verifications_days_insert', 'insert', 'action_verifications', dueOf('new'));
  await log('verifications_days_update', 'update', 'action_verifications', dueOf('new'));
  await log('verifications_days_delete', 'delete', 'action_verifications', dueOf('old'));
}

// Numbered at commit time from the counter of 0010 (deferred triggers), so numbers become visible in order and
// "every change up to n" is a safe thing to delete after recounting.
async function postgresTriggers(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `create function kpi_action_day_changed() returns trigger language plpgsql as $$
       declare next_seq bigint; day text; days text[];
       begin
         -- Each branch names only fields its table has: PL/pgSQL resolves every field of a statement.
         if TG_TABLE_NAME = 'action_verifications' then
           if TG_OP = 'DELETE' then
             days := array(select a.due_date from actions a where a.id = OLD.action_id);
           else
             days := array(select a.due_date from actions a where a.id = NEW.action_id);
           end if;
         elsif TG_OP = 'INSERT' then
           days := array[NEW.due_date];
         elsif TG_OP = 'DELETE' then
           days := array[OLD.due_date];
         elsif NEW.due_date = OLD.due_date then
           days := array[NEW.due_date];
         else
           days := array[OLD.due_date, NEW.due_date];
         end if;
         foreach day in array days loop
           update derived_index_counter set seq = seq + 1 where id = 1 returning seq into next_seq;
           insert into kpi_action_day_changes (id, due_date) values (next_seq, day);
         end loop;
         return null;
       end $$`,
    )
    .execute(db);
  for (const [name, events, table] of [
    ['actions_days', 'insert or update of due_date, status or delete', 'actions'],
    ['verifications_days', 'insert or update or delete', 'action_verifications'],
  ] as const) {
    await sql
      .raw(
        `create constraint trigger ${name} after ${events} on ${table} ` +
          `deferrable initially deferred for each row execute function kpi_action_day_changed()`,
      )
      .execute(db);
  }
}

export function down(): Promise<void> {
  return Promise.reject(new Error('this migration cannot be reverted; restore a backup instead'));
}
