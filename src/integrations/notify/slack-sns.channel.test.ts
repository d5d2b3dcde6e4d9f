import { afterEach, describe, expect, it } from 'vitest';
import { ChannelError } from '../../core/notifications/notification.ports.js';
import { buildNotification } from '../../../test/support/receivers/build-notification.js';
import { HttpReceiver } from '../../../test/support/receivers/http-receiver.js';
import { SnsEndpoint } from '../../../test/support/receivers/sns-endpoint.js';
import { SlackChannel, slackBody } from './slack.channel.js';
import { SnsChannel } from './sns.channel.js';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

describe('SlackChannel', () => {
  it('posts { text, blocks } with Slack markup escaped', async () => {
    const receiver = new HttpReceiver();
    const base = await receiver.start();
    stops.push(() => receiver.stop());
    const n = buildNotification({ channel: 'slack' });
    await new SlackChannel({ webhook_url: `${base}/services/T000/B000/XXX` }).send(n);
    expect(receiver.requests).toHaveLength(1);
    const body = JSON.parse(receiver.requests[0]?.body ?? '') as unknown;
    expect(body).toEqual(slackBody(n));
    expect(body).toEqual({
      text: '[Hindsight] ACT-000012 is 1 day overdue: Rotate the leaked key — and "audit" &lt;everything&gt;',
      blocks: [
        {
          type: 'header',
          text: {
            type: 'plain_text',
            text: '[Hindsight] ACT-000012 is 1 day overdue: Rotate the leaked key — and "audit" <everything>',
            emoji: false,
          },
        },
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: expect.stringContaining(
              'ACT-000012: Rotate the leaked key — and "audit" &lt;everything&gt;\nPriority: High',
            ) as unknown,
          },
        },
        {
          type: 'context',
          elements: [
            {
              type: 'mrkdwn',
              text: 'action_overdue · action:ACT-000012:overdue:2026-11-28:user:alice:email',
            },
          ],
        },
      ],
    });
  });

  it('treats 404 (a revoked webhook) as permanent and 429 as retryable', async () => {
    let status = 404;
    const receiver = new HttpReceiver(() => ({ status, body: 'no_service' }));
    const base = await receiver.start();
    stops.push(() => receiver.stop());
    const slack = new SlackChannel({ webhook_url: base });
    const first = (await slack.send(buildNotification()).catch((e: unknown) => e)) as ChannelError;
    expect([first.message, first.retryable]).toEqual(['slack webhook: HTTP 404 no_service', false]);
    status = 429;
    const second = (await slack.send(buildNotification()).catch((e: unknown) => e)) as ChannelError;
    expect(second.retryable).toBe(true);
  });
});

describe('SnsChannel', () => {
  const topic = 'arn:aws:sns:eu-west-1:123456789012:hindsight-notifications';
  const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret-example' };

  it('publishes the message to the topic over the Query protocol', async () => {
    const endpoint = new SnsEndpoint();
    const base = await endpoint.start();
    stops.push(() => endpoint.stop());
    const sns = new SnsChannel({ topic_arn: topic, region: 'eu-west-1', endpoint: base, credentials });
    stops.push(() => Promise.resolve(sns.close()));
    const n = buildNotification({ channel: 'sns' });
    await sns.send(n);
    expect(endpoint.published).toEqual([
      {
        topic_arn: topic,
        message: n.text,
        // SNS subjects are ASCII: the dash is replaced.
        subject: '[Hindsight] ACT-000012 is 1 day overdue: Rotate the leaked key and "audit" <everything>',
        attributes: {
          kind: 'action_overdue',
          key: 'action:ACT-000012:overdue:2026-11-28:user:alice:email',
          recipient: 'user:alice',
        },
        message_id: '00000000-0000-4000-8000-000000000001',
      },
    ]);
    const request = endpoint.http.requests[0];
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/sns\/aws4_request/,
    );
  });

  it('retries after a 500 from the endpoint', async () => {
    const endpoint = new SnsEndpoint();
    const base = await endpoint.start();
    stops.push(() => endpoint.stop());
    endpoint.http.failFirst(1);
    const sns = new SnsChannel({ topic_arn: topic, region: 'eu-west-1', endpoint: base, credentials });
    stops.push(() => Promise.resolve(sns.close()));
    const error = (await sns.send(buildNotification()).catch((e: unknown) => e)) as ChannelError;
    expect(error).toBeInstanceOf(ChannelError);
    expect(error.retryable).toBe(true);
    await sns.send(buildNotification());
    expect(endpoint.published).toHaveLength(1);
    expect(endpoint.http.requests).toHaveLength(2);
  });
});
