import type { EvidenceItem } from '../../../core/evidence/evidence.schema.js';
import { severityFromGuardDuty } from '../../../core/evidence/evidence.severity.js';
import { toUtcInstant } from '../../../core/evidence/evidence.time.js';
import { invalid } from '../../../core/shared/errors.js';
import type { NormaliseContext } from '../shared/normalise.context.js';
import { anyCase, clip, isObject, stringAt } from '../shared/record.read.js';

const str = (value: unknown, key: string): string | null => {
  const found = anyCase(value, key);
  return typeof found === 'string' && found !== '' ? found : typeof found === 'number' ? String(found) : null;
};
const obj = (value: unknown, key: string): unknown => {
  const found = anyCase(value, key);
  return isObject(found) ? found : {};
};

/** The resource a finding is about: instance id, access key user, bucket, ... by resource type. */
function resourceOf(resource: unknown): string | null {
  const instance = str(obj(resource, 'instanceDetails'), 'instanceId');
  if (instance !== null) return instance;
  const key = obj(resource, 'accessKeyDetails');
  const user = str(key, 'userName');
  if (user !== null) return `${str(key, 'userType') ?? 'principal'}/${user}`;
  const buckets = anyCase(resource, 's3BucketDetails');
  if (Array.isArray(buckets)) return str(buckets[0], 'arn') ?? str(buckets[0], 'name');
  return str(resource, 'resourceType');
}

/** The finding inside an EventBridge "GuardDuty Finding" event, or the value itself. */
export function guardDutyFindingOf(value: unknown): unknown {
  if (isObject(value) && value['detail-type'] === 'GuardDuty Finding' && isObject(value['detail'])) {
    return value['detail'];
  }
  return value;
}

/**
 * Normalises a GuardDuty finding in any of its forms: the GetFindings wire shape (camelCase), the SDK's
 * output (PascalCase) or an EventBridge event's `detail`. Time is when GuardDuty created the finding (when
 * it was detected); the activity's first sighting stays in the summary and raw record.
 */
export function normaliseGuardDutyFinding(value: unknown, ctx: NormaliseContext): EvidenceItem {
  const finding = guardDutyFindingOf(value);
  const where = ctx.where ?? 'GuardDuty finding';
  const id = str(finding, 'id');
  const time = toUtcInstant(anyCase(finding, 'createdAt'));
  if (id === null || time === null) {
    throw invalid(
      'guardduty_finding_invalid',
      `${where}: finding has no ${id === null ? 'id' : 'readable createdAt'}`,
    );
  }
  const severityValue = anyCase(finding, 'severity');
  const score = typeof severityValue === 'number' ? severityValue : Number(severityValue);
  const resource = obj(finding, 'resource');
  const service = obj(finding, 'service');
  const key = obj(resource, 'accessKeyDetails');
  const type = str(finding, 'type') ?? 'unknown type';
  const firstSeen = toUtcInstant(anyCase(service, 'eventFirstSeen'));
  const title = str(finding, 'title') ?? type;
  return {
    incident_id: ctx.incidentId,
    source: 'guardduty',
    source_id: id,
    kind: 'finding',
    time,
    actor: str(key, 'userName') ?? str(key, 'principalId'),
    resource: resourceOf(resource),
    action: type,
    summary: `GuardDuty ${type} (severity ${Number.isFinite(score) ? score : '?'}): ${clip(title)}${
      firstSeen !== null ? `; first seen ${firstSeen}` : ''
    }`,
    severity: Number.isFinite(score) ? String(score) : null,
    severity_normalised: Number.isFinite(score) ? severityFromGuardDuty(score) : null,
    region: str(finding, 'region') ?? (isObject(value) ? stringAt(value, 'region') : null),
    account: str(finding, 'accountId') ?? (isObject(value) ? stringAt(value, 'account') : null),
    raw: value,
    provenance: ctx.provenance,
  };
}
