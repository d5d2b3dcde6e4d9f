import type { EvidenceItem, EvidenceSource } from './evidence.schema.js';
import { compareEvidence } from './evidence.schema.js';
import { containmentReason, detectionReason, indicatorReason } from './evidence.milestones.rules.js';

export type MilestoneName = 'first_indicator' | 'detected' | 'contained';

export interface EvidenceRef {
  id: string | null;
  source: EvidenceSource;
  source_id: string;
}

/** A suggested milestone time with the evidence behind it; a reviewer accepts or rejects it. */
export interface MilestoneSuggestion {
  milestone: MilestoneName;
  time: string;
  evidence: EvidenceRef[];
  reason: string;
}

export interface MilestoneSuggestions {
  first_indicator: MilestoneSuggestion | null;
  detected: MilestoneSuggestion | null;
  contained: MilestoneSuggestion | null;
}

const refOf = (item: EvidenceItem): EvidenceRef => ({
  id: item.id ?? null,
  source: item.source,
  source_id: item.source_id,
});

function earliest(
  sorted: readonly EvidenceItem[],
  milestone: MilestoneName,
  reasonOf: (item: EvidenceItem) => string | null,
): MilestoneSuggestion | null {
  for (const item of sorted) {
    const reason = reasonOf(item);
    if (reason !== null) return { milestone, time: item.time, evidence: [refOf(item)], reason };
  }
  return null;
}

/**
 * Suggests the incident's milestone timestamps from its evidence (issue 7 §7):
 * - first_indicator: the earliest finding, Config violation, denied/failed API call or successful
 *   defence-evasion call (StopLogging, DeleteFlowLogs, ...);
 * - detected: the earliest finding or Config NON_COMPLIANT evaluation (a detective control fired);
 * - contained: the last containment action (access key deactivated/deleted, Deny policy or quarantine
 *   policy attached, security-group rule revoked, ...) at or after the first indicator, citing every
 *   containment action considered.
 * Each is null when no evidence supports it. Suggestions never overwrite anything; a reviewer decides.
 */
export function suggestMilestones(items: readonly EvidenceItem[]): MilestoneSuggestions {
  const sorted = [...items].sort(compareEvidence);
  const firstIndicator = earliest(sorted, 'first_indicator', indicatorReason);
  const detected = earliest(sorted, 'detected', detectionReason);

  const from = firstIndicator?.time ?? '';
  const containing = sorted.filter((item) => item.time >= from && containmentReason(item) !== null);
  const last = containing.at(-1);
  const contained: MilestoneSuggestion | null = last
    ? {
        milestone: 'contained',
        time: last.time,
        evidence: containing.map(refOf),
        reason: `last containment action: ${containmentReason(last) ?? ''}${
          containing.length > 1 ? ` (${containing.length} containment actions)` : ''
        }`,
      }
    : null;

  return { first_indicator: firstIndicator, detected, contained };
}
