import { createHash } from 'node:crypto';
import type { SNSClient } from '@aws-sdk/client-sns';
import { ChannelError, type NotificationChannel } from '../../core/notifications/notification.ports.js';
import type { Notification } from '../../core/notifications/notification.schema.js';
import { isRetryableStatus } from './http.errors.js';

export interface SnsConfig {
  topic_arn: string;
  region: string;
  /** Overrides the AWS endpoint (a VPC endpoint, LocalStack, a test double). */
  endpoint?: string | undefined;
  /** Static credentials; without them the SDK's default chain (environment, role, ...) is used. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | undefined;
}

/** SNS subjects are ASCII, one line, under 100 characters. */
function snsSubject(subject: string): string {
  const ascii = Array.from(subject, (c) => (c.charCodeAt(0) >= 32 && c.charCodeAt(0) < 127 ? c : ' '))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  return ascii.length > 99 ? `${ascii.slice(0, 98)}~` : ascii;
}

function isRetryable(error: unknown): boolean {
  const e = error as { $fault?: string; $retryable?: unknown; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  if (status === undefined) return true; // never reached AWS: a network problem
  return e.$fault === 'server' || e.$retryable !== undefined || isRetryableStatus(status);
}

/**
 * Publishes each notification to an SNS topic: the text as the message, the kind and key as message
 * attributes for subscription filters. FIFO topics also get a deduplication id derived from the key.
 * The SDK's own retries are off; the outbox schedules retries so they survive a restart.
 */
export class SnsChannel implements NotificationChannel {
  readonly name = 'sns' as const;
  /** The SDK loads with the first message, not with every worker (see `sns()`). */
  private client: SNSClient | null = null;

  constructor(private readonly config: SnsConfig) {}

  async send(n: Notification): Promise<void> {
    const fifo = this.config.topic_arn.endsWith('.fifo');
    try {
      const { client, PublishCommand } = await this.sns();
      await client.send(
        new PublishCommand({
          TopicArn: this.config.topic_arn,
          Subject: snsSubject(n.subject),
          Message: n.text,
          MessageAttributes: {
            kind: { DataType: 'String', StringValue: n.kind },
            key: { DataType: 'String', StringValue: n.key },
            recipient: { DataType: 'String', StringValue: `${n.recipient.kind}:${n.recipient.id}` },
          },
          ...(fifo
            ? {
                MessageGroupId: `${n.recipient.kind}:${n.recipient.id}`.slice(0, 128),
                MessageDeduplicationId: createHash('sha256').update(n.key).digest('hex'),
              }
            : {}),
        }),
      );
    } catch (error) {
      throw new ChannelError(
        `sns publish to ${this.config.topic_arn}: ${String(error)}`,
        isRetryable(error),
        {
          cause: error,
        },
      );
    }
  }

  close(): void {
    this.client?.destroy();
  }

  /** Importing the SNS client costs ~15 ms and a few MB; the other AWS clients are loaded the same way. */
  private async sns() {
    const sdk = await import('@aws-sdk/client-sns');
    this.client ??= new sdk.SNSClient({
      region: this.config.region,
      maxAttempts: 1,
      ...(this.config.endpoint ? { endpoint: this.config.endpoint } : {}),
      ...(this.config.credentials ? { credentials: this.config.credentials } : {}),
    });
    return { client: this.client, PublishCommand: sdk.PublishCommand };
  }
}
