import { z } from 'zod';
import { EvidenceKind, EvidenceSource, type EvidenceItem, type Provenance } from './evidence.schema.js';

/** The list query as it arrives from a query string or the CLI: strings are coerced, limits enforced. */
export const EvidenceListQuery = z.strictObject({
  source: EvidenceSource.optional(),
  kind: EvidenceKind.optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  actor: z.string().min(1).max(2000).optional(),
  resource: z.string().min(1).max(2000).optional(),
  text: z.string().min(1).max(200).optional(),
  pinned: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().min(1).max(500).optional(),
});
export type EvidenceListQuery = z.output<typeof EvidenceListQuery>;

/** Pinning an item onto the timeline, optionally as a given timeline event and with a note. */
export const EvidencePinInput = z.strictObject({
  note: z.string().trim().max(2000, 'must be at most 2000 characters').nullable().optional(),
  timeline_event_id: z.string().trim().min(1).max(200).nullable().optional(),
});
export type EvidencePinInput = z.infer<typeof EvidencePinInput>;

/** Milestones evidence can suggest; a reviewer accepts one at a time. */
export const SuggestedMilestone = z.enum(['first_indicator', 'detected', 'contained']);

/** Sources whose records can be posted in their AWS shapes (CloudTrail files go through the file import). */
export const RecordSource = EvidenceSource.exclude(['file']);
export type RecordSource = z.infer<typeof RecordSource>;

/**
 * Records posted in their AWS shapes: GuardDuty/Security Hub findings (API or EventBridge form), Config
 * items, histories and evaluation results, CloudWatch log events or Logs Insights rows, CloudTrail records,
 * Detective investigations. All or nothing: one bad record refuses the whole request.
 */
export const EvidenceRecordsInput = z
  .strictObject({
    source: RecordSource,
    records: z.array(z.unknown()).min(1, 'must hold at least one record').max(10_000),
    /** The file the records were read from, kept in the provenance. */
    file_name: z.string().trim().min(1).max(500).optional(),
    /** SHA-256 of that file's bytes as the uploader read them (the server sees only the records). */
    file_sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256 of the file')
      .optional(),
    /** For CloudWatch Logs records that do not name their log group. */
    log_group: z.string().trim().min(1).max(512).optional(),
    /** For Logs Insights rows: the query that produced them. */
    query: z.string().trim().min(1).max(10_000).optional(),
  })
  .refine((input) => input.file_sha256 === undefined || input.file_name !== undefined, {
    path: ['file_sha256'],
    message: 'needs file_name: a hash is the hash of a named file',
  });
export type EvidenceRecordsInput = z.infer<typeof EvidenceRecordsInput>;

/**
 * Turns records in their AWS shapes into evidence items (implemented by the AWS integration). Throws an
 * `invalid` DomainError whose details name each bad record (`records[3]`) and what is missing.
 */
export type EvidenceNormaliser = (
  input: EvidenceRecordsInput,
  context: { incidentId: string; provenance: Provenance },
) => EvidenceItem[];
