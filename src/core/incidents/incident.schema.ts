import { z } from 'zod';
import { Instant, Severity } from '../shared/vocabulary.js';
import { MILESTONES, type Milestone } from './incident.milestones.js';

/** `INC-2024-0042`; three-digit numbers are accepted for ids imported from other tools (`INC-2024-001`). */
export const IncidentId = z
  .string()
  .regex(/^INC-\d{4}-\d{3,}$/, 'must look like INC-YYYY-NNNN, e.g. INC-2024-0042');
export type IncidentId = z.infer<typeof IncidentId>;

export const IncidentStatus = z.enum(['open', 'contained', 'resolved', 'closed']);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

/** What kind of event this was; templates may mark drills and tests as needing no review. */
export const IncidentKind = z.enum(['incident', 'drill', 'test']);
export type IncidentKind = z.infer<typeof IncidentKind>;

const milestoneShape = Object.fromEntries(
  MILESTONES.map((m) => [m, Instant.nullable().optional()]),
) as Record<Milestone, z.ZodOptional<z.ZodNullable<typeof Instant>>>;
export const IncidentTimestamps = z.strictObject(milestoneShape);
export type IncidentTimestamps = z.infer<typeof IncidentTimestamps>;

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const label = z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters');

export const IncidentCreate = z.strictObject({
  id: IncidentId.optional().describe('Only for imports from other tools; normally allocated by Hindsight.'),
  title: text(200).min(1, 'is required'),
  description: text(20_000).default(''),
  severity: Severity,
  category: label.default('Uncategorized'),
  kind: IncidentKind.default('incident'),
  attack_vector: label.nullable().default(null),
  affected_services: z.array(label).max(50, 'must list at most 50 services').default([]),
  team: label.nullable().default(null),
  restricted: z.boolean().default(false),
  status: IncidentStatus.default('open'),
  timestamps: IncidentTimestamps.default({}),
});
export type IncidentCreate = z.infer<typeof IncidentCreate>;
export type IncidentCreateInput = z.input<typeof IncidentCreate>;

export const IncidentPatch = z
  .strictObject({
    title: text(200).min(1, 'must not be empty'),
    description: text(20_000),
    severity: Severity,
    category: label,
    kind: IncidentKind,
    attack_vector: label.nullable(),
    affected_services: z.array(label).max(50, 'must list at most 50 services'),
    team: label.nullable(),
    restricted: z.boolean(),
    status: IncidentStatus,
    timestamps: IncidentTimestamps,
  })
  .partial();
export type IncidentPatch = z.infer<typeof IncidentPatch>;

export const TimestampEdit = z.object({
  field: z.enum(MILESTONES),
  previous: z.string().nullable(),
  value: z.string().nullable(),
  by: z.string(),
  at: z.string(),
});
export type TimestampEdit = z.infer<typeof TimestampEdit>;

export const Incident = z.object({
  id: IncidentId,
  title: z.string(),
  description: z.string(),
  severity: Severity,
  category: z.string(),
  kind: IncidentKind,
  attack_vector: z.string().nullable(),
  affected_services: z.array(z.string()),
  team: z.string().nullable(),
  restricted: z.boolean(),
  status: IncidentStatus,
  timestamps: z.object(
    Object.fromEntries(MILESTONES.map((m) => [m, z.string().nullable()])) as Record<
      Milestone,
      z.ZodNullable<z.ZodString>
    >,
  ),
  timestamp_edits: z.array(TimestampEdit),
  created_by: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  version: z.number().int(),
});
export type Incident = z.infer<typeof Incident>;
export type IncidentMilestones = Incident['timestamps'];

export const IncidentListQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  status: IncidentStatus.optional(),
  severity: Severity.optional(),
  category: z.string().max(120).optional(),
  team: z.string().max(120).optional(),
  service: z.string().max(120).optional(),
  kind: IncidentKind.optional(),
  declared_from: Instant.optional(),
  declared_to: Instant.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type IncidentListQuery = z.infer<typeof IncidentListQuery>;
