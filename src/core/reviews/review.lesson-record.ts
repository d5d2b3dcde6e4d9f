import { localDate } from '../calendar/calendar.zone.js';
import type { Incident } from '../incidents/incident.schema.js';
import { LessonRecord } from '../lessons/lesson-record.schema.js';
import { FACTOR_CATEGORIES } from '../shared/vocabulary.js';
import { parseInput } from '../shared/validation.js';
import type { Review } from './review.schema.js';

/** "45 minutes", "2 hours", "1 hour 30 minutes", as SEC10-BP08's Step 3 metrics are written. */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (hours === 0) return plural(minutes, 'minute');
  return rest === 0 ? plural(hours, 'hour') : `${plural(hours, 'hour')} ${plural(rest, 'minute')}`;
}

function span(from: string | null, to: string | null): string {
  if (!from || !to) return '';
  const ms = Date.parse(to) - Date.parse(from);
  return ms >= 0 ? formatDuration(ms) : '';
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/**
 * The incident's lessons-learned record (SEC10-BP08 Step 3 shape), derived from the incident and its
 * published review:
 * - root causes: one per factor category, described by its primary factor (else its first), the
 *   category's other factors as contributing factors;
 * - lessons with their owner and due date (a lesson without one is due on the publication date and
 *   marked "Not scheduled", so it shows up as needing a plan), status "Planned", progress 0;
 * - preventive measures from the action items; metrics from the incident's milestones (detection from
 *   impact start, the others from detection).
 * `publishedOn` is the publication date in the organisation's time zone.
 */
export function lessonRecordFrom(
  incident: Incident,
  review: Review,
  publishedAt: Date,
  timeZone: string,
): LessonRecord {
  const publishedOn = localDate(publishedAt, timeZone);
  const t = incident.timestamps;
  const start = t.impact_started ?? t.first_indicator;
  const detected = t.detected ?? t.declared;
  const firstSeen = start ?? detected;
  const rootCauses = FACTOR_CATEGORIES.flatMap((type) => {
    const factors = review.contributing_factors.filter((f) => f.category === type);
    const main = factors.find((f) => f.primary) ?? factors[0];
    if (!main) return [];
    return [
      {
        type,
        description: main.description,
        contributing_factors: factors.filter((f) => f !== main).map((f) => f.description),
      },
    ];
  });
  const record = {
    incident_id: incident.id,
    date: review.incident_date ?? (firstSeen ? localDate(new Date(firstSeen), timeZone) : publishedOn),
    title: incident.title,
    severity: incident.severity,
    category: incident.category,
    summary: {
      description: review.summary.description || incident.description,
      impact: review.summary.impact,
      duration: review.summary.duration,
    },
    root_causes: rootCauses,
    lessons_learned: review.lessons.map((l) => ({
      lesson: l.lesson,
      category: l.category,
      priority: l.priority,
      implementation: {
        owner: l.owner ?? '',
        due_date: l.due_date ?? publishedOn,
        status: l.due_date ? 'Planned' : 'Not scheduled',
        progress: 0,
      },
    })),
    preventive_measures: review.action_items.map((a) => ({
      measure: a.action,
      description: a.success_criteria ?? '',
      status: 'Planned',
    })),
    metrics: {
      detection_time: span(start, detected),
      response_time: span(detected, t.first_action ?? t.acknowledged),
      containment_time: span(detected, t.contained),
      recovery_time: span(detected, t.recovered),
      business_impact: clip(review.summary.impact, 100),
    },
  };
  return parseInput(LessonRecord, record, 'derived lessons-learned record');
}
