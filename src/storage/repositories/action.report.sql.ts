import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type RawBuilder,
  type SqlBool,
} from 'kysely';
import { ACTION_STATUSES, type ActionStatus } from '../../core/actions/action.schema.js';
import type { ActionSummary } from '../../core/actions/action.report.js';
import type { Database } from '../schema.js';
import { overdueCondition } from './action.query.js';

type Condition = (eb: ExpressionBuilder<Database, 'actions'>) => Expression<SqlBool>;

export interface ActionCounts {
  total: number;
  overdue: number;
  by: Record<'status' | 'priority' | 'category' | 'owner' | 'team', { key: string; n: number }[]>;
}

/**
 * The report's counts, computed by the database: one GROUP BY per dimension over the visible, filtered
 * actions, plus the total and the overdue count. Nothing is loaded row by row.
 */
export async function countsBy(
  db: Kysely<Database>,
  visible: Condition,
  filter: Condition,
  today: string,
): Promise<ActionCounts> {
  const base = db.selectFrom('actions').where(visible).where(filter);
  const group = async (key: RawBuilder<string>): Promise<{ key: string; n: number }[]> => {
    const rows = await base
      .select((eb) => [key.as('key'), eb.fn.countAll<number>().as('n')])
      .groupBy(key)
      .execute();
    return rows.map((r) => ({ key: String(r.key), n: Number(r.n) }));
  };
  const [totals, status, priority, category, owner, team] = await Promise.all([
    base
      .select((eb) => [
        eb.fn.countAll<number>().as('total'),
        eb.fn.sum<number>(eb.case().when(overdueCondition(today)(eb)).then(1).else(0).end()).as('overdue'),
      ])
      .executeTakeFirstOrThrow(),
    group(sql<string>`actions.status`),
    group(sql<string>`actions.priority`),
    group(sql<string>`actions.category`),
    group(sql<string>`actions.owner_kind || ':' || actions.owner_id`),
    group(sql<string>`coalesce(actions.team, '(none)')`),
  ]);
  return {
    total: Number(totals.total),
    overdue: Number(totals.overdue ?? 0),
    by: { status, priority, category, owner, team },
  };
}

const record = (rows: { key: string; n: number }[]): Record<string, number> =>
  Object.fromEntries(
    [...rows].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((r) => [r.key, r.n]),
  );

/** The counts in the shape of core's ActionSummary, every status and priority present (0 when none). */
export function summaryFromCounts(counts: ActionCounts): ActionSummary {
  const byStatus = Object.fromEntries(ACTION_STATUSES.map((s) => [s, 0])) as Record<ActionStatus, number>;
  for (const r of counts.by.status) byStatus[r.key as ActionStatus] = r.n;
  const byPriority = { Critical: 0, High: 0, Medium: 0, Low: 0, ...record(counts.by.priority) };
  return {
    total: counts.total,
    overdue: counts.overdue,
    by_status: byStatus,
    by_priority: byPriority,
    by_category: record(counts.by.category),
    by_owner: record(counts.by.owner),
    by_team: record(counts.by.team),
  };
}
