import { createHmac, timingSafeEqual } from 'node:crypto';
import type { NotificationChannel } from '../../core/notifications/notification.ports.js';
import type { Notification } from '../../core/notifications/notification.schema.js';
import { postOrThrow } from './http.errors.js';

export interface WebhookConfig {
  url: string;
  /** Shared secret for the `X-Hindsight-Signature` HMAC. */
  secret: string;
  timeout_ms?: number | undefined;
}

/** `sha256=<hex HMAC-SHA256 of the raw body>`, the value of `X-Hindsight-Signature`. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** For receivers: checks a signature header against the raw body in constant time. */
export function verifySignature(body: string, secret: string, header: string | undefined): boolean {
  if (header === undefined) return false;
  const expected = Buffer.from(signBody(body, secret));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * POSTs each notification as JSON, signed with the shared secret. `X-Hindsight-Delivery` carries the
 * idempotency key, so a receiver can drop a redelivery after a lost acknowledgement.
 */
export class WebhookChannel implements NotificationChannel {
  readonly name = 'webhook' as const;

  constructor(private readonly config: WebhookConfig) {}

  async send(n: Notification): Promise<void> {
    const body = JSON.stringify({
      key: n.key,
      kind: n.kind,
      recipient: n.recipient,
      subject: n.subject,
      text: n.text,
      data: n.data,
      not_before: n.not_before,
    });
    await postOrThrow('webhook', this.config.url, {
      body,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Hindsight-Webhook/1',
        'x-hindsight-signature': signBody(body, this.config.secret),
        'x-hindsight-delivery': n.key,
      },
      timeout_ms: this.config.timeout_ms ?? 10_000,
    });
  }
}
