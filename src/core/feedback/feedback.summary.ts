import { escapeHtml } from '../reports/report.escape.js';
import type { FeedbackAggregate } from './feedback.ports.js';
import type { FeedbackSummary, StoredFeedback } from './feedback.schema.js';

const oneDecimal = (value: number | null): number | null =>
  value === null ? null : Math.round(value * 10) / 10;

/**
 * The feedback summary a review report shows: counts, means to one decimal (the improvement mean is
 * SEC10-BP08's improvement effectiveness score) and the non-empty answers, without who gave them.
 * @example summarise('INC-2024-0001', { responses: 2, anonymous: 1, mean_response_rating: 7.5, mean_improvement_rating: 6.25 }, list, 3).mean_improvement_rating // 6.3
 */
export function summarise(
  incidentId: string,
  aggregate: FeedbackAggregate,
  list: readonly StoredFeedback[],
  requested: number,
): FeedbackSummary {
  return {
    incident_id: incidentId,
    requested,
    responses: aggregate.responses,
    anonymous: aggregate.anonymous,
    mean_response_rating: oneDecimal(aggregate.mean_response_rating),
    mean_improvement_rating: oneDecimal(aggregate.mean_improvement_rating),
    went_well: list.map((f) => f.went_well).filter((t) => t !== ''),
    to_improve: list.map((f) => f.to_improve).filter((t) => t !== ''),
  };
}

/** The summary as a Markdown section appended to the stored review report. */
export function feedbackMarkdown(summary: FeedbackSummary, escape: (text: string) => string): string {
  const mean = (value: number | null) => (value === null ? 'no ratings yet' : `${value} / 10`);
  const answers = (title: string, items: readonly string[]) =>
    items.length === 0 ? [] : ['', `**${title}**`, '', ...items.map((t) => `- ${escape(t)}`)];
  return [
    '## Participant feedback',
    '',
    `${summary.responses} of ${summary.requested} participants answered (${summary.anonymous} anonymously).`,
    '',
    `- Response: ${mean(summary.mean_response_rating)}`,
    `- Improvement effectiveness: ${mean(summary.mean_improvement_rating)}`,
    ...answers('What went well', summary.went_well),
    ...answers('What to improve', summary.to_improve),
    '',
  ].join('\n');
}

/** The summary as an HTML section (every answer escaped) for the stored HTML report. */
export function feedbackHtml(summary: FeedbackSummary): string {
  const mean = (value: number | null) => (value === null ? 'no ratings yet' : `${value} / 10`);
  const list = (title: string, items: readonly string[]) =>
    items.length === 0
      ? ''
      : `<h3>${title}</h3><ul>${items.map((t) => `<li>${escapeHtml(t)}</li>`).join('')}</ul>`;
  return [
    '<section class="feedback"><h2>Participant feedback</h2>',
    `<p>${summary.responses} of ${summary.requested} participants answered (${summary.anonymous} anonymously).</p>`,
    `<ul><li>Response: ${mean(summary.mean_response_rating)}</li>`,
    `<li>Improvement effectiveness: ${mean(summary.mean_improvement_rating)}</li></ul>`,
    list('What went well', summary.went_well),
    list('What to improve', summary.to_improve),
    '</section>\n',
  ].join('');
}
