export { SqlKpiSource } from './kpi.source.sql.js';
export { SqlTrendSource } from './trend.source.sql.js';
export { NO_ACTION_TABLES } from './kpi.actions.sql.js';
export type { ActionAggregates } from './kpi.actions.sql.js';
export { teamsInScope } from './kpi.teams.sql.js';
export { durationAggregate } from './kpi.percentile.sql.js';
