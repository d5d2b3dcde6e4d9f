import { Command } from 'commander';
import type { Incident } from '../../core/incidents/incident.schema.js';
import { print, withContext, type CliIo } from '../cli-context.js';
import { parseJsonFile } from '../files.js';

function describeIncident(i: Incident): string {
  const services = i.affected_services.length > 0 ? i.affected_services.join(', ') : '-';
  const lines = [
    `${i.id}  ${i.title}`,
    `  severity ${i.severity} · status ${i.status} · category ${i.category} · team ${i.team ?? '-'}${i.restricted ? ' · restricted' : ''}`,
    `  attack vector ${i.attack_vector ?? '-'} · services ${services}`,
  ];
  for (const [field, value] of Object.entries(i.timestamps))
    if (value) lines.push(`  ${field.padEnd(16)} ${value}`);
  if (i.description) lines.push('', i.description);
  return lines.join('\n');
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function incidentCommand(io: CliIo): Command {
  const command = new Command('incident').description('declare, list and show incidents');

  command
    .command('create')
    .description('declare an incident (fields as options, or the whole incident as --file JSON)')
    .option('--file <path>', 'incident as JSON (API shape)')
    .option('--title <text>')
    .option('--severity <level>', 'Critical, High, Medium or Low')
    .option('--category <name>')
    .option('--attack-vector <name>')
    .option('--service <name>', 'affected service (repeatable)', collect, [])
    .option('--team <name>')
    .option('--description <text>')
    .option('--restricted', 'need-to-know: only the team, members and admins see it')
    .option('--detected <iso>', 'when it was detected (ISO-8601)')
    .option('--impact-started <iso>', 'when impact began (ISO-8601)')
    .option('--json', 'print JSON')
    .action(async (options: Record<string, string | string[] | boolean | undefined>) => {
      const input: Record<string, unknown> = options.file
        ? ((await parseJsonFile(String(options.file))) as Record<string, unknown>)
        : {
            title: options.title,
            severity: options.severity,
            category: options.category,
            attack_vector: options.attackVector,
            affected_services: options.service,
            team: options.team,
            description: options.description,
            restricted: options.restricted === true ? true : undefined,
            timestamps: { detected: options.detected, impact_started: options.impactStarted },
          };
      const incident = await withContext(io, ({ services, actor }) =>
        services.incidents.create(actor, input),
      );
      print(
        io,
        options.json === true,
        incident,
        () => `declared ${incident.id}\n${describeIncident(incident)}`,
      );
    });

  command
    .command('list')
    .description('list incidents, newest first')
    .option('--q <text>', 'search title and description')
    .option('--status <status>')
    .option('--severity <level>')
    .option('--service <name>')
    .option('--team <name>')
    .option('--limit <n>', 'page size', '50')
    .option('--offset <n>', 'skip this many', '0')
    .option('--json', 'print JSON')
    .action(async (options: Record<string, string | boolean | undefined>) => {
      const { json, ...query } = options;
      const page = await withContext(io, ({ services, actor }) => services.incidents.list(actor, query));
      print(io, json === true, page, () =>
        [
          ...page.items.map((i) => `${i.id}  ${i.severity.padEnd(8)} ${i.status.padEnd(9)} ${i.title}`),
          `${page.items.length} of ${page.total} incidents`,
        ].join('\n'),
      );
    });

  command
    .command('show <id>')
    .description('show one incident')
    .option('--json', 'print JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      const incident = await withContext(io, ({ services, actor }) => services.incidents.get(actor, id));
      print(io, options.json, incident, () => describeIncident(incident));
    });

  return command;
}
