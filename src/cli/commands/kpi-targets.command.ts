import { Command } from 'commander';
import type { KpiTargetsView } from '../../core/settings/kpi-targets.setting.js';
import { print, withContext, type CliIo } from '../cli-context.js';
import { readUserFile } from '../files.js';

/** Targets in force, one KPI per line, with where each comes from. */
export function kpiTargetsText(view: KpiTargetsView): string {
  const width = Math.max(...view.items.map((i) => i.name.length));
  const stored = view.version === 0 ? 'none stored' : `stored version ${view.version} by ${view.updated_by}`;
  return [
    `KPI targets (${stored})`,
    ...view.items.map((i) => `  ${i.name.padEnd(width)}  ${i.target.text}  (${i.source.replace('_', '-')})`),
  ].join('\n');
}

export function kpiTargetsCommand(io: CliIo): Command {
  return (
    new Command('targets')
      .description(
        'KPI targets in force; --set FILE stores SEC10-BP08 learning_metrics YAML over the built-in (or start-up file) targets, --reset drops the stored ones',
      )
      .option('--set <file>', 'learning_metrics YAML file; KPIs it does not name keep their default target')
      .option('--reset', 'go back to the start-up file and built-in targets')
      .option('--json', 'print JSON')
      // `kpi` has its own --json, which commander gives the parent: read it from both.
      .action(async (_options: unknown, command: Command) => {
        const options = command.optsWithGlobals<{ set?: string; reset?: boolean; json?: boolean }>();
        const input =
          options.set !== undefined
            ? await readUserFile(options.set)
            : options.reset
              ? { targets: {} }
              : null;
        const view = await withContext(io, ({ services, actor }) =>
          input === null
            ? services.settings.getKpiTargets(actor)
            : services.settings.putKpiTargets(actor, input),
        );
        print(io, options.json === true, view, () => kpiTargetsText(view));
      })
  );
}
