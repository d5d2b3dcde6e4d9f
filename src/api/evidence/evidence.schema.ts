import { z } from 'zod';
import { EvidenceItem as EvidenceItemSchema, EvidenceSource } from '../../core/evidence/evidence.schema.js';
import { EvidencePin } from '../../core/evidence/evidence.store.js';
import { IncidentId } from '../../core/incidents/incident.schema.js';

export const IdParams = z.object({ id: IncidentId });
export const EvidenceParams = z.object({ id: IncidentId, evidenceId: z.string() });
export const MilestoneParams = z.object({
  id: IncidentId,
  milestone: z.enum(['first_indicator', 'detected', 'contained']),
});

/** The query string as documented; the service parses and coerces it. */
export const EvidenceListQueryDoc = z.object({
  source: EvidenceSource.optional(),
  kind: z.string().optional(),
  since: z.string().optional().describe('ISO-8601 instant, inclusive'),
  until: z.string().optional().describe('ISO-8601 instant, exclusive'),
  text: z.string().optional().describe('case-insensitive substring of summary, action, actor or resource'),
  actor: z.string().optional(),
  resource: z.string().optional(),
  pinned: z.enum(['true', 'false']).optional(),
  limit: z.string().optional().describe('1–1000, default 100'),
  cursor: z.string().optional().describe('next_cursor of the previous page'),
});

const PinView = EvidencePin.pick({ note: true, timeline_event_id: true, pinned_by: true, pinned_at: true });

export const ListedEvidenceView = EvidenceItemSchema.extend({ id: z.string(), pinned: PinView.nullable() });
export const EvidencePageView = z.object({
  items: z.array(ListedEvidenceView),
  next_cursor: z.string().nullable(),
});

export const ImportResultView = z.object({
  records: z.number().describe('evidence items the records normalised to'),
  inserted: z.number(),
  duplicates: z.number().describe('items already held (same source id), not written again'),
});

const Suggestion = z
  .object({
    milestone: z.enum(['first_indicator', 'detected', 'contained']),
    time: z.string(),
    evidence: z.array(z.object({ id: z.string().nullable(), source: EvidenceSource, source_id: z.string() })),
    reason: z.string(),
  })
  .nullable();
export const MilestoneSuggestionsView = z.object({
  first_indicator: Suggestion,
  detected: Suggestion,
  contained: Suggestion,
});
