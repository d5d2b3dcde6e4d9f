import { z } from 'zod';
import { authorize } from '../auth/policy.js';
import type { Actor } from '../shared/actor.js';
import type { Clock } from '../shared/clock.js';
import { parseInput } from '../shared/validation.js';
import { Instant, Severity } from '../shared/vocabulary.js';
import { DEFAULT_SIGNATURE_FIELDS, type SignatureField } from '../similarity/signature.js';
import {
  effectivenessReport,
  type ActionEffectivenessReport,
  type EffectivenessSource,
} from './action-effectiveness.report.js';
import { computeKpis, KpiResult } from './kpi.compute.js';
import { assertScope, previousPeriodOf, type KpiScope, type KpiSource } from './kpi.source.js';
import { defaultTargets, type KpiTargets } from './kpi.targets.js';
import { generateTrendReport } from './trend-report.js';
import type { TrendReport } from './trend-report.schema.js';
import { TrendBucket, type TrendSource } from './trend-report.source.js';

const DAY_MS = 86_400_000;
/** The default KPI period and trend window: SEC10-BP08's 90-day analysis period. */
export const DEFAULT_PERIOD_DAYS = 90;

const label = z.string().trim().min(1).max(120);

/** `GET /api/v1/kpis` and `hindsight kpi`: a half-open period (default the 90 days to now) and filters. */
export const KpiQuery = z.strictObject({
  from: Instant.optional(),
  to: Instant.optional(),
  team: label.optional(),
  service: label.optional(),
  severity: Severity.optional(),
});
export type KpiQuery = z.infer<typeof KpiQuery>;

/** `GET /api/v1/trends` and `hindsight trends`. */
export const TrendQuery = z.strictObject({
  days: z.coerce.number().int().min(1).max(3660).default(DEFAULT_PERIOD_DAYS),
  /** End of the window (exclusive); default now. */
  to: Instant.optional(),
  bucket: TrendBucket.default('week'),
  team: label.optional(),
  service: label.optional(),
  severity: Severity.optional(),
});
export type TrendQuery = z.infer<typeof TrendQuery>;

const Period = z.object({ from: z.string(), to: z.string() });

/** Every KPI of a period, with the filters applied and the previous period it is compared with. */
export const KpiReport = z.object({
  period: Period,
  previous_period: Period,
  filters: z.object({
    team: z.string().nullable(),
    service: z.string().nullable(),
    severity: Severity.nullable(),
  }),
  kpis: z.array(KpiResult),
});
export type KpiReport = z.infer<typeof KpiReport>;

/** KPIs per team for the metrics exposition; `team: null` is every incident. */
export interface TeamKpis {
  team: string | null;
  kpis: KpiResult[];
}

export interface KpiServiceDeps {
  kpis: KpiSource;
  trends: TrendSource;
  /** Teams with incidents declared in the scope's period, for per-team metrics. */
  teams: (scope: KpiScope) => Promise<string[]>;
  clock: Clock;
  /** The targets in force, read per request (they are a setting an administrator may change at any time). */
  targets?: () => Promise<KpiTargets>;
  signatureFields?: readonly SignatureField[];
  effectiveness?: EffectivenessSource;
}

/** KPIs, trend reports and per-team metrics, all computed from store aggregates. */
export class KpiService {
  private readonly targets: () => Promise<KpiTargets>;

  constructor(private readonly deps: KpiServiceDeps) {
    this.targets = deps.targets ?? (() => Promise.resolve(defaultTargets()));
  }

  /**
   * Every KPI for the period and filters, with definition, value, median/p90/n, target, status and the trend
   * versus the equally long period before. Throws `kpi_scope_invalid` when `to` is not after `from`.
   */
  async kpis(actor: Actor, query: unknown): Promise<KpiReport> {
    authorize(actor, 'incident:read');
    const q = parseInput(KpiQuery, query ?? {}, 'KPI query');
    const to = q.to ?? this.deps.clock.now().toISOString();
    const from = q.from ?? new Date(Date.parse(to) - DEFAULT_PERIOD_DAYS * DAY_MS).toISOString();
    const scope = scopeOf({ from, to, ...q }, actor);
    assertScope(scope);
    const previous = previousPeriodOf(scope);
    const kpis = await computeKpis(this.deps.kpis, scope, await this.targets(), previous);
    return {
      period: { from, to },
      previous_period: { from: previous.from, to: previous.to },
      filters: { team: q.team ?? null, service: q.service ?? null, severity: q.severity ?? null },
      kpis,
    };
  }

  /**
   * Effectiveness by recurrence: the share of actions verified in the period whose incidents did not recur
   * after the verification, with the followed ones the actor may see (issue 6 §4).
   */
  async actionEffectiveness(actor: Actor, query: unknown): Promise<ActionEffectivenessReport> {
    authorize(actor, 'incident:read');
    const q = parseInput(KpiQuery, query ?? {}, 'effectiveness query');
    const to = q.to ?? this.deps.clock.now().toISOString();
    const from = q.from ?? new Date(Date.parse(to) - DEFAULT_PERIOD_DAYS * DAY_MS).toISOString();
    const scope = scopeOf({ from, to, ...q }, actor);
    assertScope(scope);
    const counted = this.deps.effectiveness
      ? await this.deps.effectiveness.recurrenceAfterVerification(scope, 50)
      : { verified: 0, followed: 0, listed: [] };
    return effectivenessReport(scope, counted);
  }

  /** The trend report (SEC10-BP08 generate_trend_report) for the `days` ending at `to` (default now). */
  async trends(actor: Actor, query: unknown): Promise<TrendReport> {
    authorize(actor, 'incident:read');
    const { to, ...q } = parseInput(TrendQuery, query ?? {}, 'trend query');
    const { from: _from, to: _to, ...filters } = scopeOf({ ...q, from: '', to: '' }, actor);
    const end: Clock = to ? { now: () => new Date(to) } : this.deps.clock;
    return generateTrendReport(this.deps.trends, end, {
      days: q.days,
      bucket: q.bucket,
      signatureFields: this.deps.signatureFields ?? DEFAULT_SIGNATURE_FIELDS,
      scope: filters,
    });
  }

  /** KPIs of the default period for every incident and for each team with incidents in it. */
  async perTeam(actor: Actor): Promise<{ period: { from: string; to: string }; teams: TeamKpis[] }> {
    authorize(actor, 'incident:read');
    const to = this.deps.clock.now().toISOString();
    const from = new Date(Date.parse(to) - DEFAULT_PERIOD_DAYS * DAY_MS).toISOString();
    const all = scopeOf({ from, to }, actor);
    const teams = await this.deps.teams(all);
    const targets = await this.targets();
    const out: TeamKpis[] = [];
    for (const team of [null, ...teams]) {
      const scope = team === null ? all : { ...all, team_ids: [team] };
      out.push({
        team,
        kpis: await computeKpis(this.deps.kpis, scope, targets, previousPeriodOf(scope)),
      });
    }
    return { period: { from, to }, teams: out };
  }
}

function scopeOf(
  q: { from: string; to: string; team?: string; service?: string; severity?: Severity },
  viewer: Actor,
): KpiScope {
  const scope: KpiScope = { from: q.from, to: q.to, viewer };
  if (q.team) scope.team_ids = [q.team];
  if (q.service) scope.services = [q.service];
  if (q.severity) scope.severities = [q.severity];
  return scope;
}
