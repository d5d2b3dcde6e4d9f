import { createHash } from 'node:crypto';
import { logNormal, type Rng } from '../lib/rng.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The review workflow's default feedback deadline (review-workflow.settings.ts: feedback_deadline_days). */
const DEADLINE_DAYS = 3;

/** Rows of the feedback tables for one incident, in the product's schema (src/storage/schema.ts). */
export interface FeedbackRows {
  requests: Array<Record<string, unknown>>;
  answers: Array<Record<string, unknown>>;
}

export interface FeedbackIncident {
  id: string;
  participants: readonly string[];
  resolvedAt: number;
}

/**
 * What the review workflow and the feedback links leave behind for a published review: one request per
 * distinct participant (asked an hour or so after resolution, deadline three days later), about two thirds
 * answering within days (a few after the deadline), 20 % of them anonymously. An answer uses up the request
 * (`responded`), anonymous or not, as FeedbackService does. Ratings 1–10 lean to 7–8.
 */
export function feedbackRowsFor(rng: Rng, incident: FeedbackIncident, now: number): FeedbackRows {
  const rows: FeedbackRows = { requests: [], answers: [] };
  const requestedAt = incident.resolvedAt + Math.floor(logNormal(rng, HOUR, 0.8));
  if (requestedAt > now) return rows;
  for (const participant of new Set(incident.participants)) {
    const submitted = requestedAt + Math.floor(logNormal(rng, 1.2 * DAY, 0.9));
    const answers = rng() >= 0.35 && submitted <= now;
    rows.requests.push({
      token_hash: digest(`request/${incident.id}/${participant}/${rng()}`),
      incident_id: incident.id,
      participant,
      requested_at_ms: requestedAt,
      deadline_ms: requestedAt + DEADLINE_DAYS * DAY,
      responded: answers ? 1 : 0,
      invited: 1,
    });
    if (!answers) continue;
    rows.answers.push({
      // Random-looking like the product's UUIDs: answers are listed by id, which must not give away who.
      id: uuidOf(digest(`feedback/${incident.id}/${participant}/${rng()}`)),
      incident_id: incident.id,
      participant: rng() < 0.2 ? null : participant,
      response_rating: rating(rng),
      improvement_rating: rating(rng),
      went_well: 'Clear roles during the response.',
      to_improve: 'Alerting reached the on-call engineer late.',
      submitted_on: new Date(submitted).toISOString().slice(0, 10),
    });
  }
  return rows;
}

/** A rating 1–10 leaning to 7–8, as post-incident surveys do. */
const rating = (rng: Rng): number => Math.max(1, Math.min(10, Math.round(7.3 + 1.6 * gaussian(rng))));
const gaussian = (rng: Rng): number => (rng() + rng() + rng() + rng() - 2) * Math.sqrt(3);

const digest = (text: string): string => createHash('sha256').update(text).digest('hex');
const uuidOf = (hex: string): string =>
  `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
