import { CloudTrailClient, paginateLookupEvents, type LookupAttributeKey } from '@aws-sdk/client-cloudtrail';
import type { EvidenceItem } from '../../../core/evidence/evidence.schema.js';
import { normaliseCloudTrailRecord } from '../cloudtrail/cloudtrail.normalise.js';
import { apiProvenance, callAws, clientConfig, type AwsFetchOptions } from './aws.client.js';

export interface CloudTrailLookup extends AwsFetchOptions {
  /** e.g. `{ key: 'EventName', value: 'AssumeRole' }`; omitted means every management event. */
  attribute?: { key: LookupAttributeKey; value: string };
  start: Date;
  end: Date;
  /** Stops after this many events; default 10 000. */
  limit?: number;
}

/**
 * Fetches CloudTrail management events with LookupEvents (all pages) for a time window around the
 * incident, normalised with API provenance (the lookup attribute and window are the parameters).
 */
export async function fetchCloudTrailEvents(options: CloudTrailLookup): Promise<EvidenceItem[]> {
  const client = new CloudTrailClient(clientConfig(options));
  const input = {
    StartTime: options.start,
    EndTime: options.end,
    ...(options.attribute
      ? {
          LookupAttributes: [
            { AttributeKey: options.attribute.key, AttributeValue: options.attribute.value },
          ],
        }
      : {}),
  };
  const provenance = apiProvenance(options, {
    service: 'cloudtrail',
    operation: 'LookupEvents',
    parameters: {
      start_time: options.start.toISOString(),
      end_time: options.end.toISOString(),
      ...(options.attribute ? { lookup_attribute: options.attribute } : {}),
    },
  });
  const limit = options.limit ?? 10_000;
  const items: EvidenceItem[] = [];
  try {
    await callAws('cloudtrail', 'LookupEvents', async () => {
      for await (const page of paginateLookupEvents({ client }, input)) {
        for (const event of page.Events ?? []) {
          const record: unknown =
            event.CloudTrailEvent !== undefined ? JSON.parse(event.CloudTrailEvent) : event;
          items.push(
            normaliseCloudTrailRecord(record, {
              incidentId: options.incidentId,
              provenance,
              where: `LookupEvents ${event.EventId ?? ''}`,
            }),
          );
          if (items.length >= limit) return;
        }
      }
    });
  } finally {
    client.destroy();
  }
  return items;
}
