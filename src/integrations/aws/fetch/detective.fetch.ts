import {
  DetectiveClient,
  GetInvestigationCommand,
  StartInvestigationCommand,
} from '@aws-sdk/client-detective';
import type { EvidenceItem } from '../../../core/evidence/evidence.schema.js';
import { DomainError } from '../../../core/shared/errors.js';
import { normaliseInvestigation } from '../detective/detective.normalise.js';
import {
  apiProvenance,
  callAws,
  clientConfig,
  realSleep,
  type AwsFetchOptions,
  type Sleep,
} from './aws.client.js';

export interface DetectiveQuery extends AwsFetchOptions {
  graphArn: string;
  entityArn: string;
  start: Date;
  end: Date;
  pollMs?: number;
  maxPolls?: number;
  sleep?: Sleep;
}

/** Starts a Detective investigation of an entity over a window and waits for its result. */
export async function fetchDetectiveInvestigation(options: DetectiveQuery): Promise<EvidenceItem> {
  const client = new DetectiveClient(clientConfig(options));
  const sleep = options.sleep ?? realSleep;
  try {
    const started = await callAws('detective', 'StartInvestigation', () =>
      client.send(
        new StartInvestigationCommand({
          GraphArn: options.graphArn,
          EntityArn: options.entityArn,
          ScopeStartTime: options.start,
          ScopeEndTime: options.end,
        }),
      ),
    );
    const investigationId = started.InvestigationId ?? '';
    for (let poll = 0; poll < (options.maxPolls ?? 120); poll++) {
      const result = await callAws('detective', 'GetInvestigation', () =>
        client.send(
          new GetInvestigationCommand({ GraphArn: options.graphArn, InvestigationId: investigationId }),
        ),
      );
      if (result.Status !== 'RUNNING') {
        const provenance = apiProvenance(options, {
          service: 'detective',
          operation: 'StartInvestigation',
          parameters: {
            graph_arn: options.graphArn,
            entity_arn: options.entityArn,
            scope_start: options.start.toISOString(),
            scope_end: options.end.toISOString(),
          },
        });
        return normaliseInvestigation(result, { incidentId: options.incidentId, provenance });
      }
      await sleep(options.pollMs ?? 2000);
    }
    throw new DomainError(
      'unavailable',
      'detective_investigation_timeout',
      `detective GetInvestigation: investigation ${investigationId} still running`,
    );
  } finally {
    client.destroy();
  }
}
