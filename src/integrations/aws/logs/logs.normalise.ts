import { createHash } from 'node:crypto';
import type { EvidenceItem } from '../../../core/evidence/evidence.schema.js';
import { toUtcInstant } from '../../../core/evidence/evidence.time.js';
import { invalid } from '../../../core/shared/errors.js';
import type { NormaliseContext } from '../shared/normalise.context.js';
import { clip, numberAt, stringAt } from '../shared/record.read.js';

/** One row of Logs Insights results as the API returns it. */
export type InsightsRow = readonly { field?: string; value?: string }[];

/**
 * Normalises a CloudWatch Logs event (GetLogEvents / FilterLogEvents). GetLogEvents gives no event id, so
 * the dedup key is the group, stream, timestamp and a hash of the message.
 */
export function normaliseLogEvent(
  event: unknown,
  ctx: NormaliseContext & { logGroup: string; logStream?: string },
): EvidenceItem {
  const timestamp = numberAt(event, 'timestamp');
  const message = stringAt(event, 'message') ?? '';
  const time = toUtcInstant(timestamp);
  if (time === null) throw invalid('logs_event_invalid', `${ctx.where ?? 'log event'}: no timestamp`);
  const stream = stringAt(event, 'logStreamName') ?? ctx.logStream ?? '';
  const id =
    stringAt(event, 'eventId') ??
    `${ctx.logGroup}/${stream}/${timestamp}/${createHash('sha256').update(message).digest('hex').slice(0, 16)}`;
  return {
    incident_id: ctx.incidentId,
    source: 'cloudwatch-logs',
    source_id: id,
    kind: 'log_event',
    time,
    actor: null,
    resource: ctx.logGroup,
    action: null,
    summary: `${ctx.logGroup}: ${clip(message) || '(empty message)'}`,
    severity: null,
    severity_normalised: null,
    region: ctx.provenance.api?.region ?? null,
    account: ctx.provenance.api?.account ?? null,
    raw: event,
    provenance: ctx.provenance,
  };
}

/** Logs Insights writes times as `2024-01-15 09:05:00.000`, in UTC without a zone. */
function insightsTime(value: string): string | null {
  return toUtcInstant(/[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
}

/**
 * Normalises one Logs Insights result row of a `stats count() by bin(...)` query into a bin of evidence.
 * The dedup key is the query (group and text) plus the bin start, so re-running the query updates nothing.
 */
export function normaliseInsightsBin(
  row: InsightsRow,
  ctx: NormaliseContext & { logGroups: readonly string[]; queryString: string },
): EvidenceItem {
  const fields = new Map(row.map((cell) => [cell.field ?? '', cell.value ?? '']));
  const binField = [...fields.keys()].find((f) => f.startsWith('bin(')) ?? '@timestamp';
  const binValue = fields.get(binField);
  const time = binValue !== undefined ? insightsTime(binValue) : null;
  if (time === null) {
    throw invalid(
      'logs_insights_row_invalid',
      `${ctx.where ?? 'Logs Insights row'}: no readable ${binField}`,
    );
  }
  const counts = [...fields.entries()].filter(([f]) => f !== binField && !f.startsWith('@ptr'));
  const fingerprint = createHash('sha256')
    .update(`${[...ctx.logGroups].sort().join(',')}\n${ctx.queryString}`)
    .digest('hex')
    .slice(0, 16);
  return {
    incident_id: ctx.incidentId,
    source: 'cloudwatch-logs',
    source_id: `insights/${fingerprint}/${time}`,
    kind: 'log_bin',
    time,
    actor: null,
    resource: ctx.logGroups.join(', '),
    action: null,
    summary: `Logs Insights ${binField} at ${time}: ${counts.map(([f, v]) => `${f} = ${v}`).join(', ')}`,
    severity: null,
    severity_normalised: null,
    region: ctx.provenance.api?.region ?? null,
    account: ctx.provenance.api?.account ?? null,
    raw: Object.fromEntries(fields),
    provenance: ctx.provenance,
  };
}
