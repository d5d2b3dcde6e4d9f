import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelError } from '../../core/notifications/notification.ports.js';
import { buildNotification } from '../../../test/support/receivers/build-notification.js';
import { SmtpSink } from '../../../test/support/receivers/smtp-sink.js';
import { EmailChannel } from './email.channel.js';

describe('EmailChannel against a real SMTP server', () => {
  const sink = new SmtpSink({ user: 'hindsight', pass: 's3cret' });
  let channel: EmailChannel;

  beforeAll(async () => {
    const { host, port } = await sink.start();
    channel = new EmailChannel({
      host,
      port,
      secure: false,
      auth: { user: 'hindsight', pass: 's3cret' },
      from: 'Hindsight <hindsight@example.com>',
    });
  });

  afterAll(async () => {
    channel.close();
    await sink.stop();
  });

  it('delivers the subject, recipient, text and an escaped HTML part', async () => {
    const n = buildNotification();
    await channel.send(n);
    expect(sink.messages).toHaveLength(1);
    const mail = sink.messages[0];
    expect(mail?.envelope).toEqual({ from: 'hindsight@example.com', to: ['alice@example.com'] });
    expect(mail?.headers.to).toBe('alice@example.com');
    expect(mail?.headers.from).toBe('Hindsight <hindsight@example.com>');
    expect(mail?.headers.subject).toBe(
      '[Hindsight] ACT-000012 is 1 day overdue: Rotate the leaked key — and "audit" <everything>',
    );
    expect(mail?.headers['x-hindsight-delivery']).toBe(
      'action:ACT-000012:overdue:2026-11-28:user:alice:email',
    );
    expect(mail?.text.replace(/\r\n/g, '\n').trimEnd()).toBe(n.text);
    expect(mail?.html).toContain(
      'ACT-000012: Rotate the leaked key — and &#34;audit&#34; &#60;everything&#62;',
    );
    expect(mail?.html).not.toContain('<everything>');
  });

  it('refuses, without retry, a recipient that has no email address', async () => {
    const n = buildNotification({ recipient: { kind: 'team', id: 'sre' } });
    const error = await channel.send(n).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChannelError);
    expect((error as ChannelError).retryable).toBe(false);
    expect((error as ChannelError).message).toContain('team sre has no email address');
  });

  it('reports a wrong password as a permanent failure', async () => {
    const { port } = sink.address();
    const wrong = new EmailChannel({
      host: '127.0.0.1',
      port,
      secure: false,
      auth: { user: 'hindsight', pass: 'nope' },
      from: 'hindsight@example.com',
    });
    const error = await wrong.send(buildNotification()).catch((e: unknown) => e);
    wrong.close();
    expect((error as ChannelError).retryable).toBe(false);
  });

  it('reports a server that is not there as retryable', async () => {
    const nowhere = new EmailChannel({
      host: '127.0.0.1',
      port: 1,
      secure: false,
      from: 'hindsight@example.com',
    });
    const error = await nowhere.send(buildNotification()).catch((e: unknown) => e);
    nowhere.close();
    expect(error).toBeInstanceOf(ChannelError);
    expect((error as ChannelError).retryable).toBe(true);
  });
});
