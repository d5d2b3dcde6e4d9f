import type { OverdueGroup } from '../../core/kpis/trend-report.source.js';
import type { KpiScope, RatioInput } from '../../core/kpis/kpi.source.js';

/** The aggregates that read actions (their tables belong to the actions module). */
export interface ActionAggregates {
  actionImplementation(scope: KpiScope): Promise<RatioInput>;
  overdueActions(scope: KpiScope, asOf: string): Promise<OverdueGroup[]>;
}

/**
 * For a source read without the actions module (the KPI source's own tests): no actions are due or overdue,
 * so action implementation reports no data (n = 0, status no_data), never a made-up value.
 */
export const NO_ACTION_TABLES: ActionAggregates = {
  actionImplementation: () => Promise.resolve({ numerator: 0, denominator: 0, excluded: 0 }),
  overdueActions: () => Promise.resolve([]),
};
