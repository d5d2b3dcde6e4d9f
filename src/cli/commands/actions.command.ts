import { writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import type { ActionReport } from '../../core/actions/action.service.js';
import type { ActionView } from '../../core/actions/action.view.js';
import { print, withContext, type CliIo } from '../cli-context.js';
import { readUserFile } from '../files.js';

type Options = Record<string, string | boolean | undefined>;

/** The list and report filters, as the service reads them (absent options stay absent). */
function filterOf(options: Options): Record<string, string> {
  const filter: Record<string, string> = {};
  for (const key of ['owner', 'team', 'status', 'priority', 'type', 'category', 'incident']) {
    const value = options[key];
    if (typeof value === 'string') filter[key] = value;
  }
  if (options.overdue === true) filter.overdue = 'true';
  return filter;
}

const withFilters = (command: Command): Command =>
  command
    .option('--owner <who>', 'user:<username>, team:<id> or a bare id')
    .option('--team <id>')
    .option('--status <status>', 'open, in_progress, blocked, completed, verified or wont_do')
    .option('--priority <level>', 'Critical, High, Medium or Low')
    .option('--type <type>', 'detective, preventive or corrective')
    .option('--category <name>')
    .option('--incident <id>')
    .option('--overdue', 'only actions past due and still to be done');

function line(a: ActionView): string {
  const flag = a.overdue ? ' OVERDUE' : '';
  return `${a.id}  ${a.status.padEnd(11)} ${a.priority.padEnd(8)} due ${a.due_date}${flag}  ${a.owner.kind}:${a.owner.id}  ${a.title}`;
}

function describeReport(r: ActionReport): string {
  const section = (title: string, counts: Record<string, number>) => [
    `${title}:`,
    ...Object.entries(counts).map(([key, n]) => `  ${key.padEnd(24)} ${n}`),
  ];
  return [
    `${r.total} actions, ${r.overdue} overdue (as of ${r.as_of})`,
    ...section('by status', r.by_status),
    ...section('by priority', r.by_priority),
    ...section('by category', r.by_category),
    ...section('by owner', r.by_owner),
    ...section('by team', r.by_team),
  ].join('\n');
}

/** `hindsight actions list|report|export|import`. */
export function actionsCommand(io: CliIo): Command {
  const command = new Command('actions').description(
    'improvement actions: list, report, CSV export and import',
  );

  withFilters(command.command('list').description('list actions, soonest due first'))
    .option('--limit <n>', 'page size', '50')
    .option('--offset <n>', 'skip this many', '0')
    .option('--json', 'print JSON')
    .action(async (options: Options) => {
      const query = { ...filterOf(options), limit: options.limit, offset: options.offset };
      const page = await withContext(io, ({ services, actor }) => services.actions.list(actor, query));
      print(io, options.json === true, page, () =>
        [...page.items.map(line), `${page.items.length} of ${page.total}`].join('\n'),
      );
    });

  withFilters(command.command('report').description('counts by status, priority, category, owner and team'))
    .option('--json', 'print JSON')
    .action(async (options: Options) => {
      const report = await withContext(io, ({ services, actor }) =>
        services.actions.report(actor, filterOf(options)),
      );
      print(io, options.json === true, report, () => describeReport(report));
    });

  withFilters(command.command('export').description('write the actions as CSV'))
    .option('--output <file>', 'write to this file instead of standard output')
    .action(async (options: Options) => {
      const csv = await withContext(io, ({ services, actor }) =>
        services.actions.exportCsv(actor, filterOf(options)),
      );
      if (typeof options.output === 'string') {
        await writeFile(options.output, csv, 'utf8');
        io.err(`wrote ${options.output}`);
      } else io.out(csv.trimEnd());
    });

  command
    .command('import')
    .description('import actions from CSV, all or nothing (every bad row is reported)')
    .argument('<file>', "CSV file, or '-' for standard input")
    .option('--json', 'print JSON')
    .action(async (file: string, options: Options) => {
      const text = file === '-' ? await io.readStdin() : await readUserFile(file);
      const result = await withContext(io, ({ services, actor }) => services.actions.importCsv(actor, text));
      print(io, options.json === true, result, () =>
        [`imported ${result.imported} actions`, ...result.ids.map((id) => `  ${id}`)].join('\n'),
      );
    });

  return command;
}
