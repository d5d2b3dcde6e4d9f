import { Command } from 'commander';
import type { LookupAttributeKey } from '@aws-sdk/client-cloudtrail';
import type { EvidenceItem } from '../../core/evidence/evidence.schema.js';
import type { Incident } from '../../core/incidents/incident.schema.js';
import { MILESTONES } from '../../core/incidents/incident.milestones.js';
import { systemClock } from '../../core/shared/clock.js';
import { invalid } from '../../core/shared/errors.js';
import type { AwsFetchOptions } from '../../integrations/aws/fetch/aws.client.js';
import { DEFAULT_INSIGHTS_QUERY } from '../../integrations/aws/fetch/logs.query.js';
import { print, withContext, type CliIo } from '../cli-context.js';

type Options = Record<string, string | string[] | boolean | undefined>;

/**
 * The fetch modules load their AWS SDK clients when a fetch runs: imported with the CLI, they were a third of
 * `serve`'s start-up (0.43 s) and ~40 MB of its memory.
 */
const fetchModules = {
  cloudtrail: () => import('../../integrations/aws/fetch/cloudtrail.fetch.js'),
  logs: () => import('../../integrations/aws/fetch/logs.fetch.js'),
  config: () => import('../../integrations/aws/fetch/config.fetch.js'),
  findings: () => import('../../integrations/aws/fetch/findings.fetch.js'),
  detective: () => import('../../integrations/aws/fetch/detective.fetch.js'),
};

/** Where an incident sits in time, and the window the fetch covers around it. */
interface Window {
  incidentTime: Date;
  start: Date;
  end: Date;
  beforeMs: number;
  afterMs: number;
}

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

function duration(text: string, option: string): number {
  const match = /^(\d+)([mhd])$/.exec(text.trim());
  const unit = match ? UNITS[match[2] ?? ''] : undefined;
  if (!match || unit === undefined) {
    throw invalid('invalid_duration', `${option} must be a number and m, h or d (30m, 1h, 7d)`, [
      { path: option, problem: `"${text}" is not a duration` },
    ]);
  }
  return Number(match[1]) * unit;
}

function instant(text: string, option: string): Date {
  const date = new Date(text);
  if (!/\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(date.getTime())) {
    throw invalid('invalid_instant', `${option} must be an ISO-8601 instant`, [
      { path: option, problem: text },
    ]);
  }
  return date;
}

/**
 * SEC10-BP08's window: from before the earliest milestone (first indicator, impact, detection) to after
 * the latest one, 7 days before and 1 hour after unless told otherwise; --since/--until override.
 */
function windowOf(incident: Incident, options: Options): Window {
  const set = MILESTONES.map((m) => incident.timestamps[m]).filter((t): t is string => t !== null);
  const earliest = new Date(set.reduce((a, b) => (a < b ? a : b), incident.created_at));
  const latest = new Date(set.reduce((a, b) => (a > b ? a : b), incident.created_at));
  const beforeMs = duration(String(options.windowBefore), '--window-before');
  const afterMs = duration(String(options.windowAfter), '--window-after');
  const now = systemClock.now().getTime();
  return {
    incidentTime: earliest,
    beforeMs,
    afterMs,
    start:
      typeof options.since === 'string'
        ? instant(options.since, '--since')
        : new Date(earliest.getTime() - beforeMs),
    end:
      typeof options.until === 'string'
        ? instant(options.until, '--until')
        : new Date(Math.min(now, latest.getTime() + afterMs)),
  };
}

function required(options: Options, key: string, flag: string): string {
  const value = options[key];
  if (typeof value === 'string' && value !== '') return value;
  throw invalid('option_required', `${flag} is required for this source`, [
    { path: flag, problem: 'is required' },
  ]);
}

type Fetcher = (aws: AwsFetchOptions, window: Window, options: Options) => Promise<EvidenceItem[]>;

const FETCHERS: Record<string, { description: string; fetch: Fetcher; options: (c: Command) => Command }> = {
  cloudtrail: {
    description: 'CloudTrail LookupEvents (management events, all pages)',
    options: (c) =>
      c
        .option('--lookup <Key=Value>', 'a lookup attribute, e.g. EventName=AssumeRole')
        .option('--limit <n>', 'stop after this many events', '10000'),
    fetch: async (aws, w, o) => {
      const lookup = typeof o.lookup === 'string' ? /^([A-Za-z]+)=(.+)$/.exec(o.lookup) : null;
      if (typeof o.lookup === 'string' && !lookup) {
        throw invalid('invalid_lookup', '--lookup must be Key=Value, e.g. EventName=AssumeRole', [
          { path: '--lookup', problem: o.lookup },
        ]);
      }
      const { fetchCloudTrailEvents } = await fetchModules.cloudtrail();
      return fetchCloudTrailEvents({
        ...aws,
        start: w.start,
        end: w.end,
        limit: Number(o.limit),
        ...(lookup ? { attribute: { key: lookup[1] as LookupAttributeKey, value: lookup[2] ?? '' } } : {}),
      });
    },
  },
  'logs-insights': {
    description: "CloudWatch Logs Insights query (default: SEC10-BP08's ERROR/FAILED count in 5-minute bins)",
    options: (c) =>
      c
        .option('--log-group <name...>', 'log groups to query')
        .option('--query <text>', 'Logs Insights query', DEFAULT_INSIGHTS_QUERY),
    fetch: async (aws, w, o) => {
      const groups = Array.isArray(o.logGroup) ? o.logGroup : [];
      if (groups.length === 0) {
        throw invalid('option_required', '--log-group is required for this source', [
          { path: '--log-group', problem: 'is required' },
        ]);
      }
      const { fetchLogsInsights } = await fetchModules.logs();
      return fetchLogsInsights({
        ...aws,
        logGroups: groups,
        start: w.start,
        end: w.end,
        query: String(o.query),
      });
    },
  },
  config: {
    description: 'AWS Config history of a resource (diffed) and its rule evaluations',
    options: (c) =>
      c
        .option('--resource-type <type>', 'e.g. AWS::EC2::SecurityGroup')
        .option('--resource-id <id>', 'e.g. sg-0123'),
    fetch: async (aws, w, o) =>
      (await fetchModules.config()).fetchConfigEvidence({
        ...aws,
        resourceType: required(o, 'resourceType', '--resource-type'),
        resourceId: required(o, 'resourceId', '--resource-id'),
        incidentTime: w.incidentTime,
        beforeMs: w.beforeMs,
        afterMs: w.afterMs,
      }),
  },
  guardduty: {
    description: 'GuardDuty findings of a detector updated in the window',
    options: (c) => c.option('--detector-id <id>', 'the GuardDuty detector'),
    fetch: async (aws, w, o) =>
      (await fetchModules.findings()).fetchGuardDutyFindings({
        ...aws,
        detectorId: required(o, 'detectorId', '--detector-id'),
        start: w.start,
        end: w.end,
      }),
  },
  securityhub: {
    description: 'Security Hub findings (default: created in the window)',
    options: (c) => c.option('--filters <json>', 'AwsSecurityFindingFilters as JSON'),
    fetch: async (aws, w, o) => {
      let filters: unknown = {
        CreatedAt: [{ Start: w.start.toISOString(), End: w.end.toISOString() }],
      };
      if (typeof o.filters === 'string') {
        try {
          filters = JSON.parse(o.filters);
        } catch (error) {
          throw invalid('invalid_filters', `--filters is not JSON: ${(error as Error).message}`);
        }
      }
      const { fetchSecurityHubFindings } = await fetchModules.findings();
      return fetchSecurityHubFindings({ ...aws, filters: filters as object });
    },
  },
  detective: {
    description: 'Amazon Detective investigation of an entity over the window',
    options: (c) =>
      c.option('--graph-arn <arn>', 'the behavior graph').option('--entity <arn>', 'IAM user or role ARN'),
    fetch: async (aws, w, o) => [
      await (
        await fetchModules.detective()
      ).fetchDetectiveInvestigation({
        ...aws,
        graphArn: required(o, 'graphArn', '--graph-arn'),
        entityArn: required(o, 'entity', '--entity'),
        start: w.start,
        end: w.end,
      }),
    ],
  },
};

/** `hindsight evidence fetch <source>`: the usual AWS credential chain, or --profile; --endpoint-url for tests. */
export function evidenceFetchCommand(io: CliIo): Command {
  const command = new Command('fetch').description('fetch evidence from AWS APIs into an incident');
  for (const [name, source] of Object.entries(FETCHERS)) {
    source
      .options(command.command(name).description(source.description))
      .requiredOption('--incident <id>', 'the incident')
      .option('--region <region>', 'AWS region (default: AWS_REGION or AWS_DEFAULT_REGION)')
      .option('--profile <name>', 'a profile from the shared AWS config files')
      .option('--endpoint-url <url>', 'another endpoint (LocalStack, a test server)')
      .option('--window-before <duration>', 'before the earliest milestone (SEC10-BP08: 7 days)', '7d')
      .option('--window-after <duration>', 'after the latest milestone (SEC10-BP08: 1 hour)', '1h')
      .option('--since <instant>', 'start of the window (overrides --window-before)')
      .option('--until <instant>', 'end of the window (overrides --window-after)')
      .option('--json', 'print the result as JSON')
      .action(async (options: Options) =>
        withContext(io, async ({ services, actor }) => {
          const incidentId = String(options.incident);
          const incident = await services.incidents.get(actor, incidentId);
          const sink = await services.evidence.sink(actor, incidentId);
          const region =
            (typeof options.region === 'string' ? options.region : undefined) ??
            io.env.AWS_REGION ??
            io.env.AWS_DEFAULT_REGION;
          if (!region) {
            throw invalid('region_required', 'no AWS region: pass --region or set AWS_REGION', [
              { path: '--region', problem: 'is required' },
            ]);
          }
          const key = io.env.AWS_ACCESS_KEY_ID;
          const secret = io.env.AWS_SECRET_ACCESS_KEY;
          const aws: AwsFetchOptions = {
            incidentId,
            actor,
            clock: systemClock,
            region,
            ...(typeof options.endpointUrl === 'string' ? { endpoint: options.endpointUrl } : {}),
            ...(typeof options.profile === 'string' ? { profile: options.profile } : {}),
            ...(key && secret && options.profile === undefined
              ? {
                  credentials: {
                    accessKeyId: key,
                    secretAccessKey: secret,
                    ...(io.env.AWS_SESSION_TOKEN ? { sessionToken: io.env.AWS_SESSION_TOKEN } : {}),
                  },
                }
              : {}),
          };
          const window = windowOf(incident, options);
          const items = await source.fetch(aws, window, options);
          const outcome = await sink.importBatch(incidentId, items);
          const result = {
            source: name,
            fetched: items.length,
            ...outcome,
            window: { start: window.start, end: window.end },
          };
          print(
            io,
            options.json === true,
            result,
            () =>
              `${name}: fetched ${items.length} items (${window.start.toISOString()} – ${window.end.toISOString()}), ${outcome.inserted} inserted, ${outcome.duplicates} duplicates`,
          );
        }),
      );
  }
  return command;
}
