import { Command } from 'commander';
import { print, withContext, type CliIo } from '../cli-context.js';
import { loadDemoData } from '../demo/demo-loader.js';

export function demoCommand(io: CliIo): Command {
  return new Command('demo')
    .description(
      'load a realistic demo data set: a dozen incidents of several kinds, with reviews and lessons',
    )
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const loaded = await withContext(io, ({ services, actor }) =>
        loadDemoData(services, actor, Date.now()),
      );
      print(io, options.json, loaded ?? { incidents: [] }, () =>
        loaded
          ? `loaded ${loaded.incidents.length} demo incidents: ${loaded.incidents.join(', ')}`
          : 'the demo data is already loaded',
      );
    });
}
