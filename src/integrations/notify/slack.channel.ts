import type { NotificationChannel } from '../../core/notifications/notification.ports.js';
import type { Notification } from '../../core/notifications/notification.schema.js';
import { postOrThrow } from './http.errors.js';

export interface SlackConfig {
  /** The incoming webhook URL Slack gave for the channel. */
  webhook_url: string;
  timeout_ms?: number | undefined;
}

/** Slack's mrkdwn treats &, < and > as markup; escaping them keeps titles literal and links inert. */
export function slackEscape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The incoming-webhook body: `text` for notifications and old clients, blocks for the message itself. */
export function slackBody(n: Notification): { text: string; blocks: unknown[] } {
  const subject = n.subject.slice(0, 150);
  return {
    text: slackEscape(n.subject),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: subject, emoji: false } },
      { type: 'section', text: { type: 'mrkdwn', text: slackEscape(n.text).slice(0, 3000) } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: slackEscape(`${n.kind} · ${n.key}`) }] },
    ],
  };
}

/** Posts notifications to a Slack incoming webhook. */
export class SlackChannel implements NotificationChannel {
  readonly name = 'slack' as const;

  constructor(private readonly config: SlackConfig) {}

  async send(n: Notification): Promise<void> {
    await postOrThrow('slack webhook', this.config.webhook_url, {
      body: JSON.stringify(slackBody(n)),
      headers: { 'content-type': 'application/json' },
      timeout_ms: this.config.timeout_ms ?? 10_000,
    });
  }
}
