import { sql, type Kysely } from 'kysely';
import { computeKpis } from '../../src/core/kpis/kpi.compute.js';
import { previousPeriodOf, type KpiScope } from '../../src/core/kpis/kpi.source.js';
import { generateTrendReport } from '../../src/core/kpis/trend-report.js';
import { ManualClock } from '../../src/core/shared/clock.js';
import { DEFAULT_SIGNATURE_FIELDS } from '../../src/core/similarity/signature.js';
import type { StoreKind } from '../../src/storage/database.js';
import { SqlKpiSource, SqlTrendSource } from '../../src/storage/kpis/index.js';
import { refreshKpiFacts } from '../../src/storage/kpis/kpi.facts.sql.js';
import { SqlActionAggregates } from '../../src/storage/repositories/action.kpi-aggregates.js';
import { refreshActionDays } from '../../src/storage/repositories/action.kpi-days.js';
import { refreshOverdueGroups } from '../../src/storage/repositories/action.overdue-groups.js';
import {
  refreshDerivedIndex,
  signatureKind,
} from '../../src/storage/repositories/similarity.derived-index.js';
import { GENERATED_END_MS } from '../generate/generate.rows.js';
import { ratioOf, type BenchFigure, type SuiteContext } from '../lib/result.js';
import { timeRuns } from '../lib/stats.js';
import { handWrittenKpis } from './kpis.handwritten.js';

const DAY = 86_400_000;
/** Per measured path; a slow path gets at least 2 runs and is reported as slow rather than stalling the run. */
const BUDGET_MS = 20_000;

/**
 * The KPI dashboard (every KPI for the period and the previous one, as the API computes it) through the
 * product's SqlKpiSource vs the same aggregates as hand-written SQL; then the trend and repeat-signature
 * report. The derived signature index is built first and timed separately: it is incremental in the
 * product, so steady-state dashboards find it current.
 */
export async function kpiBench(ctx: SuiteContext, db: Kysely<any>, kind: StoreKind): Promise<BenchFigure[]> {
  const runs = ctx.quick ? 15 : 30;
  const figures: BenchFigure[] = [];
  const key = signatureKind(DEFAULT_SIGNATURE_FIELDS);
  const indexStart = Date.now();
  const indexed = await refreshDerivedIndex(db, key, DEFAULT_SIGNATURE_FIELDS);
  figures.push({
    benchmark: 'kpis',
    metric: 'signature_index_build',
    value: Date.now() - indexStart,
    unit: 'ms',
    note: `one-off derivation of ${indexed} incidents' signatures (incremental afterwards)`,
  });
  ctx.log(`  signature index: ${indexed} incidents in ${Date.now() - indexStart} ms`);
  figures.push(
    await oneOff(ctx, 'kpi_facts_build', 'incidents derived into kpi_incident_facts', () =>
      refreshKpiFacts(db, kind, DEFAULT_SIGNATURE_FIELDS),
    ),
    await oneOff(ctx, 'action_days_build', 'due dates counted into kpi_action_days (-1: from scratch)', () =>
      refreshActionDays(db, kind),
    ),
    await oneOff(
      ctx,
      'overdue_groups_build',
      "overdue (team, owner) groups counted as of the set's end",
      async () => {
        await refreshOverdueGroups(db, kind, Math.floor(GENERATED_END_MS / DAY));
        const { rows } = await sql<{
          n: number | string;
        }>`select count(*) as n from kpi_overdue_groups`.execute(db);
        return Number(rows[0]?.n ?? 0);
      },
    ),
  );
  const actions = new SqlActionAggregates(db, kind);
  const source = new SqlKpiSource(db, kind, actions);
  const size =
    ctx.incidents >= 1_000_000 ? 'large set' : `${ctx.incidents} incidents (goal is for the 1M set)`;
  for (const days of [90, 365]) {
    const scope = {
      from: new Date(GENERATED_END_MS - days * DAY).toISOString(),
      to: new Date(GENERATED_END_MS).toISOString(),
    };
    const previous = previousPeriodOf(scope);
    const product = await timeRuns(() => computeKpis(source, scope, undefined, previous), runs, 0, BUDGET_MS);
    const hand = await timeRuns(
      () =>
        Promise.all([
          handWrittenKpis(db, kind, { from: Date.parse(scope.from), to: Date.parse(scope.to) }, key),
          handWrittenKpis(db, kind, { from: Date.parse(previous.from), to: Date.parse(previous.to) }, key),
        ]),
      runs,
      2,
      BUDGET_MS,
    );
    const ratio = ratioOf(product.p95, hand.p95);
    if (days === 90) ctx.log(`  kpis per method (ms): ${JSON.stringify(await perMethod(source, scope))}`);
    ctx.log(`  kpis ${days}d: product p95 ${product.p95} ms, hand-written p95 ${hand.p95} ms (×${ratio})`);
    figures.push({
      benchmark: 'kpis',
      metric: `dashboard_${days}d_p95`,
      value: product.p95,
      unit: 'ms',
      baseline: hand.p95,
      baseline_label: 'hand-written SQL of the same aggregates, same run',
      ratio,
      goal: 'p95 < 150 ms and ≤ 1.3× hand-written (large set)',
      met: product.p95 < 150 && (ratio ?? Infinity) <= 1.3,
      note: size,
      details: { product, hand_written: hand },
    });
  }
  const trendSource = new SqlTrendSource(db, kind, actions);
  const clock = new ManualClock(new Date(GENERATED_END_MS).toISOString());
  for (const days of [90, 365]) {
    const trend = await timeRuns(() => generateTrendReport(trendSource, clock, { days }), runs, 2, BUDGET_MS);
    ctx.log(`  trends ${days}d: p95 ${trend.p95} ms`);
    figures.push({
      benchmark: 'trends',
      metric: `trend_report_${days}d_p95`,
      value: trend.p95,
      unit: 'ms',
      goal: 'p95 < 300 ms (large set)',
      met: trend.p95 < 300,
      note: size,
      details: { trend },
    });
  }
  return figures;
}

/**
 * A derived table's refresh, timed once: from scratch on a store that never had it (a new or just migrated
 * store, as on the first KPI read after an upgrade), incremental and usually nothing afterwards.
 */
async function oneOff(
  ctx: SuiteContext,
  metric: string,
  what: string,
  refresh: () => Promise<number>,
): Promise<BenchFigure> {
  const start = Date.now();
  const count = await refresh();
  const ms = Date.now() - start;
  ctx.log(`  ${metric}: ${count} in ${ms} ms`);
  return { benchmark: 'kpis', metric, value: ms, unit: 'ms', note: `${count} ${what}` };
}

/** One timed call of each KpiSource method, to show which aggregate dominates the dashboard. */
async function perMethod(source: SqlKpiSource, scope: KpiScope): Promise<Record<string, number>> {
  const calls: Record<string, () => Promise<unknown>> = {
    review_completion: () => source.reviewCompletion(scope),
    root_cause_identification: () => source.rootCauseIdentification(scope),
    repeat_incidents: () => source.repeatIncidents(scope),
    severity_counts: () => source.severityCounts(scope),
    time_to_review: () => source.duration('time_to_review', scope),
    mttd: () => source.duration('mttd', scope),
    mttc: () => source.duration('mttc', scope),
    time_to_acknowledge: () => source.duration('time_to_acknowledge', scope),
    time_to_recover: () => source.duration('time_to_recover', scope),
    action_implementation: () => source.actionImplementation(scope),
    improvement_effectiveness: () => source.improvementRatings(scope),
  };
  const out: Record<string, number> = {};
  for (const [name, call] of Object.entries(calls)) {
    const start = process.hrtime.bigint();
    await call();
    out[name] = Math.round(Number(process.hrtime.bigint() - start) / 1e5) / 10;
  }
  return out;
}
