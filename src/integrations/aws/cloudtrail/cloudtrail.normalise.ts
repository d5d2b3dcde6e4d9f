import type { EvidenceItem } from '../../../core/evidence/evidence.schema.js';
import { toUtcInstant } from '../../../core/evidence/evidence.time.js';
import { invalid } from '../../../core/shared/errors.js';
import type { NormaliseContext } from '../shared/normalise.context.js';
import { arrayAt, clip, firstOf, isObject, objectAt, stringAt } from '../shared/record.read.js';

/** requestParameters keys that name the resource acted on, most specific first. */
const RESOURCE_KEYS = [
  'roleArn',
  'policyArn',
  'bucketName',
  'instanceId',
  'userName',
  'roleName',
  'groupName',
  'groupId',
  'secretId',
  'functionName',
  'trailName',
  'name',
  'keyId',
  'snapshotId',
  'imageId',
  'volumeId',
  'dBInstanceIdentifier',
  'dBSnapshotIdentifier',
  'logGroupName',
  'detectorId',
  'accessKeyId',
  'resourceArn',
  'target',
  'modelId',
] as const;

/**
 * The principal behind a CloudTrail event: the identity ARN when there is one (an assumed-role ARN names
 * the session), else the session issuer, the user name, the AWS service that invoked the call, or the
 * principal id.
 */
export function cloudTrailActor(record: unknown): string | null {
  const identity = objectAt(record, 'userIdentity');
  return (
    stringAt(identity, 'arn') ??
    stringAt(objectAt(objectAt(identity, 'sessionContext'), 'sessionIssuer'), 'arn') ??
    stringAt(identity, 'userName') ??
    stringAt(identity, 'invokedBy') ??
    stringAt(identity, 'principalId') ??
    stringAt(identity, 'type')
  );
}

/** The resource acted on: the first `resources[].ARN`, else a naming request parameter. */
export function cloudTrailResource(record: unknown): string | null {
  for (const resource of arrayAt(record, 'resources')) {
    const arn = stringAt(resource, 'ARN') ?? stringAt(resource, 'arn');
    if (arn !== null) return arn;
  }
  const params = objectAt(record, 'requestParameters');
  const direct = firstOf(params, RESOURCE_KEYS);
  if (direct !== null) return direct;
  const firstInstance = arrayAt(objectAt(params, 'instancesSet'), 'items')[0];
  return stringAt(firstInstance, 'instanceId');
}

/** A failed call: an errorCode, or a console sign-in that answered Failure (which has no errorCode). */
function failureOf(record: unknown): string | null {
  const code = stringAt(record, 'errorCode');
  const message = stringAt(record, 'errorMessage');
  if (code !== null) return message !== null ? `${code}: ${clip(message, 160)}` : code;
  if (stringAt(objectAt(record, 'responseElements'), 'ConsoleLogin') === 'Failure') {
    return `ConsoleLogin Failure${message !== null ? `: ${clip(message, 160)}` : ''}`;
  }
  return null;
}

/**
 * Normalises one CloudTrail record (as in a log file, a LookupEvents `CloudTrailEvent`, or the `detail` of
 * an "AWS API Call via CloudTrail" event) into evidence. Unknown fields, fake-looking regions and odd IP
 * spellings are kept as they are; only a missing eventID or unreadable eventTime is refused.
 */
export function normaliseCloudTrailRecord(record: unknown, ctx: NormaliseContext): EvidenceItem {
  const where = ctx.where ?? 'CloudTrail record';
  if (!isObject(record)) throw invalid('cloudtrail_record_invalid', `${where}: record is not a JSON object`);
  const eventId = stringAt(record, 'eventID');
  if (eventId === null) {
    throw invalid('cloudtrail_record_invalid', `${where}: record has no eventID`, [
      { path: `${where}.eventID`, problem: 'missing' },
    ]);
  }
  const rawTime = record['eventTime'];
  const time = toUtcInstant(rawTime);
  if (time === null) {
    const problem =
      rawTime === undefined ? 'missing' : `not a date-time with a time zone: ${JSON.stringify(rawTime)}`;
    throw invalid('cloudtrail_record_invalid', `${where}: eventTime is ${problem} (eventID ${eventId})`, [
      { path: `${where}.eventTime`, problem },
    ]);
  }
  const eventSource = stringAt(record, 'eventSource') ?? 'unknown';
  const eventName = stringAt(record, 'eventName') ?? 'unknown';
  const action = `${eventSource}:${eventName}`;
  const actor = cloudTrailActor(record);
  const resource = cloudTrailResource(record);
  const failure = failureOf(record);
  const ip = stringAt(record, 'sourceIPAddress');
  const summary = [
    `${actor ?? 'unknown principal'} called ${eventName} (${eventSource})`,
    resource !== null ? ` on ${resource}` : '',
    ip !== null ? ` from ${ip}` : '',
    failure !== null ? ` — failed: ${failure}` : '',
  ].join('');
  return {
    incident_id: ctx.incidentId,
    source: 'cloudtrail',
    source_id: eventId,
    kind: failure !== null ? 'api_error' : 'api_call',
    time,
    actor,
    resource,
    action,
    summary,
    severity: null,
    severity_normalised: null,
    region: stringAt(record, 'awsRegion'),
    account:
      stringAt(record, 'recipientAccountId') ?? stringAt(objectAt(record, 'userIdentity'), 'accountId'),
    raw: record,
    provenance: ctx.provenance,
  };
}

/** The CloudTrail record inside an EventBridge "AWS API Call via CloudTrail" event, or the value itself. */
export function cloudTrailRecordOf(value: unknown): unknown {
  if (isObject(value) && typeof value['detail-type'] === 'string' && isObject(value['detail'])) {
    const detail = value['detail'];
    // EventBridge events carry their own id; the record inside may omit eventID/eventTime in samples.
    return {
      ...detail,
      eventID: detail['eventID'] ?? value['id'],
      eventTime: detail['eventTime'] ?? value['time'],
      awsRegion: detail['awsRegion'] ?? value['region'],
      recipientAccountId: detail['recipientAccountId'] ?? value['account'],
    };
  }
  return value;
}
