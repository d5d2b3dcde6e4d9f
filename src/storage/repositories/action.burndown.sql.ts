import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import { ACTIVE_STATUSES } from '../../core/actions/action.lifecycle.js';
import type { BurnDownCounts, BurnDownSample } from '../../core/actions/action.burndown.js';
import type { Database } from '../schema.js';

type Condition = (eb: ExpressionBuilder<Database, 'actions'>) => Expression<SqlBool>;

/**
 * Open and overdue actions at each sample, in one query. Every status-history entry starts a status interval
 * that lasts until the action's next entry (LEAD over its history), so an action is open at `t` when the
 * interval covering `t` has an active status. The first entry is written at creation, so "created by `t`"
 * comes for free, and a reopened or completed-then-reopened action is counted as it really was; the
 * `completed_at` column alone would forget earlier completions and has no time for won't do.
 * The intervals of one action never overlap, so a sum over intervals counts each action at most once.
 */
export async function burnDownCounts(
  db: Kysely<Database>,
  visible: Condition,
  filter: Condition,
  samples: readonly BurnDownSample[],
): Promise<BurnDownCounts[]> {
  if (samples.length === 0) return [];
  const first = Math.min(...samples.map((s) => s.at_ms));
  const last = Math.max(...samples.map((s) => s.at_ms));
  const row = await db
    .with('intervals', (qb) =>
      qb
        .selectFrom('action_history as h')
        .innerJoin('actions', 'actions.id', 'h.action_id')
        .where(visible)
        .where(filter)
        .select((eb) => [
          'actions.due_date as due_date',
          'h.at_ms as start_ms',
          sql<number | null>`lead(h.at_ms) over (partition by h.action_id order by h.seq)`.as('end_ms'),
          eb
            .case()
            .when('h.to_status', 'in', [...ACTIVE_STATUSES])
            .then(1)
            .else(0)
            .end()
            .as('active'),
        ]),
    )
    .selectFrom('intervals as i')
    // Only intervals active somewhere in the sampled span can count.
    .where('i.active', '=', 1)
    .where('i.start_ms', '<=', last)
    .where((eb) => eb.or([eb('i.end_ms', 'is', null), eb('i.end_ms', '>', first)]))
    .select((eb) =>
      samples.flatMap((s, k) => {
        const openAt = eb.and([
          eb('i.start_ms', '<=', s.at_ms),
          eb.or([eb('i.end_ms', 'is', null), eb('i.end_ms', '>', s.at_ms)]),
        ]);
        return [
          eb.fn.sum<number>(eb.case().when(openAt).then(1).else(0).end()).as(`open_${k}`),
          eb.fn
            .sum<number>(
              eb
                .case()
                .when(eb.and([openAt, eb('i.due_date', '<', s.date)]))
                .then(1)
                .else(0)
                .end(),
            )
            .as(`overdue_${k}`),
        ];
      }),
    )
    .executeTakeFirst();
  const values = (row ?? {}) as Record<string, unknown>;
  return samples.map((_, k) => ({
    open: Number(values[`open_${k}`] ?? 0),
    overdue: Number(values[`overdue_${k}`] ?? 0),
  }));
}
