import { z } from 'zod';

/**
 * Incident milestones in their causal order. Each should be at or after the one before it; impact_started
 * and first_indicator may be equal (an alarm can fire the moment impact starts).
 */
export const MILESTONES = [
  'impact_started',
  'first_indicator',
  'detected',
  'declared',
  'acknowledged',
  'first_action',
  'contained',
  'mitigated',
  'recovered',
  'resolved',
] as const;
export type Milestone = (typeof MILESTONES)[number];

// Times stay strings here: a time that does not parse is a finding for the reviewer, not a rejected request.
const MaybeTime = z.string().nullable().optional();

export const Milestones = z.object({
  impact_started: MaybeTime,
  first_indicator: MaybeTime,
  detected: MaybeTime,
  declared: MaybeTime,
  acknowledged: MaybeTime,
  first_action: MaybeTime,
  contained: MaybeTime,
  mitigated: MaybeTime,
  recovered: MaybeTime,
  resolved: MaybeTime,
});
export type Milestones = z.infer<typeof Milestones>;

export const TimelineEventInput = z.object({
  time: z.string(),
  event: z.string(),
  source: z.string().nullable().default(null),
});
export type TimelineEventInput = z.infer<typeof TimelineEventInput>;

/** What the timeline analysis reads: the incident's milestones and timeline events. */
export const TimelineAnalysisInput = z.object({
  milestones: Milestones.default({}),
  timeline: z.array(TimelineEventInput).default([]),
  gap_threshold_minutes: z.number().positive().max(525_600).default(60),
});
export type TimelineAnalysisInput = z.input<typeof TimelineAnalysisInput>;
