import { Command } from 'commander';
import type { ListedEvidence } from '../../core/evidence/evidence.store.js';
import type { MilestoneSuggestions } from '../../core/evidence/evidence.milestones.js';
import { systemClock } from '../../core/shared/clock.js';
import { importCloudTrailPath } from '../../integrations/aws/cloudtrail/cloudtrail.import.js';
import { FailedAfterReport, print, withContext, type CliIo } from '../cli-context.js';
import { parseJsonFileWithDigest } from '../files.js';
import { evidenceFetchCommand } from './evidence.fetch.command.js';
import { importSummary, progressLine } from './evidence.progress.js';

type Options = Record<string, string | boolean | undefined>;

const KINDS = { findings: null, config: 'aws-config', logs: 'cloudwatch-logs' } as const;

/** Security Hub (ASFF) or GuardDuty, told apart by fields only ASFF has. */
function findingsSource(value: unknown): 'security-hub' | 'guardduty' {
  const text = JSON.stringify(value).slice(0, 200_000);
  return /"(ProductArn|SchemaVersion)"|"detail-type":\s*"Security Hub/.test(text)
    ? 'security-hub'
    : 'guardduty';
}

function line(item: ListedEvidence): string {
  const pin = item.pinned ? `  [pinned${item.pinned.note ? `: ${item.pinned.note}` : ''}]` : '';
  return `${item.time}  ${item.source.padEnd(15)} ${item.kind.padEnd(20)} ${item.summary}${pin}  (${item.id})`;
}

function describeMilestones(s: MilestoneSuggestions): string {
  return (['first_indicator', 'detected', 'contained'] as const)
    .map((name) => {
      const suggestion = s[name];
      if (!suggestion) return `${name.padEnd(16)} no evidence suggests a time`;
      const cited = suggestion.evidence.map((e) => `${e.source}:${e.source_id}`).join(', ');
      return `${name.padEnd(16)} ${suggestion.time}  ${suggestion.reason}  [${cited}]`;
    })
    .join('\n');
}

/** `hindsight evidence import|list|pin|milestones|fetch`. */
export function evidenceCommand(io: CliIo): Command {
  const command = new Command('evidence').description(
    'evidence from AWS (CloudTrail, CloudWatch, Config, GuardDuty, Security Hub, Detective) with provenance',
  );
  const importing = command.command('import').description('import evidence files into an incident');

  importing
    .command('cloudtrail <path>')
    .description(
      'CloudTrail log files (.json, .json.gz; folders walked recursively), one transaction per file',
    )
    .requiredOption('--incident <id>', 'the incident, e.g. INC-2024-0001')
    .option('--json', 'print the report as JSON')
    .action(async (path: string, options: Options) =>
      withContext(io, async ({ services, actor }) => {
        const incidentId = String(options.incident);
        const sink = await services.evidence.sink(actor, incidentId);
        const started = systemClock.now().getTime();
        let filesDone = 0;
        const report = await importCloudTrailPath(path, {
          incidentId,
          store: sink,
          actor,
          clock: systemClock,
          onProgress: (p) => {
            // On a terminal the line updates in place; elsewhere one line per finished file.
            if (io.status) io.status(progressLine(p));
            else if (p.files_done > filesDone) io.err(progressLine(p));
            filesDone = p.files_done;
          },
        });
        if (io.status) io.status('');
        for (const file of report.files) {
          if (file.error) io.err(`error: ${file.error.message}`);
        }
        const elapsed = systemClock.now().getTime() - started;
        print(io, options.json === true, report, () => importSummary(report, elapsed));
        if (report.failed_files > 0) throw new FailedAfterReport();
      }),
    );

  for (const [name, source] of Object.entries(KINDS)) {
    const sub = importing
      .command(`${name} <file>`)
      .description(`${name} records in their AWS shapes (a JSON file: one record, a page, or an array)`)
      .requiredOption('--incident <id>', 'the incident')
      .option('--json', 'print the result as JSON');
    if (name === 'logs') {
      sub
        .option('--log-group <name>', 'for events that do not name their log group')
        .option('--query <text>', 'for Logs Insights rows: the query that produced them');
    }
    sub.action(async (file: string, options: Options) => {
      const { value, sha256 } = await parseJsonFileWithDigest(file);
      const records =
        Array.isArray(value) && !value.every((v) => v && typeof v === 'object' && 'field' in v)
          ? value
          : [value];
      await withContext(io, async ({ services, actor }) => {
        const result = await services.evidence.importRecords(actor, String(options.incident), {
          source: source ?? findingsSource(value),
          records,
          file_name: file,
          file_sha256: sha256,
          ...(typeof options.logGroup === 'string' ? { log_group: options.logGroup } : {}),
          ...(typeof options.query === 'string' ? { query: options.query } : {}),
        });
        print(
          io,
          options.json === true,
          result,
          () =>
            `${file}: ${result.records} records, ${result.inserted} inserted, ${result.duplicates} duplicates`,
        );
      });
    });
  }

  command
    .command('list')
    .description('list evidence of an incident, oldest first')
    .requiredOption('--incident <id>', 'the incident')
    .option(
      '--source <source>',
      'cloudtrail, cloudwatch-logs, aws-config, guardduty, security-hub, detective, file',
    )
    .option('--kind <kind>', 'api_call, api_error, finding, compliance_violation, configuration_change, ...')
    .option('--since <instant>', 'ISO-8601, inclusive')
    .option('--until <instant>', 'ISO-8601, exclusive')
    .option('--text <text>', 'substring of summary, action, actor or resource')
    .option('--pinned', 'only evidence pinned onto the timeline')
    .option('--limit <n>', 'page size (1–1000)', '100')
    .option('--cursor <cursor>', 'next_cursor of the previous page')
    .option('--json', 'print the page as JSON')
    .action(async (options: Options) =>
      withContext(io, async ({ services, actor }) => {
        const query: Record<string, unknown> = {};
        for (const key of ['source', 'kind', 'since', 'until', 'text', 'limit', 'cursor']) {
          if (typeof options[key] === 'string') query[key] = options[key];
        }
        if (options.pinned === true) query.pinned = true;
        const page = await services.evidence.list(actor, String(options.incident), query);
        print(io, options.json === true, page, () =>
          [
            ...page.items.map(line),
            page.items.length === 0 ? 'no evidence' : `${page.items.length} items`,
            ...(page.next_cursor ? [`more: --cursor ${page.next_cursor}`] : []),
          ].join('\n'),
        );
      }),
    );

  command
    .command('pin <evidence-id>')
    .description('pin evidence onto the incident timeline (or --remove the pin)')
    .requiredOption('--incident <id>', 'the incident')
    .option('--note <text>', 'why it matters')
    .option('--timeline-event <id>', 'the timeline event it documents')
    .option('--remove', 'unpin instead')
    .option('--json', 'print the pin as JSON')
    .action(async (evidenceId: string, options: Options) =>
      withContext(io, async ({ services, actor }) => {
        const incidentId = String(options.incident);
        if (options.remove === true) {
          await services.evidence.unpin(actor, incidentId, evidenceId);
          print(io, options.json === true, { unpinned: evidenceId }, () => `unpinned ${evidenceId}`);
          return;
        }
        const pin = await services.evidence.pin(actor, incidentId, evidenceId, {
          ...(typeof options.note === 'string' ? { note: options.note } : {}),
          ...(typeof options.timelineEvent === 'string' ? { timeline_event_id: options.timelineEvent } : {}),
        });
        print(io, options.json === true, pin, () => `pinned ${evidenceId} to ${incidentId}`);
      }),
    );

  command
    .command('milestones')
    .description('milestone times the evidence suggests; --accept sets one on the incident')
    .requiredOption('--incident <id>', 'the incident')
    .option('--accept <milestone>', 'first_indicator, detected or contained')
    .option('--json', 'print as JSON')
    .action(async (options: Options) =>
      withContext(io, async ({ services, actor }) => {
        const incidentId = String(options.incident);
        if (typeof options.accept === 'string') {
          const incident = await services.evidence.accept(actor, incidentId, options.accept);
          const name = options.accept as keyof typeof incident.timestamps;
          print(
            io,
            options.json === true,
            incident,
            () => `${incidentId}: ${name} set to ${incident.timestamps[name] ?? '(none)'}`,
          );
          return;
        }
        const suggestions = await services.evidence.milestones(actor, incidentId);
        print(io, options.json === true, suggestions, () => describeMilestones(suggestions));
      }),
    );

  command.addCommand(evidenceFetchCommand(io));
  return command;
}
