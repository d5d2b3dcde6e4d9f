import {
  ConfigServiceClient,
  paginateGetComplianceDetailsByResource,
  paginateGetResourceConfigHistory,
  type ResourceType,
} from '@aws-sdk/client-config-service';
import type { EvidenceItem } from '../../../core/evidence/evidence.schema.js';
import { normaliseConfigurationHistory, normaliseEvaluationResult } from '../config/config.normalise.js';
import { apiProvenance, callAws, clientConfig, type AwsFetchOptions } from './aws.client.js';

const HOUR = 3_600_000;

export interface ConfigResourceQuery extends AwsFetchOptions {
  /** A Config resource type such as `AWS::EC2::SecurityGroup`. */
  resourceType: string;
  resourceId: string;
  incidentTime: Date;
  /** Window before the incident; default 7 days (SEC10-BP08). */
  beforeMs?: number;
  /** Window after the incident; default 1 hour (SEC10-BP08). */
  afterMs?: number;
}

/**
 * A resource's configuration history around the incident (diffed item to item) and its Config rule
 * evaluations; NON_COMPLIANT evaluations come back as violations.
 */
export async function fetchConfigEvidence(options: ConfigResourceQuery): Promise<EvidenceItem[]> {
  const client = new ConfigServiceClient(clientConfig(options));
  const earlier = new Date(options.incidentTime.getTime() - (options.beforeMs ?? 7 * 24 * HOUR));
  const later = new Date(options.incidentTime.getTime() + (options.afterMs ?? HOUR));
  const parameters = { resource_type: options.resourceType, resource_id: options.resourceId };
  try {
    const history: unknown[] = [];
    await callAws('config', 'GetResourceConfigHistory', async () => {
      const input = {
        resourceType: options.resourceType as ResourceType,
        resourceId: options.resourceId,
        earlierTime: earlier,
        laterTime: later,
      };
      for await (const page of paginateGetResourceConfigHistory({ client }, input))
        history.push(...(page.configurationItems ?? []));
    });
    const evaluations: unknown[] = [];
    await callAws('config', 'GetComplianceDetailsByResource', async () => {
      const input = { ResourceType: options.resourceType, ResourceId: options.resourceId };
      for await (const page of paginateGetComplianceDetailsByResource({ client }, input))
        evaluations.push(...(page.EvaluationResults ?? []));
    });
    const historyProvenance = apiProvenance(options, {
      service: 'config',
      operation: 'GetResourceConfigHistory',
      parameters: { ...parameters, earlier_time: earlier.toISOString(), later_time: later.toISOString() },
    });
    const complianceProvenance = apiProvenance(options, {
      service: 'config',
      operation: 'GetComplianceDetailsByResource',
      parameters,
    });
    return [
      ...normaliseConfigurationHistory(history, {
        incidentId: options.incidentId,
        provenance: historyProvenance,
      }),
      ...evaluations.map((r) =>
        normaliseEvaluationResult(r, { incidentId: options.incidentId, provenance: complianceProvenance }),
      ),
    ];
  } finally {
    client.destroy();
  }
}
