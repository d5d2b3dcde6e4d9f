import type { TrendReport } from './trend-report.schema.js';
import { TREND_DIMENSIONS, type TrendDimension } from './trend-report.source.js';

const TITLE: Record<TrendDimension, string> = {
  severity: 'By severity',
  category: 'By category',
  factor_category: 'By contributing-factor category',
  service: 'By service',
  attack_vector: 'By attack vector',
};

/** The report as Markdown for digests and the CLI; table cells are escaped so data cannot break the layout. */
export function renderTrendReportMarkdown(report: TrendReport, topRows = 10): string {
  const m = report.metrics;
  const lines: string[] = [
    `# Incident trend report`,
    '',
    `Report date: ${report.report_date}  `,
    `Analysis period: ${report.analysis_period}  `,
    `Incidents: ${m.total_incidents} (previous period: ${m.previous_total_incidents})`,
    '',
    '## Key findings',
    '',
  ];
  if (report.key_findings.length === 0) lines.push('No findings above the noise thresholds.');
  for (const f of report.key_findings) lines.push(`- **${f.id}** ${escape(f.summary)}`);
  lines.push('', '## Recommendations', '');
  if (report.recommendations.length === 0) lines.push('None.');
  for (const r of report.recommendations)
    lines.push(`- **${r.priority}** (${r.finding_id}) ${escape(r.text)}`);
  for (const d of TREND_DIMENSIONS) {
    const rows = m.by[d];
    if (rows.length === 0) continue;
    lines.push('', `## ${TITLE[d]}`, '', '| value | incidents | previous | change |', '|---|---:|---:|---:|');
    for (const r of rows.slice(0, topRows)) {
      const pct = r.change_pct === null ? '' : ` (${r.change_pct > 0 ? '+' : ''}${r.change_pct}%)`;
      lines.push(
        `| ${cell(r.key)} | ${r.count} | ${r.previous} | ${r.change > 0 ? '+' : ''}${r.change}${pct} |`,
      );
    }
  }
  if (m.repeat_signatures.length > 0) {
    lines.push('', '## Repeat signatures', '', '| signature | incidents | ids |', '|---|---:|---|');
    for (const r of m.repeat_signatures.slice(0, topRows)) {
      lines.push(`| ${cell(r.signature)} | ${r.count} | ${cell(r.incident_ids.join(', '))} |`);
    }
  }
  if (m.overdue_actions.length > 0) {
    lines.push('', '## Overdue actions', '', '| owner | team | overdue | oldest due |', '|---|---|---:|---|');
    for (const g of m.overdue_actions.slice(0, topRows)) {
      lines.push(`| ${cell(g.owner)} | ${cell(g.team ?? '—')} | ${g.count} | ${g.oldest_due.slice(0, 10)} |`);
    }
  }
  return lines.join('\n') + '\n';
}

/** The report as indented JSON (the API returns the object itself). */
export function renderTrendReportJson(report: TrendReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}

function cell(text: string): string {
  return escape(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function escape(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`);
}
