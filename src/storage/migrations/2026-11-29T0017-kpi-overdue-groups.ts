import { sql, SqliteAdapter, type Kysely } from 'kysely';

/*
 * Frozen: the trend report's overdue actions per team and owner, kept for one as-of day. Grouping every open
 * action due before today took 3.1 s at 1M incidents (4M actions, 800k of them overdue) on SQLite.
 * - kpi_overdue_groups: per team ('' for none) and owner, the open actions due before the as-of day and the
 *   oldest due date among them. The as-of day is the table's mark in derived_index_marks ('kpi_overdue_groups',
 *   seq = days since 1970-01-01); without a mark (as after this migration) the first read counts from scratch.
 *   A later day adds the open actions that fell due in between; an earlier one is answered from the actions.
 * - kpi_overdue_group_changes: the groups whose counts may have changed, written by triggers on actions (insert,
 *   delete, a new status, due date, team or owner: the old and the new group), numbered in commit order.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema
    .createTable('kpi_overdue_groups')
    .addColumn('team_key', 'text', (c) => c.notNull())
    .addColumn('owner_kind', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('n', 'bigint', (c) => c.notNull())
    .addColumn('oldest_due', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('kpi_overdue_groups_pk', ['owner_kind', 'owner_id', 'team_key'])
    .execute();
  await db.schema
    .createTable('kpi_overdue_group_changes')
    .addColumn('id', sqlite ? 'integer' : 'bigint', (c) =>
      sqlite ? c.primaryKey().autoIncrement() : c.primaryKey(),
    )
    .addColumn('team_key', 'text', (c) => c.notNull())
    .addColumn('owner_kind', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .execute();
  if (sqlite) await sqliteTriggers(db);
  else await postgresTriggers(db);
}

const group = (row: string) => `coalesce(${row}.team, ''), ${row}.owner_kind, ${row}.owner_id`;

async function sqliteTriggers(db: Kysely<any>): Promise<void> {
  const log = (name: string, event: string, groups: string) =>
    sql
      .raw(
        `create trigger ${name} after ${event} on actions begin ` +
          `insert into kpi_overdue_group_changes (team_key, owner_kind, owner_id) ${groups}; end`,
      )
      .execute(db);
  await log('actions_overdue_insert', 'insert', `select ${group('new')}`);
  await log(
    'actions_overdue_update',
    'update of status, due_date, team, owner_kind, owner_id',
    `select ${group('old')} union select ${group('new')}`,
  );
  await log('actions_overdue_delete', 'delete', `select ${group('old')}`);
}

// Numbered at commit time from the counter of 0010, as in 0014.
async function postgresTriggers(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `create function kpi_overdue_group_changed() returns trigger language plpgsql as $$
       declare next_seq bigint;
       begin
         if TG_OP in ('UPDATE', 'DELETE') then
           update derived_index_counter set seq = seq + 1 where id = 1 returning seq into next_seq;
           insert into kpi_overdue_group_changes (id, team_key, owner_kind, owner_id)
             values (next_seq, ${group('OLD')});
         end if;
         if TG_OP in ('UPDATE', 'INSERT') then
           update derived_index_counter set seq = seq + 1 where id = 1 returning seq into next_seq;
           insert into kpi_overdue_group_changes (id, team_key, owner_kind, owner_id)
             values (next_seq, ${group('NEW')});
         end if;
         return null;
       end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create constraint trigger actions_overdue after insert or update of status, due_date, team, owner_kind, ` +
        `owner_id or delete on actions deferrable initially deferred for each row ` +
        `execute function kpi_overdue_group_changed()`,
    )
    .execute(db);
}

export function down(): Promise<void> {
  return Promise.reject(new Error('this migration cannot be reverted; restore a backup instead'));
}
