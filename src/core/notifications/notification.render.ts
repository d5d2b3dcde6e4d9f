import { parseInput } from '../shared/validation.js';
import {
  ActionMessageData,
  DigestData,
  ReviewMessageData,
  type DigestItem,
  type DigestReason,
} from './notification.data.js';
import type { NotificationKind } from './notification.schema.js';

export interface Message {
  subject: string;
  text: string;
}

const PREFIX = '[Hindsight]';

/** One line, no control characters: a subject ends up in a mail header and a Slack header block. */
function oneLine(value: string, max = 250): string {
  const printable = Array.from(value, (c) =>
    c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127 ? ' ' : c,
  ).join('');
  const flat = printable.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const days = (n: number): string => `${n} day${n === 1 ? '' : 's'}`;
const linkLine = (link: string | undefined): string[] => (link ? ['', `Open: ${link}`] : []);

function actionBody(d: ActionMessageData, lead: string): string {
  return [
    lead,
    '',
    `${d.action_id}: ${d.title}`,
    `Priority: ${d.priority}`,
    `Due: ${d.due_date}`,
    `Owner: ${d.owner}`,
    ...linkLine(d.link),
  ].join('\n');
}

type ActionKind = Extract<NotificationKind, `action_${string}`>;
type ReviewKind = Exclude<NotificationKind, ActionKind | 'digest'>;

function renderAction(kind: ActionKind, raw: unknown): Message {
  const d = parseInput(ActionMessageData, raw, `${kind} data`);
  const overdue = days(d.days_overdue ?? 0);
  switch (kind) {
    case 'action_assigned':
      return {
        subject: `${d.action_id} assigned to you: ${d.title}`,
        text: actionBody(d, 'An improvement action from a post-incident review is now yours.'),
      };
    case 'action_due_soon': {
      const when = d.days_to_due === 0 ? 'today' : `in ${days(d.days_to_due ?? 0)}`;
      return {
        subject: `${d.action_id} is due ${when} (${d.due_date}): ${d.title}`,
        text: actionBody(d, `This action is due ${when}. Record progress, or complete it with evidence.`),
      };
    }
    case 'action_overdue':
      return {
        subject: `${d.action_id} is ${overdue} overdue: ${d.title}`,
        text: actionBody(
          d,
          `This action is ${overdue} past its due date. Finish it, re-plan it, or close it as won't do with a reason.`,
        ),
      };
    case 'action_escalated':
      return {
        subject: `Escalation: ${d.action_id} is ${overdue} overdue (owner ${d.owner})`,
        text: actionBody(
          d,
          `An action owned by your team is ${overdue} overdue. Please help unblock it or re-plan it.`,
        ),
      };
    case 'action_verified':
      return {
        subject: `${d.action_id} verified: ${d.title}`,
        text: actionBody(
          d,
          `Verified by ${d.verified_by ?? 'a reviewer'} with ${d.evidence_kind ?? 'evidence'} evidence. It now counts as implemented.`,
        ),
      };
  }
}

function renderReview(kind: ReviewKind, raw: unknown): Message {
  const d = parseInput(ReviewMessageData, raw, `${kind} data`);
  const about = `${d.incident_id}: ${d.incident_title}`;
  const lines = (lead: string): string =>
    [
      lead,
      '',
      about,
      ...(d.review_at ? [`Review: ${d.review_at}`] : []),
      ...(d.deadline ? [`Feedback due: ${d.deadline}`] : []),
      ...linkLine(d.link),
    ].join('\n');
  switch (kind) {
    case 'review_scheduled':
      return {
        subject: `Post-incident review of ${d.incident_id} scheduled${d.review_at ? ` for ${d.review_at}` : ''}`,
        text: lines('You are invited to the blameless post-incident review.'),
      };
    case 'feedback_requested':
      return {
        subject: `Your feedback on ${d.incident_id}${d.deadline ? ` by ${d.deadline}` : ''}`,
        text: lines(
          'How did the response go, and how well did the improvements work? Your feedback shapes the review.',
        ),
      };
    case 'review_reminder':
      return {
        subject: `Reminder: the review of ${d.incident_id} is not yet published`,
        text: lines('The post-incident review is still open. Please add your part so it can be published.'),
      };
    case 'review_published':
      return {
        subject: `Review of ${d.incident_id} published`,
        text: lines('The post-incident review is published, with its lessons and actions.'),
      };
  }
}

const REASON_TITLES: Record<DigestReason, string> = {
  escalated: 'Escalated to you',
  overdue: 'Overdue',
  due_soon: 'Due soon',
  assigned: 'Newly assigned',
  verified: 'Verified',
};

function digestLine(item: DigestItem): string {
  const extra = item.days_overdue ? `, ${days(item.days_overdue)} overdue` : '';
  return `- ${item.action_id} ${item.title} (due ${item.due_date}${extra}; ${item.priority}; ${item.owner})`;
}

function renderDigest(raw: unknown): Message {
  const d = parseInput(DigestData, raw, 'digest data');
  const sections: string[] = [`Your Hindsight digest for ${d.date}.`];
  for (const reason of Object.keys(REASON_TITLES) as DigestReason[]) {
    const items = d.items.filter((i) => i.reason === reason);
    if (items.length > 0)
      sections.push('', `${REASON_TITLES[reason]} (${items.length}):`, ...items.map(digestLine));
  }
  const count = new Set(d.items.map((i) => i.action_id)).size;
  return {
    subject: `Daily digest for ${d.date}: ${count} action${count === 1 ? '' : 's'} need${count === 1 ? 's' : ''} attention`,
    text: sections.join('\n'),
  };
}

/**
 * Renders the plain-text subject and body of a notification from its data. The data is validated, so a
 * payload built by hand gets a `validation_failed` naming the missing field rather than "undefined" text.
 */
export function renderMessage(kind: NotificationKind, data: unknown): Message {
  let message: Message;
  switch (kind) {
    case 'action_assigned':
    case 'action_due_soon':
    case 'action_overdue':
    case 'action_escalated':
    case 'action_verified':
      message = renderAction(kind, data);
      break;
    case 'review_scheduled':
    case 'feedback_requested':
    case 'review_reminder':
    case 'review_published':
      message = renderReview(kind, data);
      break;
    case 'digest':
      message = renderDigest(data);
      break;
  }
  return { subject: oneLine(`${PREFIX} ${message.subject}`), text: message.text };
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A minimal HTML body for mail clients: every character of the text escaped, paragraphs and line breaks kept. */
export function renderHtml(message: Message): string {
  const paragraphs = message.text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>\n')}</p>`)
    .join('\n');
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(message.subject)}</title></head>\n<body>\n${paragraphs}\n</body></html>\n`;
}
