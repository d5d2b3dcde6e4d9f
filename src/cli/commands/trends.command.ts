import { Command } from 'commander';
import { renderTrendReportMarkdown } from '../../core/kpis/trend-report.render.js';
import { print, withContext, type CliIo } from '../cli-context.js';

export function trendsCommand(io: CliIo): Command {
  return new Command('trends')
    .description('trend report: counts per week or month, key findings and recommendations (Markdown)')
    .option('--days <n>', 'window length in days', '90')
    .option('--to <iso>', 'end of the window (ISO-8601, exclusive; default now)')
    .option('--bucket <size>', 'week or month', 'week')
    .option('--team <name>')
    .option('--service <name>')
    .option('--severity <level>', 'Critical, High, Medium or Low')
    .option('--json', 'print JSON')
    .action(async (options: Record<string, string | boolean | undefined>) => {
      const { json, ...query } = options;
      const report = await withContext(io, ({ services, actor }) => services.kpis.trends(actor, query));
      print(io, json === true, report, () => renderTrendReportMarkdown(report).trimEnd());
    });
}
