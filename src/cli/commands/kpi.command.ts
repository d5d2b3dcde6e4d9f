import { Command } from 'commander';
import type { ActionEffectivenessReport } from '../../core/kpis/action-effectiveness.report.js';
import type { KpiResult } from '../../core/kpis/kpi.compute.js';
import type { KpiReport } from '../../core/kpis/kpi.service.js';
import { print, withContext, type CliIo } from '../cli-context.js';
import { kpiTargetsCommand } from './kpi-targets.command.js';

const UNIT: Record<KpiResult['unit'], string> = {
  percent: '%',
  minutes: ' min',
  business_days: ' bd',
  score: '/10',
};

function figure(value: number | null | undefined, unit: KpiResult['unit']): string {
  return value === null || value === undefined ? '-' : `${value}${UNIT[unit]}`;
}

function trendText(k: KpiResult): string {
  if (!k.trend) return '-';
  const sign = k.trend.change > 0 ? '+' : '';
  return `${sign}${k.trend.change} ${k.trend.direction_good ? '(better)' : k.trend.change === 0 ? '(same)' : '(worse)'}`;
}

function row(cells: string[], widths: number[]): string {
  return cells
    .map((c, i) => c.padEnd(widths[i] ?? 0))
    .join('  ')
    .trimEnd();
}

/** KPIs as a table, each followed by its definition, so a figure is never read without its meaning. */
export function kpiTable(report: KpiReport): string {
  const header = ['KPI', 'value', 'median', 'p90', 'n', 'missing', 'excluded', 'target', 'status', 'trend'];
  const rows = report.kpis.map((k) => [
    k.name,
    figure(k.value, k.unit),
    k.median === undefined ? '' : figure(k.median, k.unit),
    k.p90 === undefined ? '' : figure(k.p90, k.unit),
    String(k.n),
    k.missing === undefined ? '' : String(k.missing),
    k.excluded === undefined ? '' : String(k.excluded),
    k.target.text,
    k.status,
    trendText(k),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const f = report.filters;
  const filters = [
    f.team && `team ${f.team}`,
    f.service && `service ${f.service}`,
    f.severity && `severity ${f.severity}`,
  ]
    .filter(Boolean)
    .join(', ');
  const lines = [
    `KPIs from ${report.period.from} to ${report.period.to} (exclusive)${filters ? `, ${filters}` : ''}`,
    `compared with ${report.previous_period.from} to ${report.previous_period.to}`,
    '',
    row(header, widths),
    ...rows.map((r) => row(r, widths)),
    '',
    'Definitions:',
    ...report.kpis.map((k) => `  ${k.name}: ${k.definition}`),
  ];
  const distribution = report.kpis.find((k) => k.id === 'severity_distribution');
  if (distribution?.breakdown) {
    const counts = Object.entries(distribution.breakdown).map(([s, n]) => `${s} ${n}`);
    lines.splice(3 + rows.length + 1, 0, `Severity: ${counts.join(', ')}`);
  }
  return lines.join('\n');
}

export function kpiCommand(io: CliIo): Command {
  return new Command('kpi')
    .description('learning KPIs for a period (default the last 90 days), each with its definition')
    .option('--from <iso>', 'start of the period (ISO-8601, inclusive)')
    .option('--to <iso>', 'end of the period (ISO-8601, exclusive; default now)')
    .option('--team <name>')
    .option('--service <name>')
    .option('--severity <level>', 'Critical, High, Medium or Low')
    .option('--effectiveness', 'effectiveness by recurrence of the actions verified in the period instead')
    .option('--json', 'print JSON')
    .action(async (options: Record<string, string | boolean | undefined>) => {
      const { json, effectiveness, ...query } = options;
      if (effectiveness === true) {
        const report = await withContext(io, ({ services, actor }) =>
          services.kpis.actionEffectiveness(actor, query),
        );
        print(io, json === true, report, () => effectivenessText(report));
        return;
      }
      const report = await withContext(io, ({ services, actor }) => services.kpis.kpis(actor, query));
      print(io, json === true, report, () => kpiTable(report));
    })
    .addCommand(kpiTargetsCommand(io));
}

/** The effectiveness figure with its definition, then each followed action. */
export function effectivenessText(report: ActionEffectivenessReport): string {
  const value = report.value === null ? 'no data' : `${report.value}%`;
  return [
    `Effectiveness by recurrence from ${report.period.from} to ${report.period.to} (exclusive): ${value}`,
    `${report.not_followed} of ${report.n} verified actions not followed by a recurrence`,
    `Definition: ${report.definition}`,
    ...report.followed.map(
      (f) =>
        `  ${f.action_id} verified ${f.verified_at}: ${f.recurrences} recurrence(s)` +
        (f.first_recurrence_id ? `, first ${f.first_recurrence_id}` : '') +
        ` (${f.title})`,
    ),
  ].join('\n');
}
