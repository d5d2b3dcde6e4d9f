import type { EvidenceItem } from '../../../core/evidence/evidence.schema.js';
import { severityFromLabel, severityFromNormalized } from '../../../core/evidence/evidence.severity.js';
import { toUtcInstant } from '../../../core/evidence/evidence.time.js';
import { invalid } from '../../../core/shared/errors.js';
import type { NormaliseContext } from '../shared/normalise.context.js';
import { arrayAt, clip, isObject, numberAt, objectAt, stringAt } from '../shared/record.read.js';

/** Security Hub EventBridge events that carry findings in `detail.findings`. */
const FINDING_EVENTS = new Set(['Security Hub Findings - Imported', 'Security Hub Findings - Custom Action']);

/** The ASFF findings of a GetFindings page or a Security Hub findings event. */
export function securityHubFindingsOf(value: unknown): unknown[] {
  if (
    isObject(value) &&
    typeof value['detail-type'] === 'string' &&
    FINDING_EVENTS.has(value['detail-type'])
  ) {
    return arrayAt(value['detail'], 'findings');
  }
  return arrayAt(value, 'Findings');
}

/** The source's own severity text and its place on the incident scale (Label first, else Normalized). */
function severityOf(finding: unknown): {
  severity: string | null;
  normalised: EvidenceItem['severity_normalised'];
} {
  const severity = objectAt(finding, 'Severity');
  const label = stringAt(severity, 'Label');
  if (label !== null) return { severity: label, normalised: severityFromLabel(label) };
  const normalized = numberAt(severity, 'Normalized');
  if (normalized !== null)
    return { severity: `Normalized ${normalized}`, normalised: severityFromNormalized(normalized) };
  return { severity: null, normalised: null };
}

/**
 * Normalises one ASFF finding (GetFindings, or an EventBridge findings event). Time is `CreatedAt`, when
 * the finding was created; the dedup key is the ASFF `Id`.
 */
export function normaliseSecurityHubFinding(finding: unknown, ctx: NormaliseContext): EvidenceItem {
  const where = ctx.where ?? 'Security Hub finding';
  const id = stringAt(finding, 'Id');
  const time = toUtcInstant(isObject(finding) ? finding['CreatedAt'] : undefined);
  if (id === null || time === null) {
    throw invalid(
      'securityhub_finding_invalid',
      `${where}: finding has no ${id === null ? 'Id' : 'readable CreatedAt'}`,
    );
  }
  const resource = arrayAt(finding, 'Resources')[0];
  const { severity, normalised } = severityOf(finding);
  const firstType = arrayAt(finding, 'Types')[0];
  const type = typeof firstType === 'string' ? firstType : null;
  const product =
    stringAt(finding, 'ProductName') ??
    stringAt(objectAt(finding, 'ProductFields'), 'aws/securityhub/ProductName');
  const title = stringAt(finding, 'Title') ?? 'untitled finding';
  const region = stringAt(finding, 'Region') ?? stringAt(resource, 'Region');
  return {
    incident_id: ctx.incidentId,
    source: 'security-hub',
    source_id: id,
    kind: 'finding',
    time,
    actor: null,
    resource: stringAt(resource, 'Id'),
    action: type,
    summary: `Security Hub${product !== null ? ` (${product})` : ''} ${severity ?? 'unrated'}: ${clip(title)}`,
    severity,
    severity_normalised: normalised,
    region,
    account: stringAt(finding, 'AwsAccountId'),
    raw: finding,
    provenance: ctx.provenance,
  };
}
