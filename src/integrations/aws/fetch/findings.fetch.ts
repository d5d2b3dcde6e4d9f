import { GetFindingsCommand, GuardDutyClient, paginateListFindings } from '@aws-sdk/client-guardduty';
import {
  paginateGetFindings,
  SecurityHubClient,
  type AwsSecurityFindingFilters,
} from '@aws-sdk/client-securityhub';
import type { EvidenceItem } from '../../../core/evidence/evidence.schema.js';
import { normaliseGuardDutyFinding } from '../guardduty/guardduty.normalise.js';
import { normaliseSecurityHubFinding } from '../securityhub/securityhub.normalise.js';
import { apiProvenance, callAws, clientConfig, type AwsFetchOptions } from './aws.client.js';

export interface GuardDutyQuery extends AwsFetchOptions {
  detectorId: string;
  /** Only findings updated in this window, when given. */
  start?: Date;
  end?: Date;
}

/** GuardDuty findings of a detector: ListFindings (all pages), then GetFindings 50 ids at a time. */
export async function fetchGuardDutyFindings(options: GuardDutyQuery): Promise<EvidenceItem[]> {
  const client = new GuardDutyClient(clientConfig(options));
  const criterion =
    options.start && options.end
      ? {
          FindingCriteria: {
            Criterion: {
              updatedAt: {
                GreaterThanOrEqual: options.start.getTime(),
                LessThanOrEqual: options.end.getTime(),
              },
            },
          },
        }
      : {};
  const provenance = apiProvenance(options, {
    service: 'guardduty',
    operation: 'GetFindings',
    parameters: {
      detector_id: options.detectorId,
      ...(options.start && options.end
        ? { updated_from: options.start.toISOString(), updated_to: options.end.toISOString() }
        : {}),
    },
  });
  try {
    const ids: string[] = [];
    await callAws('guardduty', 'ListFindings', async () => {
      for await (const page of paginateListFindings(
        { client },
        { DetectorId: options.detectorId, ...criterion },
      ))
        ids.push(...(page.FindingIds ?? []));
    });
    const items: EvidenceItem[] = [];
    for (let i = 0; i < ids.length; i += 50) {
      const batch = await callAws('guardduty', 'GetFindings', () =>
        client.send(
          new GetFindingsCommand({ DetectorId: options.detectorId, FindingIds: ids.slice(i, i + 50) }),
        ),
      );
      for (const finding of batch.Findings ?? [])
        items.push(normaliseGuardDutyFinding(finding, { incidentId: options.incidentId, provenance }));
    }
    return items;
  } finally {
    client.destroy();
  }
}

export interface SecurityHubQuery extends AwsFetchOptions {
  filters?: AwsSecurityFindingFilters;
}

/** Security Hub findings matching `filters`, all pages of GetFindings. */
export async function fetchSecurityHubFindings(options: SecurityHubQuery): Promise<EvidenceItem[]> {
  const client = new SecurityHubClient(clientConfig(options));
  const provenance = apiProvenance(options, {
    service: 'securityhub',
    operation: 'GetFindings',
    parameters: { filters: options.filters ?? {} },
  });
  const items: EvidenceItem[] = [];
  try {
    await callAws('securityhub', 'GetFindings', async () => {
      for await (const page of paginateGetFindings(
        { client },
        { ...(options.filters ? { Filters: options.filters } : {}) },
      )) {
        for (const finding of page.Findings ?? [])
          items.push(normaliseSecurityHubFinding(finding, { incidentId: options.incidentId, provenance }));
      }
    });
  } finally {
    client.destroy();
  }
  return items;
}
