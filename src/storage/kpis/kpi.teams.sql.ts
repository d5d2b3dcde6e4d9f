import { sql, type Kysely } from 'kysely';
import type { KpiScope } from '../../core/kpis/kpi.source.js';
import type { Database } from '../schema.js';
import { scopeCondition } from './kpi.scope.sql.js';

/** Teams with at least one incident declared in the scope (restricted ones included), in name order. */
export async function teamsInScope(db: Kysely<Database>, scope: KpiScope): Promise<string[]> {
  const { rows } = await sql<{ team: string }>`select distinct i.team as team from incidents i
    where i.team is not null and ${scopeCondition(scope, 'i', 'declared_ms')} order by team`.execute(db);
  return rows.map((r) => r.team);
}
