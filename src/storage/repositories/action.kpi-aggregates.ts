import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { KpiScope, RatioInput } from '../../core/kpis/kpi.source.js';
import type { OverdueGroup } from '../../core/kpis/trend-report.source.js';
import type { StoreKind } from '../database.js';
import type { ActionAggregates } from '../kpis/kpi.actions.sql.js';
import { scopeCondition } from '../kpis/kpi.scope.sql.js';
import { RefreshQueue } from '../kpis/refresh-queue.js';
import type { Database } from '../schema.js';
import { refreshActionDays, utcDay, type ActionDayTables } from './action.kpi-days.js';
import { overdueGroupsFromActions, overdueGroupsFromTable } from './action.overdue-groups.js';

type Counts = {
  numerator: number | string | null;
  denominator: number | string | null;
  excluded: number | string | null;
};

/** Whether the scope narrows by team, service or severity (the period is applied separately). */
const filtered = (scope: KpiScope): boolean =>
  (scope.team_ids?.length ?? 0) > 0 ||
  (scope.services?.length ?? 0) > 0 ||
  (scope.severities?.length ?? 0) > 0;

/**
 * True when one of the action's incidents is in the scope (teams, services, severities; no period).
 * Unfiltered, every action qualifies (each names at least one incident), so the per-action lookup is left
 * out: on the dashboard's default view it was most of the query's time.
 */
function inScope(scope: KpiScope): RawBuilder<boolean> {
  if (!filtered(scope)) return sql<boolean>`1 = 1`;
  return sql<boolean>`exists (select 1 from action_incidents sai inner join incidents i on i.id = sai.incident_id
    where sai.action_id = a.id and ${scopeCondition(scope, 'i', null)})`;
}

/**
 * The action and feedback KPIs in SQL over this module's tables (the seam `ActionAggregates` of
 * src/storage/kpis): one aggregate query each, restricted incidents counted and never named, as the other
 * KPIs do. Dates of the period are its UTC days.
 */
export class SqlActionAggregates implements ActionAggregates {
  private readonly days: RefreshQueue;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: StoreKind,
  ) {
    this.days = new RefreshQueue(() => refreshActionDays(db, kind));
  }

  /**
   * Due in [from, to): verified on or before the due date ÷ due; won't-do actions excluded. Unfiltered, the
   * per-day counts of kpi_action_days (one row per due date); narrowed to teams, services or severities, the
   * actions themselves, since a day's counts do not split by the incidents' attributes.
   */
  async actionImplementation(scope: KpiScope): Promise<RatioInput> {
    if (!filtered(scope)) return this.dueDaysImplementation(scope);
    const verifiedDay = utcDay(this.kind, sql`v.verified_at_ms`);
    const { rows } = await sql<Counts>`select
        sum(case when a.status = 'wont_do' then 1 else 0 end) as excluded,
        sum(case when a.status = 'wont_do' then 0 else 1 end) as denominator,
        sum(case when a.status = 'verified' and ${verifiedDay} <= a.due_date then 1 else 0 end) as numerator
      from actions a left join action_verifications v on v.action_id = a.id
      where a.due_date >= ${scope.from.slice(0, 10)} and a.due_date < ${scope.to.slice(0, 10)}
        and ${inScope(scope)}`.execute(this.db);
    const r = rows[0];
    return {
      numerator: Number(r?.numerator ?? 0),
      denominator: Number(r?.denominator ?? 0),
      excluded: Number(r?.excluded ?? 0),
    };
  }

  private async dueDaysImplementation(scope: KpiScope): Promise<RatioInput> {
    await this.days.refresh();
    const row = await this.db
      .withTables<ActionDayTables>()
      .selectFrom('kpi_action_days')
      .select((eb) => [
        eb.fn.sum<number | string | null>('on_time').as('numerator'),
        eb.fn.sum<number | string | null>('due').as('denominator'),
        eb.fn.sum<number | string | null>('excluded').as('excluded'),
      ])
      .where('due_date', '>=', scope.from.slice(0, 10))
      .where('due_date', '<', scope.to.slice(0, 10))
      .executeTakeFirst();
    return {
      numerator: Number(row?.numerator ?? 0),
      denominator: Number(row?.denominator ?? 0),
      excluded: Number(row?.excluded ?? 0),
    };
  }

  /** Actions still to be done and due before `asOf`'s day, per owning team and owner, most first. */
  /**
   * Overdue groups at `asOf`: unfiltered, from kpi_overdue_groups brought to that day (unless it is kept for a
   * later one); filtered, or for an earlier day, counted from the actions.
   */
  async overdueActions(scope: KpiScope, asOf: string): Promise<OverdueGroup[]> {
    if (!filtered(scope)) {
      const fromTable = await overdueGroupsFromTable(this.db, this.kind, asOf);
      if (fromTable) return fromTable;
    }
    return overdueGroupsFromActions(this.db, asOf, inScope(scope));
  }
}
