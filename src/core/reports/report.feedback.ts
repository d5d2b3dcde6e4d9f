import type { FeedbackSummary } from '../feedback/feedback.schema.js';
import { escapeInline, table } from './report.escape.js';

const rating = (value: number | null): string => (value === null ? '—' : String(value));

/**
 * The participant feedback section (SEC10-BP08 Example 1): how many were asked and answered, the two ratings
 * (1–10) with n, median and mean, and the free-text answers without who gave them.
 */
export function feedbackMarkdown(summary: FeedbackSummary): string[] {
  const n = String(summary.responses);
  const answers = (title: string, items: readonly string[]) =>
    items.length === 0 ? [] : ['', `### ${title}`, '', ...items.map((t) => `- ${escapeInline(t)}`)];
  return [
    '## Participant feedback',
    '',
    `${summary.responses} of ${summary.requested} participants answered (${summary.anonymous} anonymously).`,
    '',
    table(
      ['Rating (1–10)', 'n', 'Median', 'Mean'],
      [
        ['Response', n, rating(summary.median_response_rating), rating(summary.mean_response_rating)],
        [
          'Improvement effectiveness',
          n,
          rating(summary.median_improvement_rating),
          rating(summary.mean_improvement_rating),
        ],
      ],
    ),
    ...answers('What went well', summary.went_well),
    ...answers('What to improve', summary.to_improve),
  ];
}
