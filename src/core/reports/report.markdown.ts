import { MILESTONES } from '../incidents/incident.milestones.js';
import { analysesMarkdown, timelineAnalysisMarkdown, type DiagramMode } from './report.analyses.js';
import { escapeInline, escapeParagraphs, table } from './report.escape.js';
import { feedbackMarkdown } from './report.feedback.js';
import type { ReviewReport } from './report.model.js';

const list = (items: readonly string[], empty: string): string[] =>
  items.length === 0 ? [empty] : items.map((i) => `- ${escapeInline(i)}`);

function header(report: ReviewReport): string[] {
  const { incident, review } = report;
  const deadline = review.deadline
    ? `${review.deadline.state.replace(/_/g, ' ')}${review.deadline.due_at ? `, due ${review.deadline.due_at}` : ''}`
    : 'not yet due (the incident is not resolved)';
  const facts: Array<[string, string]> = [
    ['Incidents', review.incident_ids.join(', ')],
    ['Severity', incident.severity],
    ['Category', incident.category],
    ['Review status', review.status.replace(/_/g, ' ')],
    ['Review date', review.review_date ?? '—'],
    ['Facilitator', review.facilitator ?? '—'],
    ['Participants', review.participants.join(', ') || '—'],
    ['Review deadline', deadline],
    [
      'Time to review',
      review.time_to_review_business_days === null
        ? '—'
        : `${review.time_to_review_business_days} business days`,
    ],
  ];
  return [
    `# Post-incident review: ${escapeInline(incident.title)}`,
    '',
    ...facts.map(([k, v]) => `- **${k}:** ${escapeInline(v)}`),
  ];
}

function summary(report: ReviewReport): string[] {
  const { summary: s } = report.review;
  return [
    '## Summary',
    '',
    escapeParagraphs(s.description || report.incident.description) || 'No description recorded.',
    '',
    `**Impact:** ${escapeInline(s.impact) || '—'}`,
    '',
    `**Duration:** ${escapeInline(s.duration) || '—'}`,
  ];
}

function timeline(report: ReviewReport): string[] {
  const milestones = MILESTONES.flatMap((m) => {
    const at = report.incident.timestamps[m];
    return at ? [[m.replace(/_/g, ' '), at]] : [];
  });
  return [
    '## Timeline',
    '',
    '### Milestones',
    '',
    milestones.length > 0 ? table(['Milestone', 'Time'], milestones) : 'No milestones recorded.',
    '',
    '### Events',
    '',
    report.review.timeline.length > 0
      ? table(
          ['Time', 'Event', 'Source', 'Action'],
          report.review.timeline.map((e) => [e.time, e.event, e.source, e.action]),
        )
      : 'No timeline events recorded.',
    '',
    '### Timeline analysis',
    '',
    ...timelineAnalysisMarkdown(report.timeline_analysis),
  ];
}

/** The review's own response analysis, as the reviewers wrote it (not participant feedback). */
function responseAnalysis(report: ReviewReport): string[] {
  const { what_went_well, what_could_improve } = report.review.response_analysis;
  return [
    '## Response analysis',
    '',
    '### What went well',
    '',
    ...list(what_went_well, 'Nothing recorded.'),
    '',
    '### What could improve',
    '',
    ...list(what_could_improve, 'Nothing recorded.'),
  ];
}

function factors(report: ReviewReport): string[] {
  const evidence = new Map(report.cited_evidence.map((e) => [e.id, e]));
  const items = report.review.contributing_factors.map((f) => {
    const from =
      f.source.analysis === 'manual'
        ? ''
        : ` (from ${f.source.analysis.replace(/_/g, ' ')}${f.source.ref ? ` ${f.source.ref}` : ''})`;
    const cited = f.evidence_ids
      .map((id) => evidence.get(id))
      .filter((e) => e !== undefined)
      .map((e) => `  - Evidence: ${escapeInline(`${e.time} · ${e.source} · ${e.summary}`)}`);
    return [
      `- **${f.category}${f.primary ? ', primary' : ''}:** ${escapeInline(f.description + from)}`,
      ...f.evidence.map((note) => `  - ${escapeInline(note)}`),
      ...cited,
    ].join('\n');
  });
  return ['## Contributing factors', '', ...(items.length > 0 ? items : ['None recorded.'])];
}

function lessonsAndActions(report: ReviewReport): string[] {
  const { lessons, action_items } = report.review;
  return [
    '## Lessons learned',
    '',
    lessons.length > 0
      ? table(
          ['Lesson', 'Category', 'Priority', 'Owner', 'Due'],
          lessons.map((l) => [l.lesson, l.category, l.priority, l.owner, l.due_date]),
        )
      : 'No lessons recorded.',
    '',
    '## Improvement actions',
    '',
    action_items.length > 0
      ? table(
          ['Action', 'Owner', 'Due', 'Success criteria'],
          action_items.map((a) => [a.action, a.owner, a.due_date, a.success_criteria]),
        )
      : 'No improvement actions recorded.',
  ];
}

function signoffs(report: ReviewReport): string[] {
  const rows = report.review.signoffs.map((s) => [
    s.action.replace(/_/g, ' '),
    `${s.from} → ${s.to}`,
    s.by_name,
    s.at,
  ]);
  return [
    '## Sign-off',
    '',
    rows.length > 0 ? table(['Action', 'Status', 'By', 'At'], rows) : 'Not signed off yet.',
  ];
}

/**
 * The review report of SEC10-BP08's Example 1 as Markdown: summary, timeline (milestones, events, timeline
 * analysis), response analysis, participant feedback (when any was asked for or given), contributing factors, lessons, improvement actions, analyses with their
 * diagrams, and sign-off. All user text is escaped, so it shows literally.
 */
export function renderReportMarkdown(report: ReviewReport, diagrams: DiagramMode): string {
  return [
    ...header(report),
    '',
    ...summary(report),
    '',
    ...timeline(report),
    '',
    ...responseAnalysis(report),
    '',
    ...(report.feedback ? [...feedbackMarkdown(report.feedback), ''] : []),
    ...factors(report),
    '',
    ...lessonsAndActions(report),
    '',
    '## Analyses',
    '',
    ...analysesMarkdown(report.analyses, diagrams),
    '',
    ...signoffs(report),
    '',
    `_Generated ${report.generated_at} by Hindsight._`,
    '',
  ].join('\n');
}
