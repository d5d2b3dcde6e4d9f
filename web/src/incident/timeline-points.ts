import type { EvidenceItem } from '../api/evidence.js';
import { MILESTONES, type Incident } from '../api/incidents.js';
import type { Review } from '../api/reviews.js';
import type { TimelinePoint } from '../components/TimelineChart.js';
import { humanize } from '../format.js';

export const PINNED_LANE = 'Pinned evidence';

/** Milestones, the review's timeline events and pinned evidence as points on one time axis. */
export function timelinePoints(
  incident: Incident,
  review: Review | null,
  pinned: readonly EvidenceItem[],
): TimelinePoint[] {
  const points: TimelinePoint[] = [];
  for (const m of MILESTONES) {
    const at = incident.timestamps[m];
    if (at) points.push({ time: new Date(at), label: humanize(m), lane: 'Milestones' });
  }
  for (const event of review?.timeline ?? []) {
    const time = new Date(event.time);
    if (!Number.isNaN(time.getTime())) points.push({ time, label: event.event, lane: 'Timeline events' });
  }
  for (const item of pinned) {
    const time = new Date(item.time);
    if (Number.isNaN(time.getTime())) continue;
    const what = item.action ?? item.summary;
    const label = item.pinned?.note ? `${what}: ${item.pinned.note}` : what;
    points.push({ time, label, lane: PINNED_LANE });
  }
  return points;
}
