import type { Incident, Severity } from './incidents.js';
import { request } from './http.js';

/** Where a piece of evidence came from (the server's EvidenceSource). */
export const EVIDENCE_SOURCES = [
  'cloudtrail',
  'cloudwatch-logs',
  'aws-config',
  'guardduty',
  'security-hub',
  'detective',
  'file',
] as const;
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];

export const EVIDENCE_SOURCE_LABELS: Record<EvidenceSource, string> = {
  cloudtrail: 'CloudTrail',
  'cloudwatch-logs': 'CloudWatch Logs',
  'aws-config': 'AWS Config',
  guardduty: 'GuardDuty',
  'security-hub': 'Security Hub',
  detective: 'Detective',
  file: 'File',
};

export type EvidenceKind =
  | 'api_call'
  | 'api_error'
  | 'finding'
  | 'compliance_violation'
  | 'compliance'
  | 'configuration_change'
  | 'log_event'
  | 'log_bin'
  | 'investigation';

/** How, when and by whom a piece of evidence was obtained: a file (path, sha256) or an API call. */
export interface Provenance {
  method: 'file' | 'api';
  file_path?: string;
  file_sha256?: string;
  position?: { record_index: number; byte_offset: number };
  api?: {
    service: string;
    operation: string;
    region: string;
    account?: string;
    query?: string;
    parameters?: Record<string, unknown>;
  };
  obtained_at: string;
  obtained_by: string;
}

export interface EvidencePin {
  note: string | null;
  timeline_event_id: string | null;
  pinned_by: string;
  pinned_at: string;
}

export interface EvidenceItem {
  id: string;
  incident_id: string;
  source: EvidenceSource;
  source_id: string;
  kind: EvidenceKind;
  time: string;
  actor: string | null;
  resource: string | null;
  action: string | null;
  summary: string;
  severity: string | null;
  severity_normalised: Severity | null;
  region: string | null;
  account: string | null;
  raw: unknown;
  provenance: Provenance;
  pinned: EvidencePin | null;
}

export interface EvidenceQuery {
  source?: EvidenceSource | '';
  kind?: EvidenceKind | '';
  since?: string;
  until?: string;
  text?: string;
  pinned?: boolean;
  limit?: number;
  cursor?: string | null;
}

export interface EvidencePage {
  items: EvidenceItem[];
  next_cursor: string | null;
}

const base = (incidentId: string) => `/api/v1/incidents/${encodeURIComponent(incidentId)}/evidence`;

/** One page of an incident's evidence, oldest first; pass `next_cursor` back for the next page. */
export async function listEvidence(
  incidentId: string,
  query: EvidenceQuery,
  signal?: AbortSignal,
): Promise<EvidencePage> {
  return (await request<EvidencePage>('GET', base(incidentId), { query: { ...query }, signal })).data;
}

/** Every pinned item (they are few: a reviewer pins them one by one), following cursors. */
export async function listPinnedEvidence(incidentId: string): Promise<EvidenceItem[]> {
  const items: EvidenceItem[] = [];
  let cursor: string | null = null;
  do {
    const page: EvidencePage = await listEvidence(incidentId, { pinned: true, limit: 500, cursor });
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return items;
}

export async function pinEvidence(
  incidentId: string,
  evidenceId: string,
  pin: { note?: string; timeline_event_id?: string },
): Promise<void> {
  await request('PUT', `${base(incidentId)}/${encodeURIComponent(evidenceId)}/pin`, { body: pin });
}

export async function unpinEvidence(incidentId: string, evidenceId: string): Promise<void> {
  await request('DELETE', `${base(incidentId)}/${encodeURIComponent(evidenceId)}/pin`);
}

export const SUGGESTED_MILESTONES = ['first_indicator', 'detected', 'contained'] as const;
export type SuggestedMilestone = (typeof SUGGESTED_MILESTONES)[number];

export interface MilestoneSuggestion {
  milestone: SuggestedMilestone;
  time: string;
  evidence: { id: string | null; source: EvidenceSource; source_id: string }[];
  reason: string;
}

export type MilestoneSuggestions = Record<SuggestedMilestone, MilestoneSuggestion | null>;

export async function suggestedMilestones(incidentId: string): Promise<MilestoneSuggestions> {
  return (await request<MilestoneSuggestions>('GET', `${base(incidentId)}/milestones`)).data;
}

/** Sets the incident's milestone to the suggested time; answers the updated incident. */
export async function acceptMilestone(incidentId: string, milestone: SuggestedMilestone): Promise<Incident> {
  return (
    await request<Incident>('POST', `${base(incidentId)}/milestones/${encodeURIComponent(milestone)}/accept`)
  ).data;
}

/** Sources whose records can be posted in their AWS shapes (a `file` item comes only from the CLI). */
export const RECORD_SOURCES = EVIDENCE_SOURCES.filter(
  (s): s is Exclude<EvidenceSource, 'file'> => s !== 'file',
);
export type RecordSource = (typeof RECORD_SOURCES)[number];

export interface RecordsImport {
  source: RecordSource;
  records: unknown[];
  /** The file the records were read from; the server keeps it in each item's provenance. */
  file_name?: string;
  /** SHA-256 (hex) of the file's bytes, kept with the name. */
  file_sha256?: string;
}

/** What an import wrote; the server counts duplicates (same source id) instead of writing them twice. */
export interface ImportResult {
  records: number;
  inserted: number;
  duplicates: number;
}

/** Imports records in their AWS shapes, all or nothing (one bad record refuses the request). */
export async function importEvidence(incidentId: string, input: RecordsImport): Promise<ImportResult> {
  return (await request<ImportResult>('POST', base(incidentId), { body: input })).data;
}
