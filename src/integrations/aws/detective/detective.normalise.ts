import type { EvidenceItem } from '../../../core/evidence/evidence.schema.js';
import { severityFromLabel } from '../../../core/evidence/evidence.severity.js';
import { toUtcInstant } from '../../../core/evidence/evidence.time.js';
import { invalid } from '../../../core/shared/errors.js';
import type { NormaliseContext } from '../shared/normalise.context.js';
import { anyCase } from '../shared/record.read.js';

const text = (value: unknown, key: string): string | null => {
  const found = anyCase(value, key);
  if (found instanceof Date) return found.toISOString();
  return typeof found === 'string' && found !== '' ? found : null;
};

/**
 * Normalises an Amazon Detective investigation (GetInvestigation output). Time is when the investigation
 * was created; severity is Detective's own label (INFORMATIONAL..CRITICAL).
 */
export function normaliseInvestigation(investigation: unknown, ctx: NormaliseContext): EvidenceItem {
  const id = text(investigation, 'InvestigationId');
  const time = toUtcInstant(anyCase(investigation, 'CreatedTime'));
  if (id === null || time === null) {
    throw invalid(
      'detective_investigation_invalid',
      `${ctx.where ?? 'Detective investigation'}: needs InvestigationId and CreatedTime`,
    );
  }
  const entity = text(investigation, 'EntityArn');
  const severity = text(investigation, 'Severity');
  const status = text(investigation, 'Status') ?? 'UNKNOWN';
  const from = toUtcInstant(anyCase(investigation, 'ScopeStartTime'));
  const to = toUtcInstant(anyCase(investigation, 'ScopeEndTime'));
  return {
    incident_id: ctx.incidentId,
    source: 'detective',
    source_id: id,
    kind: 'investigation',
    time,
    actor: entity,
    resource: entity,
    action: `detective investigation ${text(investigation, 'EntityType') ?? 'entity'}`,
    summary: `Detective investigation of ${entity ?? 'unknown entity'} ${status}, severity ${severity ?? 'not rated'}${
      from !== null && to !== null ? `, scope ${from} to ${to}` : ''
    }`,
    severity,
    severity_normalised: severity !== null ? severityFromLabel(severity) : null,
    region: ctx.provenance.api?.region ?? null,
    account: ctx.provenance.api?.account ?? null,
    raw: investigation,
    provenance: ctx.provenance,
  };
}
