import { sql, type RawBuilder } from 'kysely';
import type { KpiScope } from '../../core/kpis/kpi.source.js';
import { BUILT_IN_TEMPLATES } from '../../core/reviews/templates/template.standard.js';
import { toMs } from '../repositories/instants.js';

/** Incident columns a KPI cohort can be dated by. */
export type PeriodColumn = 'declared_ms' | 'resolved_ms' | 'published_ms';

/**
 * The scope as a SQL condition over an incidents alias: `column` in [from, to) (no period when null), and
 * the team, service and severity filters; `idColumn` names the incident's id in the alias (kpi_incident_facts
 * calls it incident_id). Visibility is deliberately not applied: aggregates count restricted incidents (and never
 * name them), so a KPI means the same for every viewer.
 */
export function scopeCondition(
  scope: KpiScope,
  alias: string,
  column: PeriodColumn | null,
  idColumn = 'id',
): RawBuilder<boolean> {
  const ref = (c: string) => sql.ref(`${alias}.${c}`);
  const parts: RawBuilder<unknown>[] = [sql`1 = 1`];
  if (column) {
    parts.push(sql`${ref(column)} >= ${toMs(scope.from)}`, sql`${ref(column)} < ${toMs(scope.to)}`);
  }
  if (scope.team_ids && scope.team_ids.length > 0) {
    parts.push(sql`${ref('team')} in (${sql.join(scope.team_ids)})`);
  }
  if (scope.severities && scope.severities.length > 0) {
    parts.push(sql`${ref('severity')} in (${sql.join(scope.severities)})`);
  }
  if (scope.services && scope.services.length > 0) {
    parts.push(
      sql`exists (select 1 from incident_services scope_s where scope_s.incident_id = ${ref(idColumn)} and scope_s.service in (${sql.join(scope.services)}))`,
    );
  }
  return sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

/** Incident kinds that never need a review. */
export const NO_REVIEW_KINDS: readonly string[] = ['drill', 'test'];

/** Categories that built-in templates mark as needing no review (drill, test, game day …), lower-cased. */
export const NO_REVIEW_CATEGORIES: readonly string[] = [
  ...new Set(
    BUILT_IN_TEMPLATES.filter((t) => !t.requires_review).flatMap((t) =>
      t.applies_to.categories.map((c) => c.toLowerCase()),
    ),
  ),
];

/** True for incidents needing no review: a no-review kind, or a category a no-review template applies to. */
export function noReviewCondition(alias: string): RawBuilder<boolean> {
  return sql<boolean>`(${sql.ref(`${alias}.kind`)} in (${sql.join([...NO_REVIEW_KINDS])}) or lower(${sql.ref(`${alias}.category`)}) in (${sql.join([...NO_REVIEW_CATEGORIES])}))`;
}

/** True when a published review is filed under the incident or covers it. */
export function publishedReviewCondition(alias: string): RawBuilder<boolean> {
  const id = sql.ref(`${alias}.id`);
  return sql<boolean>`(exists (select 1 from reviews pr where pr.incident_id = ${id} and pr.published_at_ms is not null) or exists (select 1 from review_incidents pri inner join reviews pr2 on pr2.id = pri.review_id where pri.incident_id = ${id} and pr2.published_at_ms is not null))`;
}
