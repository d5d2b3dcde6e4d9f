import type { LessonRecord } from '../../core/lessons/lesson-record.schema.js';
import type { Actor } from '../../core/shared/actor.js';
import type { Services } from '../../services.js';
import { DEMO_INCIDENTS, type DemoIncident } from './demo-incidents.js';

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const day = (ms: number) => iso(ms).slice(0, 10);

function timestampsOf(demo: DemoIncident, now: number) {
  const impact = now - demo.days_ago * 24 * 60 * MINUTE;
  if (!demo.minutes)
    return { timestamps: { impact_started: iso(impact), detected: iso(impact) }, status: 'closed' as const };
  const detected = impact + demo.minutes.detect * MINUTE;
  const contained = demo.minutes.contain === null ? null : detected + demo.minutes.contain * MINUTE;
  const resolved =
    contained === null || demo.minutes.resolve === null ? null : contained + demo.minutes.resolve * MINUTE;
  return {
    timestamps: {
      impact_started: iso(impact),
      first_indicator: iso(impact + Math.round(demo.minutes.detect / 3) * MINUTE),
      detected: iso(detected),
      acknowledged: iso(detected + 3 * MINUTE),
      declared: iso(detected + 5 * MINUTE),
      first_action: iso(detected + 8 * MINUTE),
      contained: contained === null ? null : iso(contained),
      recovered: resolved === null ? null : iso(resolved),
      resolved: resolved === null ? null : iso(resolved),
    },
    status:
      resolved !== null
        ? ('resolved' as const)
        : contained !== null
          ? ('contained' as const)
          : ('open' as const),
  };
}

function lessonRecord(
  id: string,
  demo: DemoIncident,
  review: NonNullable<DemoIncident['review']>,
  when: number,
): LessonRecord {
  const m = demo.minutes;
  return {
    incident_id: id,
    date: day(when),
    title: demo.title,
    severity: demo.severity,
    category: demo.category,
    summary: {
      description: demo.description,
      impact: review.impact,
      duration: m ? `${m.contain ?? 0} minutes from detection to containment` : '',
    },
    root_causes: review.factors.map(([type, description]) => ({
      type,
      description,
      contributing_factors: [],
    })),
    lessons_learned: review.lessons.map(([lesson, category, priority, owner], i) => ({
      lesson,
      category,
      priority,
      implementation: {
        owner,
        due_date: day(when + (30 + i * 14) * 24 * 60 * MINUTE),
        status: 'In Progress',
        progress: 20 + i * 30,
      },
    })),
    preventive_measures: review.actions.map(([measure, , criteria]) => ({
      measure,
      description: criteria,
      status: 'In Progress',
    })),
    metrics: {
      detection_time: m ? `${m.detect} minutes` : '',
      response_time: m ? '8 minutes' : '',
      containment_time: m?.contain != null ? `${m.contain} minutes` : '',
      recovery_time: m?.resolve != null ? `${m.resolve} minutes` : '',
      business_impact: demo.severity === 'Critical' ? 'High' : demo.severity === 'Low' ? 'Low' : 'Medium',
    },
  };
}

/**
 * Loads a dozen realistic incidents of several kinds, with reviews and lessons, dated relative to now so
 * dashboards and trends have something to show. Refuses to load twice.
 */
export async function loadDemoData(
  services: Services,
  actor: Actor,
  now: number,
): Promise<{ incidents: string[] } | null> {
  const first = DEMO_INCIDENTS[0];
  if (first && (await services.incidents.list(actor, { q: first.title })).total > 0) return null;
  const ids: string[] = [];
  const records: LessonRecord[] = [];
  for (const demo of DEMO_INCIDENTS) {
    const { timestamps, status } = timestampsOf(demo, now);
    const incident = await services.incidents.create(actor, {
      title: demo.title,
      description: demo.description,
      severity: demo.severity,
      category: demo.category,
      kind: demo.kind ?? 'incident',
      attack_vector: demo.attack_vector,
      affected_services: demo.services,
      team: demo.team,
      restricted: demo.restricted ?? false,
      status,
      timestamps,
    });
    ids.push(incident.id);
    const review = demo.review;
    if (!review) continue;
    const reviewedAt = now - (demo.days_ago - 4) * 24 * 60 * MINUTE;
    await services.reviews.put(actor, incident.id, {
      incident_date: day(Date.parse(timestamps.impact_started)),
      review_date: day(reviewedAt),
      facilitator: 'Incident Commander on duty',
      participants: ['incident_commander', `${demo.team}_team`, 'affected_service_owners'],
      summary: {
        description: demo.description,
        impact: review.impact,
        duration: `${demo.minutes?.contain ?? 0} minutes to containment`,
      },
      timeline: [
        { time: timestamps.detected, event: 'Initial detection', source: 'CloudWatch alarm' },
        { time: timestamps.declared, event: 'Incident declared', action: 'Incident response team activated' },
        ...(timestamps.contained
          ? [{ time: timestamps.contained, event: 'Contained', source: 'Incident commander' }]
          : []),
      ],
      response_analysis: { what_went_well: review.went_well, what_could_improve: review.could_improve },
      contributing_factors: review.factors.map(([category, description, primary]) => ({
        category,
        description,
        primary: primary ?? false,
      })),
      lessons: review.lessons.map(([lesson, category, priority, owner]) => ({
        lesson,
        category,
        priority,
        owner,
      })),
      action_items: review.actions.map(([action, owner, success_criteria]) => ({
        action,
        owner,
        success_criteria,
      })),
    });
    records.push(lessonRecord(incident.id, demo, review, reviewedAt));
  }
  await services.lessons.import(actor, { lessons_learned_database: records });
  return { incidents: ids };
}
