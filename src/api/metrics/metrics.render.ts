import type { TeamKpis } from '../../core/kpis/kpi.service.js';

/** Escapes a label value for the Prometheus text format (backslash, double quote, newline). */
export function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

const FAMILIES = [
  [
    'hindsight_kpi_value',
    'KPI value in its unit (percent, minutes, business_days or score); absent without data.',
  ],
  ['hindsight_kpi_n', 'Rows the KPI value is computed from.'],
  ['hindsight_kpi_missing', 'Rows of the cohort lacking a timestamp the KPI needs.'],
  ['hindsight_kpi_p90', '90th percentile of a duration KPI (linear interpolation).'],
  ['hindsight_kpi_target_met', '1 when the KPI meets its target, 0 when not; absent without data.'],
] as const;

/**
 * Prometheus text exposition (version 0.0.4) of KPIs per team: one gauge family per measure, labelled by
 * kpi, unit and team (`team="all"` for every incident). A KPI without data has no value sample rather than
 * a misleading 0.
 */
export function renderMetrics(period: { from: string; to: string }, teams: readonly TeamKpis[]): string {
  const lines: string[] = [
    `# Hindsight KPIs for ${period.from} to ${period.to} (the 90 days to the scrape).`,
  ];
  const samples = new Map<string, string[]>(FAMILIES.map(([name]) => [name, []]));
  for (const { team, kpis } of teams) {
    for (const kpi of kpis) {
      const labels = `{kpi="${kpi.id}",unit="${kpi.unit}",team="${escapeLabel(team ?? 'all')}"}`;
      const add = (family: string, value: number | null | undefined) => {
        if (value !== null && value !== undefined) samples.get(family)?.push(`${family}${labels} ${value}`);
      };
      add('hindsight_kpi_value', kpi.value);
      add('hindsight_kpi_n', kpi.n);
      add('hindsight_kpi_missing', kpi.missing);
      add('hindsight_kpi_p90', kpi.p90);
      add('hindsight_kpi_target_met', kpi.status === 'no_data' ? null : kpi.status === 'met' ? 1 : 0);
    }
  }
  for (const [name, help] of FAMILIES) {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, ...(samples.get(name) ?? []));
  }
  return `${lines.join('\n')}\n`;
}
