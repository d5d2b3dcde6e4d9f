import type { Severity } from '../../src/core/shared/vocabulary.js';
import { intBetween, logNormal, pick, weighted, zipfSampler, type Rng } from '../lib/rng.js';
import { actionRowsFor, emptyActionRows, type ActionRows } from './generate.actions.js';
import { FAMILIES, PARTICIPANTS, SERVICES, TEAMS, type Family } from './generate.vocabulary.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The generated history ends here (fixed, so the same seed always gives the same rows). */
export const GENERATED_END_MS = Date.parse('2026-11-01T00:00:00Z');
/** And spans three years before it. */
export const GENERATED_SPAN_MS = 3 * 365 * DAY;

/** Few Critical, many Medium/Low, as in real incident registers. */
const SEVERITY_WEIGHTS: ReadonlyArray<readonly [Severity, number]> = [
  ['Critical', 3],
  ['High', 17],
  ['Medium', 45],
  ['Low', 35],
];
/** Faster detection and containment the more severe an incident is. */
const SPEED: Record<Severity, number> = { Critical: 0.4, High: 0.7, Medium: 1, Low: 1.6 };

export interface IncidentBundle {
  incident: Record<string, unknown>;
  services: Array<{ incident_id: string; service: string }>;
  review: Record<string, unknown> | null;
  reviewIncidents: Array<{ review_id: string; incident_id: string }>;
  factors: Array<Record<string, unknown>>;
  lesson: Record<string, unknown> | null;
  /** Improvement actions (with incident links, history, verifications) and participant feedback. */
  actions: ActionRows;
}

/** Row builder for one data set: call `next()` once per incident, in order. */
export class IncidentRows {
  private readonly service = zipfSampler(SERVICES.length);
  private readonly perYear = new Map<number, number>();
  private readonly step: number;
  private readonly families: ReadonlyArray<readonly [Family, number]> = FAMILIES.map((f) => [f, f.weight]);
  private index = 0;
  private actionNumber = 0;

  constructor(
    private readonly rng: Rng,
    private readonly total: number,
    private readonly actionsPerIncident = 5,
  ) {
    this.step = GENERATED_SPAN_MS / total;
  }

  /** Highest number used per year, for the id counters (so the API never re-allocates a generated id). */
  get counters(): ReadonlyMap<number, number> {
    return this.perYear;
  }

  /** Highest action number used, for the action id counter. */
  get actionCount(): number {
    return this.actionNumber;
  }

  next(): IncidentBundle {
    const rng = this.rng;
    const i = this.index++;
    // Spread over the span with jitter; slightly more incidents recently (a growing estate).
    const position = Math.sqrt((i + rng()) / this.total);
    const impact = Math.floor(GENERATED_END_MS - GENERATED_SPAN_MS + position * GENERATED_SPAN_MS);
    const year = new Date(impact).getUTCFullYear();
    const number = (this.perYear.get(year) ?? 0) + 1;
    this.perYear.set(year, number);
    const id = `INC-${year}-${String(number).padStart(6, '0')}`;

    const family = weighted(rng, this.families);
    const severity = weighted(rng, SEVERITY_WEIGHTS);
    const speed = SPEED[severity];
    const kind = family.key === 'game-day' ? 'drill' : rng() < 0.01 ? 'test' : 'incident';
    const serviceIdx = this.service(rng);
    const svc = SERVICES[serviceIdx] as string;
    const services = [svc];
    if (rng() < 0.3) {
      const other = SERVICES[this.service(rng)] as string;
      if (other !== svc) services.push(other);
    }
    const team = TEAMS[serviceIdx % TEAMS.length] as string;
    const security = family.attackVectors.length > 0;

    // Causal order: impact → indicator → detected → declared → acknowledged → action → contained → … → resolved.
    const firstIndicator = impact + Math.floor(logNormal(rng, 4 * MINUTE * speed, 1));
    const detected = firstIndicator + Math.floor(logNormal(rng, 18 * MINUTE * speed, 1.2));
    const declared = detected + Math.floor(logNormal(rng, 8 * MINUTE, 0.8));
    const acknowledged = declared + Math.floor(logNormal(rng, 4 * MINUTE * speed, 0.9));
    const firstAction = acknowledged + Math.floor(logNormal(rng, 7 * MINUTE, 0.8));
    const contained = firstAction + Math.floor(logNormal(rng, 75 * MINUTE * speed, 1.1));
    const mitigated = contained + Math.floor(logNormal(rng, 30 * MINUTE, 0.9));
    const recovered = mitigated + Math.floor(logNormal(rng, 2 * HOUR * speed, 1));
    const resolved = recovered + Math.floor(logNormal(rng, 8 * HOUR, 1.2));
    const now = GENERATED_END_MS;
    const done = (t: number) => (t <= now ? t : null);
    // Some responders never record a milestone: the KPIs report these as missing, not as zero.
    const maybe = (t: number, pMissing: number) => (rng() < pMissing ? null : done(t));
    const status =
      resolved <= now ? (rng() < 0.6 ? 'closed' : 'resolved') : contained <= now ? 'contained' : 'open';

    const title = pick(rng, family.titles).replace('{svc}', svc);
    const description =
      [...family.sentences].filter(() => rng() < 0.8).join(' ') || (family.sentences[0] as string);
    const incident = {
      id,
      title,
      description: `${description} Affected: ${services.join(', ')}.`,
      severity,
      category: family.category,
      kind,
      attack_vector: security ? pick(rng, family.attackVectors) : null,
      affected_services: JSON.stringify(services),
      team,
      restricted: security && rng() < 0.1 ? 1 : 0,
      status,
      impact_started_ms: maybe(impact, 0.03),
      first_indicator_ms: security ? maybe(firstIndicator, 0.1) : null,
      detected_ms: maybe(detected, 0.02),
      declared_ms: done(declared),
      acknowledged_ms: maybe(acknowledged, 0.05),
      first_action_ms: maybe(firstAction, 0.2),
      contained_ms: maybe(contained, 0.05),
      mitigated_ms: maybe(mitigated, 0.3),
      recovered_ms: maybe(recovered, 0.05),
      resolved_ms: done(resolved),
      created_by: pick(rng, PARTICIPANTS),
      created_at_ms: declared,
      updated_at_ms: Math.min(resolved, now),
      version: 1,
    };
    const bundle: IncidentBundle = {
      incident,
      services: services.map((service) => ({ incident_id: id, service })),
      review: null,
      reviewIncidents: [],
      factors: [],
      lesson: null,
      actions: emptyActionRows(),
    };
    if (kind !== 'incident' || resolved > now || rng() > 0.88) return bundle;
    this.addReview(bundle, family, resolved, now);
    return bundle;
  }

  private addReview(bundle: IncidentBundle, family: Family, resolved: number, now: number): void {
    const rng = this.rng;
    const id = bundle.incident.id as string;
    const reviewId = `rev-${id}`;
    // Reviews are published a few business days after resolution, some much later, some never.
    const calendarDays = logNormal(rng, 6, 0.7);
    const publishedAt = resolved + Math.floor(calendarDays * DAY);
    const published = publishedAt <= now && rng() < 0.85;
    const participants = Array.from({ length: intBetween(rng, 2, 6) }, () => pick(rng, PARTICIPANTS));
    const factors = family.factors.filter((_, n) => n === 0 || rng() < 0.7);
    const factorDocs = factors.map(([category, description], n) => ({
      id: `f${n + 1}`,
      category,
      description,
      primary: n === 0,
      evidence: [],
      evidence_ids: [],
      source: { analysis: 'manual' },
    }));
    const dueDay = (offsetDays: number) =>
      new Date(publishedAt + offsetDays * DAY).toISOString().slice(0, 10);
    const actionItems = factors.map(([, description]) => ({
      action: `Fix: ${description.toLowerCase()}`,
      owner: pick(rng, PARTICIPANTS),
      due_date: dueDay(30),
      success_criteria: null,
    }));
    const document = {
      incident_ids: [id],
      incident_date: new Date(resolved).toISOString().slice(0, 10),
      review_date: published ? new Date(publishedAt).toISOString().slice(0, 10) : null,
      facilitator: pick(rng, PARTICIPANTS),
      participants,
      summary: {
        description: bundle.incident.description as string,
        impact: 'Customers saw errors.',
        duration: '',
      },
      timeline: [],
      response_analysis: { what_went_well: [], what_could_improve: [] },
      contributing_factors: factorDocs,
      lessons: factors.map(([category, description]) => ({
        lesson: `Lesson: ${description}`,
        category,
        priority: bundle.incident.severity as string,
        owner: null,
        due_date: null,
      })),
      action_items: actionItems,
    };
    bundle.review = {
      id: reviewId,
      incident_id: id,
      status: published ? 'published' : rng() < 0.5 ? 'draft' : 'in_review',
      document: JSON.stringify(document),
      created_by: document.facilitator,
      created_at_ms: resolved + HOUR,
      updated_at_ms: published ? publishedAt : resolved + HOUR,
      published_at_ms: published ? publishedAt : null,
      version: published ? 4 : 1,
      submitted_by: published ? document.facilitator : null,
      time_to_review_business_days: published ? Math.round(((calendarDays * 5) / 7) * 100) / 100 : null,
    };
    bundle.reviewIncidents.push({ review_id: reviewId, incident_id: id });
    bundle.factors = factorDocs.map((f, position) => ({
      review_id: reviewId,
      position,
      category: f.category,
      description: f.description,
      is_primary: f.primary ? 1 : 0,
    }));
    if (published) bundle.lesson = lessonRow(bundle, document, publishedAt);
    bundle.actions = actionRowsFor(
      rng,
      {
        id,
        team: bundle.incident.team as string,
        severity: bundle.incident.severity as Severity,
        title: bundle.incident.title as string,
        factors,
        participants,
        resolvedAt: resolved,
        agreedAt: published ? publishedAt : resolved + DAY,
        published,
      },
      this.actionsPerIncident,
      () => ++this.actionNumber,
      now,
    );
  }
}

function lessonRow(
  bundle: IncidentBundle,
  document: { contributing_factors: Array<{ category: string; description: string }> },
  publishedAt: number,
): Record<string, unknown> {
  const incident = bundle.incident;
  const record = {
    incident_id: incident.id,
    date: new Date(incident.created_at_ms as number).toISOString().slice(0, 10),
    title: incident.title,
    severity: incident.severity,
    category: incident.category,
    summary: { description: incident.description, impact: 'Customers saw errors.', duration: '' },
    root_causes: document.contributing_factors.map((f) => ({
      type: f.category,
      description: f.description,
      contributing_factors: [f.description],
    })),
    lessons_learned: [],
    preventive_measures: [],
    metrics: {
      detection_time: '',
      response_time: '',
      containment_time: '',
      recovery_time: '',
      business_impact: '',
    },
  };
  return {
    incident_id: incident.id,
    date: record.date,
    title: record.title,
    severity: record.severity,
    category: record.category,
    document: JSON.stringify(record),
    search_text: [record.incident_id, record.title, record.category, incident.description]
      .join(' ')
      .toLowerCase(),
    updated_by: 'generator',
    updated_at_ms: publishedAt,
    version: 1,
  };
}
