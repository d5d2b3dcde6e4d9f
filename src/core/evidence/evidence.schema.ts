import { z } from 'zod';
import { Severity } from '../shared/vocabulary.js';

/** Where a piece of evidence came from. `file` is a file a person handed over that no AWS parser knows. */
export const EvidenceSource = z.enum([
  'cloudtrail',
  'cloudwatch-logs',
  'aws-config',
  'guardduty',
  'security-hub',
  'detective',
  'file',
]);
export type EvidenceSource = z.infer<typeof EvidenceSource>;
export const EVIDENCE_SOURCES = EvidenceSource.options;

/**
 * What the record is, so milestone rules and the UI do not have to re-read the raw record:
 * an API call that succeeded or failed, a finding, a compliance result, a configuration change, a log
 * event, a bin of a Logs Insights query, or a Detective investigation.
 */
export const EvidenceKind = z.enum([
  'api_call',
  'api_error',
  'finding',
  'compliance_violation',
  'compliance',
  'configuration_change',
  'log_event',
  'log_bin',
  'investigation',
]);
export type EvidenceKind = z.infer<typeof EvidenceKind>;

/** UTC instant `YYYY-MM-DDTHH:MM:SS.sssZ`; normalisers convert before they build an item. */
const UtcInstant = z.iso.datetime({ message: 'must be an ISO-8601 UTC date-time ending in Z' });

/** How an API call was made, so a reviewer can repeat it. */
export const ApiProvenance = z.object({
  service: z.string().min(1),
  operation: z.string().min(1),
  region: z.string().min(1),
  account: z.string().optional(),
  query: z.string().optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
});
export type ApiProvenance = z.infer<typeof ApiProvenance>;

/** Where inside a file a record sits: its index in the Records array and the byte offset of its `{`. */
export const FilePosition = z.object({
  record_index: z.number().int().nonnegative(),
  byte_offset: z.number().int().nonnegative(),
});
export type FilePosition = z.infer<typeof FilePosition>;

/** How, when and by whom a piece of evidence was obtained. */
export const Provenance = z.object({
  method: z.enum(['file', 'api']),
  file_path: z.string().optional(),
  file_sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256')
    .optional(),
  position: FilePosition.optional(),
  api: ApiProvenance.optional(),
  obtained_at: UtcInstant,
  /** Id of the actor (user or `system`) who ran the import or fetch. */
  obtained_by: z.string().min(1),
});
export type Provenance = z.infer<typeof Provenance>;

/**
 * One piece of evidence attached to an incident. `(incident_id, source, source_id)` is the dedup key:
 * importing the same CloudTrail eventID or finding id twice keeps the first copy.
 */
export const EvidenceItem = z.object({
  id: z.string().min(1).optional(),
  incident_id: z.string().min(1),
  source: EvidenceSource,
  source_id: z.string().min(1),
  kind: EvidenceKind,
  time: UtcInstant,
  actor: z.string().nullable(),
  resource: z.string().nullable(),
  action: z.string().nullable(),
  summary: z.string().min(1),
  /** The source's own severity, kept as the source wrote it (`5`, `HIGH`, `Normalized 40`). */
  severity: z.string().nullable(),
  severity_normalised: Severity.nullable(),
  region: z.string().nullable(),
  account: z.string().nullable(),
  raw: z.unknown(),
  provenance: Provenance,
});
export type EvidenceItem = z.infer<typeof EvidenceItem>;

/** Orders evidence by time, then source and source id, so equal timestamps still sort the same way. */
export function compareEvidence(a: EvidenceItem, b: EvidenceItem): number {
  if (a.time !== b.time) return a.time < b.time ? -1 : 1;
  if (a.source !== b.source) return a.source < b.source ? -1 : 1;
  if (a.source_id === b.source_id) return 0;
  return a.source_id < b.source_id ? -1 : 1;
}

/** The dedup key of an item within its incident. */
export function evidenceKey(item: Pick<EvidenceItem, 'source' | 'source_id'>): string {
  return `${item.source}:${item.source_id}`;
}
