import type { Severity } from '../shared/vocabulary.js';

/**
 * GuardDuty's 0–10 score on the incident scale, by GuardDuty's documented bands:
 * Critical 9.0–10.0, High 7.0–8.9, Medium 4.0–6.9, Low 1.0–3.9. Below 1 is not a rated finding.
 *
 * @example severityFromGuardDuty(8) // 'High'
 */
export function severityFromGuardDuty(score: number): Severity | null {
  if (!Number.isFinite(score) || score < 1) return null;
  if (score >= 9) return 'Critical';
  if (score >= 7) return 'High';
  if (score >= 4) return 'Medium';
  return 'Low';
}

/**
 * An ASFF-style label (Security Hub `Severity.Label`, Detective severity) on the incident scale.
 * INFORMATIONAL has no place on the incident scale, so it maps to null.
 */
export function severityFromLabel(label: string): Severity | null {
  switch (label.trim().toUpperCase()) {
    case 'CRITICAL':
      return 'Critical';
    case 'HIGH':
      return 'High';
    case 'MEDIUM':
      return 'Medium';
    case 'LOW':
      return 'Low';
    default:
      return null;
  }
}

/**
 * Security Hub's 0–100 `Severity.Normalized` by the ASFF bands: 0 informational, 1–39 Low, 40–69 Medium,
 * 70–89 High, 90–100 Critical. Used only when a finding has no `Label`.
 */
export function severityFromNormalized(normalized: number): Severity | null {
  if (!Number.isFinite(normalized) || normalized < 1) return null;
  if (normalized >= 90) return 'Critical';
  if (normalized >= 70) return 'High';
  if (normalized >= 40) return 'Medium';
  return 'Low';
}
