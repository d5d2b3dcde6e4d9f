import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { ChannelError, type NotificationChannel } from '../../core/notifications/notification.ports.js';
import { renderHtml } from '../../core/notifications/notification.render.js';
import type { Notification } from '../../core/notifications/notification.schema.js';

export interface EmailConfig {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS is used when the server offers it. */
  secure: boolean;
  auth?: { user: string; pass: string } | undefined;
  /** `Hindsight <hindsight@example.com>` */
  from: string;
  /** Do not upgrade with STARTTLS even if offered (a local relay without certificates). */
  ignore_tls?: boolean | undefined;
  timeout_ms?: number | undefined;
}

/** Sends notifications as email (plain text with an escaped HTML alternative) over SMTP with nodemailer. */
export class EmailChannel implements NotificationChannel {
  readonly name = 'email' as const;
  private readonly transport: Transporter;

  constructor(private readonly config: EmailConfig) {
    const timeout = config.timeout_ms ?? 30_000;
    this.transport = nodemailer.createTransport({
      host: config.host,
      port: config.port,
      secure: config.secure,
      ...(config.auth ? { auth: config.auth } : {}),
      ignoreTLS: config.ignore_tls ?? false,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
  }

  async send(n: Notification): Promise<void> {
    if (!n.recipient.email) {
      throw new ChannelError(`${n.key}: ${n.recipient.kind} ${n.recipient.id} has no email address`, false);
    }
    try {
      await this.transport.sendMail({
        from: this.config.from,
        to: n.recipient.email,
        subject: n.subject,
        text: n.text,
        html: renderHtml({ subject: n.subject, text: n.text }),
        headers: { 'X-Hindsight-Delivery': n.key, 'X-Hindsight-Kind': n.kind },
      });
    } catch (error) {
      // SMTP 5xx replies are permanent (unknown mailbox, rejected); 4xx and connection trouble are not.
      const code = (error as { responseCode?: unknown }).responseCode;
      const permanent = typeof code === 'number' && code >= 500;
      throw new ChannelError(`email to ${n.recipient.email}: ${String(error)}`, !permanent, { cause: error });
    }
  }

  close(): void {
    this.transport.close();
  }
}
