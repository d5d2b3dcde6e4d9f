import type { RecordSource } from '../api/evidence.js';

/** List fields AWS responses and log files keep their records under (CloudTrail, GetFindings, Config, Logs). */
const LIST_FIELDS = [
  'Records',
  'Findings',
  'findings',
  'ConfigurationItems',
  'configurationItems',
  'EvaluationResults',
  'evaluationResults',
  'events',
  'results',
];

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The records inside a JSON file a person uploads: a bare array, a `{"Records": [...]}` CloudTrail file, an
 * API response's list, a recorded response wrapped as `{"status_code", "data"}`, or one record on its own
 * (an EventBridge event). The server parses each record; this only finds the list.
 */
export function recordsOf(json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  if (!isObject(json)) return [];
  if ('status_code' in json && isObject(json['data'])) return recordsOf(json['data']);
  for (const field of LIST_FIELDS) {
    const value = json[field];
    if (Array.isArray(value)) return value;
  }
  return [json];
}

/** A best guess of the source, so the common case needs no choice; the person can still change it. */
export function guessSource(json: unknown): RecordSource | null {
  const unwrapped = isObject(json) && 'status_code' in json ? json['data'] : json;
  const first = recordsOf(unwrapped)[0];
  if (isObject(unwrapped) && ('ConfigurationItems' in unwrapped || 'configurationItems' in unwrapped))
    return 'aws-config';
  if (isObject(unwrapped) && ('EvaluationResults' in unwrapped || 'evaluationResults' in unwrapped))
    return 'aws-config';
  // A Logs Insights result row is a list of {field, value} cells.
  if (Array.isArray(first) && first.every((cell) => isObject(cell) && 'field' in cell))
    return 'cloudwatch-logs';
  if (!isObject(first)) return null;
  const detailType = first['detail-type'];
  if (detailType === 'GuardDuty Finding') return 'guardduty';
  if (typeof detailType === 'string' && detailType.startsWith('Security Hub')) return 'security-hub';
  if (detailType === 'AWS API Call via CloudTrail') return 'cloudtrail';
  if (typeof detailType === 'string' && detailType.startsWith('Config')) return 'aws-config';
  if ('eventName' in first && 'eventTime' in first) return 'cloudtrail';
  if ('SchemaVersion' in first && 'ProductArn' in first) return 'security-hub';
  if ('schemaVersion' in first && 'type' in first && 'service' in first) return 'guardduty';
  if ('timestamp' in first && 'message' in first) return 'cloudwatch-logs';
  return null;
}

/**
 * SHA-256 (hex) of a file's bytes for the provenance, or undefined where the browser offers no digest:
 * WebCrypto exists only in secure contexts (HTTPS or localhost), and a self-hosted server may be plain HTTP.
 */
export async function sha256Of(bytes: ArrayBuffer): Promise<string | undefined> {
  const subtle = globalThis.crypto?.subtle as SubtleCrypto | undefined;
  if (!subtle) return undefined;
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
