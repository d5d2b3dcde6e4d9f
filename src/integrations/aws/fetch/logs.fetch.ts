import {
  CloudWatchLogsClient,
  GetQueryResultsCommand,
  StartQueryCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import type { EvidenceItem } from '../../../core/evidence/evidence.schema.js';
import { DomainError } from '../../../core/shared/errors.js';
import { normaliseInsightsBin } from '../logs/logs.normalise.js';
import { DEFAULT_INSIGHTS_QUERY } from './logs.query.js';
import {
  apiProvenance,
  callAws,
  clientConfig,
  realSleep,
  type AwsFetchOptions,
  type Sleep,
} from './aws.client.js';

export { DEFAULT_INSIGHTS_QUERY };

export interface InsightsQuery extends AwsFetchOptions {
  logGroups: readonly string[];
  start: Date;
  end: Date;
  query?: string;
  pollMs?: number;
  /** Polls before giving up; default 120 (two minutes at the default interval). */
  maxPolls?: number;
  sleep?: Sleep;
}

/**
 * Runs a Logs Insights query (StartQuery, then GetQueryResults polled to completion) and returns each
 * result row as a bin of evidence, with the query text and parameters in provenance.
 */
export async function fetchLogsInsights(options: InsightsQuery): Promise<EvidenceItem[]> {
  const client = new CloudWatchLogsClient(clientConfig(options));
  const queryString = options.query ?? DEFAULT_INSIGHTS_QUERY;
  const sleep = options.sleep ?? realSleep;
  try {
    const started = await callAws('logs', 'StartQuery', () =>
      client.send(
        new StartQueryCommand({
          logGroupNames: [...options.logGroups],
          startTime: Math.floor(options.start.getTime() / 1000),
          endTime: Math.floor(options.end.getTime() / 1000),
          queryString,
        }),
      ),
    );
    const queryId = started.queryId ?? '';
    for (let poll = 0; poll < (options.maxPolls ?? 120); poll++) {
      const result = await callAws('logs', 'GetQueryResults', () =>
        client.send(new GetQueryResultsCommand({ queryId })),
      );
      const status = result.status ?? 'Unknown';
      if (status === 'Complete') {
        const provenance = apiProvenance(options, {
          service: 'logs',
          operation: 'StartQuery',
          query: queryString,
          parameters: {
            log_groups: [...options.logGroups],
            start_time: options.start.toISOString(),
            end_time: options.end.toISOString(),
            query_id: queryId,
          },
        });
        return (result.results ?? []).map((row, i) =>
          normaliseInsightsBin(row, {
            incidentId: options.incidentId,
            provenance,
            logGroups: options.logGroups,
            queryString,
            where: `Logs Insights ${queryId} row ${i}`,
          }),
        );
      }
      if (status !== 'Running' && status !== 'Scheduled') {
        throw new DomainError(
          'unavailable',
          'logs_insights_query_failed',
          `logs GetQueryResults: query ${queryId} ended with status ${status}`,
        );
      }
      await sleep(options.pollMs ?? 1000);
    }
    throw new DomainError(
      'unavailable',
      'logs_insights_query_timeout',
      `logs GetQueryResults: query ${queryId} still running after polling; narrow the window or log groups`,
    );
  } finally {
    client.destroy();
  }
}
