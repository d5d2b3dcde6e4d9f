import { writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { print, withContext, type CliIo } from '../cli-context.js';
import { parseJsonFile } from '../files.js';

export function lessonsCommand(io: CliIo): Command {
  const command = new Command('lessons').description('the lessons-learned repository (SEC10-BP08 Step 3)');

  command
    .command('export')
    .description('export lesson records in the Step 3 JSON shape')
    .addOption(new Option('--format <format>', 'output format').choices(['json']).default('json'))
    .option('--incident <id>', 'only this incident (prints the single-record form)')
    .option('--output <file>', 'write to a file instead of standard output')
    .action(async (options: { incident?: string; output?: string }) => {
      const exported = await withContext(io, ({ services, actor }) =>
        services.lessons.export(actor, options.incident),
      );
      const text = JSON.stringify(exported, null, 2);
      if (options.output) {
        await writeFile(options.output, `${text}\n`);
        const count = Array.isArray(exported.lessons_learned_database)
          ? exported.lessons_learned_database.length
          : 1;
        io.err(`wrote ${count} lesson record(s) to ${options.output}`);
      } else {
        io.out(text);
      }
    });

  command
    .command('import <file>')
    .description('import lesson records from a Step 3 JSON file (all or nothing)')
    .option('--json', 'print JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const content = await parseJsonFile(file);
      const result = await withContext(io, ({ services, actor }) => services.lessons.import(actor, content));
      print(
        io,
        options.json,
        result,
        () => `imported ${result.imported} lesson record(s): ${result.incident_ids.join(', ')}`,
      );
    });

  return command;
}
