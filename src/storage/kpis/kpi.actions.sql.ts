import type { OverdueGroup } from '../../core/kpis/trend-report.source.js';
import type { KpiScope, RatingAggregate, RatioInput } from '../../core/kpis/kpi.source.js';

/** The aggregates that read actions and participant feedback (their tables belong to the actions module). */
export interface ActionAggregates {
  actionImplementation(scope: KpiScope): Promise<RatioInput>;
  improvementRatings(scope: KpiScope): Promise<RatingAggregate>;
  overdueActions(scope: KpiScope, asOf: string): Promise<OverdueGroup[]>;
}

/**
 * For a store without action and feedback tables: no actions are due and no ratings given, so the two KPIs
 * report no data (n = 0, status no_data), never a made-up value.
 */
export const NO_ACTION_TABLES: ActionAggregates = {
  actionImplementation: () => Promise.resolve({ numerator: 0, denominator: 0, excluded: 0 }),
  improvementRatings: () => Promise.resolve({ n: 0, mean: null }),
  overdueActions: () => Promise.resolve([]),
};
