import type { DimensionRow, TrendFinding, TrendOptions, TrendRecommendation } from './trend-report.schema.js';
import type { OverdueGroup, RepeatSignature, TrendDimension } from './trend-report.source.js';

const LABEL: Record<TrendDimension, string> = {
  severity: 'severity',
  category: 'category',
  factor_category: 'contributing-factor category',
  service: 'service',
  attack_vector: 'attack vector',
};

/**
 * Findings from the counts: the largest increases (a value needs `min_count` incidents now; the relative change
 * is only quoted when the previous count also reaches it, so 1 → 2 is never "+100%"), services with repeat
 * incidents, and overdue-action hot spots. Each finding gets one recommendation that names it.
 */
export function extractFindings(
  by: Record<TrendDimension, DimensionRow[]>,
  repeats: readonly RepeatSignature[],
  overdue: readonly OverdueGroup[],
  options: TrendOptions,
): { findings: TrendFinding[]; recommendations: TrendRecommendation[] } {
  const findings: TrendFinding[] = [];
  const recommendations: TrendRecommendation[] = [];
  const next = (): string => `F${findings.length + 1}`;

  const increases = (Object.entries(by) as Array<[TrendDimension, DimensionRow[]]>)
    .flatMap(([dimension, rows]) => rows.map((row) => ({ dimension, row })))
    .filter(({ row }) => row.change > 0 && row.count >= options.min_count && row.key !== 'unknown')
    .sort(
      (a, b) =>
        b.row.change - a.row.change ||
        // A relative change from a small base (null) is the least reliable, so it sorts last.
        (b.row.change_pct ?? -1e9) - (a.row.change_pct ?? -1e9) ||
        a.dimension.localeCompare(b.dimension) ||
        a.row.key.localeCompare(b.row.key),
    )
    .slice(0, options.max_increase_findings);
  for (const { dimension, row } of increases) {
    const id = next();
    const relative = row.change_pct === null ? 'from a small base' : `+${row.change_pct}%`;
    findings.push({
      id,
      kind: 'increase',
      dimension,
      key: row.key,
      count: row.count,
      summary: `${capital(LABEL[dimension])} ${row.key}: ${row.count} incidents, up ${row.change} from ${row.previous} (${relative}).`,
    });
    recommendations.push({
      finding_id: id,
      priority: row.count >= 2 * options.min_count ? 'High' : 'Medium',
      text: increaseAdvice(dimension, row),
    });
  }

  const byService = new Map<string, { repeats: number; signatures: number }>();
  for (const r of repeats) {
    const service = r.service ?? 'unknown';
    const entry = byService.get(service) ?? { repeats: 0, signatures: 0 };
    entry.repeats += r.count - 1;
    entry.signatures += 1;
    byService.set(service, entry);
  }
  const hotServices = [...byService.entries()]
    .filter(([service, e]) => service !== 'unknown' && e.repeats >= options.min_repeats)
    .sort((a, b) => b[1].repeats - a[1].repeats || a[0].localeCompare(b[0]))
    .slice(0, options.max_repeat_findings);
  for (const [service, e] of hotServices) {
    const id = next();
    findings.push({
      id,
      kind: 'repeats',
      dimension: 'service',
      key: service,
      count: e.repeats,
      summary: `Service ${service}: ${e.repeats} repeat incidents across ${e.signatures} signature(s).`,
    });
    recommendations.push({
      finding_id: id,
      priority: e.repeats >= 3 ? 'High' : 'Medium',
      text:
        `Check whether the actions from the first incident of each ${service} signature were verified and ` +
        `effective, and hold one review across the repeats to find the contributing factor they share.`,
    });
  }

  const hotSpots = overdue
    .filter((g) => g.count >= options.min_overdue)
    .sort(
      (a, b) =>
        b.count - a.count || a.oldest_due.localeCompare(b.oldest_due) || a.owner.localeCompare(b.owner),
    )
    .slice(0, options.max_overdue_findings);
  for (const g of hotSpots) {
    const id = next();
    const who = g.team ? `${g.owner} (team ${g.team})` : g.owner;
    findings.push({
      id,
      kind: 'overdue',
      key: who,
      count: g.count,
      summary: `${who} has ${g.count} overdue actions, the oldest due ${g.oldest_due.slice(0, 10)}.`,
    });
    recommendations.push({
      finding_id: id,
      priority: g.count >= 2 * options.min_overdue ? 'High' : 'Medium',
      text:
        `Re-plan ${who}'s overdue actions with their owner: set realistic due dates, reassign, or close them ` +
        `as won't-do with a reason so the risk is accepted explicitly.`,
    });
  }
  return { findings, recommendations };
}

function increaseAdvice(dimension: TrendDimension, row: DimensionRow): string {
  switch (dimension) {
    case 'service':
      return `Review the ${row.count} ${row.key} incidents together for a shared contributing factor, and check that earlier ${row.key} actions were verified.`;
    case 'category':
      return `Look at the preventive and detective controls for ${row.key} incidents; the rise suggests a gap that single reviews did not close.`;
    case 'attack_vector':
      return `Strengthen detection and hardening for the ${row.key} attack vector, and check whether the same entry point recurs.`;
    case 'factor_category':
      return `More ${row.key} contributing factors were found: check whether the related lessons became actions, and whether those actions were verified.`;
    case 'severity':
      return `${row.key} incidents rose: review whether severity criteria are applied consistently and what drove the increase.`;
  }
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
