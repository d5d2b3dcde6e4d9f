import type { EvidenceItem } from '../../../core/evidence/evidence.schema.js';
import { toUtcInstant } from '../../../core/evidence/evidence.time.js';
import { invalid } from '../../../core/shared/errors.js';
import type { NormaliseContext } from '../shared/normalise.context.js';
import { anyCase, isObject, objectAt, stringAt } from '../shared/record.read.js';
import { diffConfiguration, type ConfigChange } from './config.diff.js';

const text = (value: unknown, key: string): string | null => {
  const found = anyCase(value, key);
  return typeof found === 'string' && found !== '' ? found : typeof found === 'number' ? String(found) : null;
};

/** AWS JSON protocols write timestamps as epoch seconds; ISO strings and Dates pass through. */
const instantOf = (value: unknown): string | null =>
  toUtcInstant(typeof value === 'number' && value < 1e11 ? value * 1000 : value);

/** The compared parts of a configuration item: what the resource looks like, not Config's bookkeeping. */
const stateOf = (item: unknown) => ({
  configuration: anyCase(item, 'configuration'),
  supplementaryConfiguration: anyCase(item, 'supplementaryConfiguration'),
  tags: anyCase(item, 'tags'),
  relationships: anyCase(item, 'relationships'),
});

/**
 * Normalises one AWS Config configuration item (GetResourceConfigHistory, a rule invocation's
 * `configurationItem`, or the SDK's PascalCase output). With `changes` (from the previous item) the summary
 * names the changed fields and the raw record carries them as `hindsight_changes`.
 */
export function normaliseConfigurationItem(
  item: unknown,
  ctx: NormaliseContext,
  changes: readonly ConfigChange[] | null = null,
): EvidenceItem {
  const where = ctx.where ?? 'AWS Config configuration item';
  const captured = instantOf(anyCase(item, 'configurationItemCaptureTime'));
  const resourceType = text(item, 'resourceType');
  const resourceId = text(item, 'resourceId');
  if (captured === null || resourceType === null || resourceId === null) {
    throw invalid(
      'config_item_invalid',
      `${where}: needs configurationItemCaptureTime, resourceType and resourceId`,
    );
  }
  const stateId = text(item, 'configurationStateId') ?? captured;
  const status = text(item, 'configurationItemStatus') ?? 'unknown status';
  const arn = text(item, 'arn') ?? text(item, 'ARN');
  const changed =
    changes === null
      ? ''
      : changes.length === 0
        ? '; no configuration change'
        : `; changed ${changes
            .slice(0, 5)
            .map((c) => c.path)
            .join(', ')}${changes.length > 5 ? ` and ${changes.length - 5} more` : ''}`;
  return {
    incident_id: ctx.incidentId,
    source: 'aws-config',
    source_id: `${resourceType}/${resourceId}/${stateId}`,
    kind: 'configuration_change',
    time: captured,
    actor: null,
    resource: arn ?? `${resourceType}/${resourceId}`,
    action: `${resourceType} ${status}`,
    summary: `AWS Config: ${resourceType} ${resourceId} ${status}${changed}`,
    severity: null,
    severity_normalised: null,
    region: text(item, 'awsRegion'),
    account: text(item, 'accountId') ?? text(item, 'awsAccountId'),
    raw: changes === null ? item : { ...(isObject(item) ? item : { item }), hindsight_changes: changes },
    provenance: ctx.provenance,
  };
}

/**
 * Normalises a resource's configuration history, oldest first, each item diffed against the one before
 * (the first against nothing, so its summary lists no change).
 */
export function normaliseConfigurationHistory(
  items: readonly unknown[],
  ctx: NormaliseContext,
): EvidenceItem[] {
  const timed = items.map((item) => ({
    item,
    time: instantOf(anyCase(item, 'configurationItemCaptureTime')) ?? '',
  }));
  timed.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  return timed.map(({ item }, i) => {
    const prev = timed[i - 1];
    const changes = prev ? diffConfiguration(stateOf(prev.item), stateOf(item)) : null;
    return normaliseConfigurationItem(item, ctx, changes);
  });
}

/** The configuration item inside an AWS Config rule invocation event (`invokingEvent` is a JSON string). */
export function configurationItemOfRuleEvent(event: unknown): unknown {
  const invoking = isObject(event) ? event['invokingEvent'] : undefined;
  const parsed: unknown = typeof invoking === 'string' ? JSON.parse(invoking) : invoking;
  const item = objectAt(parsed, 'configurationItem');
  return Object.keys(item).length > 0 ? item : null;
}

/**
 * Normalises a Config rule evaluation (GetComplianceDetailsByResource/ByConfigRule `EvaluationResults`).
 * NON_COMPLIANT results are violations; the rest are kept as compliance context.
 */
export function normaliseEvaluationResult(result: unknown, ctx: NormaliseContext): EvidenceItem {
  const where = ctx.where ?? 'AWS Config evaluation result';
  const identifier = objectAt(result, 'EvaluationResultIdentifier');
  const qualifier = objectAt(identifier, 'EvaluationResultQualifier');
  const rule = stringAt(qualifier, 'ConfigRuleName');
  const resourceType = stringAt(qualifier, 'ResourceType');
  const resourceId = stringAt(qualifier, 'ResourceId');
  const recorded = instantOf(anyCase(result, 'ResultRecordedTime'));
  const ordering = instantOf(anyCase(identifier, 'OrderingTimestamp')) ?? recorded;
  if (rule === null || resourceId === null || recorded === null) {
    throw invalid(
      'config_evaluation_invalid',
      `${where}: needs ConfigRuleName, ResourceId and ResultRecordedTime`,
    );
  }
  const compliance = stringAt(result, 'ComplianceType') ?? 'NOT_APPLICABLE';
  const annotation = stringAt(result, 'Annotation');
  return {
    incident_id: ctx.incidentId,
    source: 'aws-config',
    source_id: `${rule}/${resourceType ?? 'resource'}/${resourceId}/${ordering ?? recorded}`,
    kind: compliance === 'NON_COMPLIANT' ? 'compliance_violation' : 'compliance',
    time: recorded,
    actor: null,
    resource: `${resourceType ?? 'resource'}/${resourceId}`,
    action: `config rule ${rule}`,
    summary: `AWS Config rule ${rule}: ${resourceId} ${compliance}${annotation !== null ? ` — ${annotation}` : ''}`,
    severity: null,
    severity_normalised: null,
    region: ctx.provenance.api?.region ?? null,
    account: ctx.provenance.api?.account ?? null,
    raw: result,
    provenance: ctx.provenance,
  };
}
