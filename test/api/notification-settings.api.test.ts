import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { addPerson, type Person } from '../support/people.js';
import { STORE_KINDS } from '../support/stores.js';

/** Every secret the environment below carries; none may reach a response. */
const SECRETS = {
  smtpUser: 'smtp-user-7f3a',
  smtpPassword: 'smtp-pass-Qx9-s3cret',
  slackPath: 'slack-path-Zk2-s3cret',
  webhookPath: 'hook-path-Lm5-s3cret',
  webhookSecret: 'whsec-Vb8-0123456789-s3cret',
};

const ENV = {
  HINDSIGHT_DATA: '/tmp/hindsight-notification-settings-test',
  HINDSIGHT_PUBLIC_URL: 'https://hindsight.example.com',
  HINDSIGHT_NOTIFY_CHANNELS: 'email,webhook',
  HINDSIGHT_SMTP_HOST: 'smtp.example.com',
  HINDSIGHT_SMTP_PORT: '465',
  HINDSIGHT_SMTP_SECURE: 'true',
  HINDSIGHT_SMTP_USER: SECRETS.smtpUser,
  HINDSIGHT_SMTP_PASSWORD: SECRETS.smtpPassword,
  HINDSIGHT_SMTP_FROM: 'Hindsight <hindsight@example.com>',
  HINDSIGHT_SLACK_WEBHOOK_URL: `https://hooks.slack.com/services/T0/B0/${SECRETS.slackPath}`,
  HINDSIGHT_WEBHOOK_URL: `https://hooks.example.com/${SECRETS.webhookPath}`,
  HINDSIGHT_WEBHOOK_SECRET: SECRETS.webhookSecret,
  HINDSIGHT_SNS_TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:hindsight',
  HINDSIGHT_REMINDER_DUE_SOON_DAYS: '5',
  HINDSIGHT_REMINDER_REPEAT_DAYS: '2',
  HINDSIGHT_ESCALATE_AFTER_DAYS: '4',
  HINDSIGHT_DIGEST_HOUR: '7',
  HINDSIGHT_REVIEW_AFTER_BUSINESS_DAYS: '3',
  HINDSIGHT_FEEDBACK_DEADLINE_DAYS: '4',
  HINDSIGHT_REVIEW_REMINDER_DAYS: '2',
};

describe.each(STORE_KINDS)('GET /api/v1/settings/notifications on %s', (kind) => {
  let t: TestServer;
  let bare: TestServer;
  let reviewer: Person;

  beforeAll(async () => {
    const worker = loadConfig(ENV).worker;
    if (!worker) throw new Error('no worker configuration');
    [t, bare] = await Promise.all([startTestServer(kind, { worker }), startTestServer(kind)]);
    reviewer = await addPerson(t, 'rita', 'reviewer', ['secops']);
  });
  afterAll(async () => {
    await Promise.all([t.close(), bare.close()]);
  });

  it('shows admins each configured channel with every secret withheld, and the timings', async () => {
    const response = await t.call('GET', '/api/v1/settings/notifications');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      worker: false,
      channels: {
        email: {
          configured: true,
          host: 'smtp.example.com',
          port: 465,
          secure: true,
          from: 'Hindsight <hindsight@example.com>',
          authenticated: true,
        },
        slack: { configured: true, webhook_host: 'hooks.slack.com' },
        webhook: { configured: true, url_host: 'hooks.example.com', signed: true },
        sns: {
          configured: true,
          topic_arn: 'arn:aws:sns:eu-west-1:123456789012:hindsight',
          region: 'eu-west-1',
          endpoint_host: null,
        },
      },
      default_channels: ['email', 'webhook'],
      link_base: 'https://hindsight.example.com',
      reminders: {
        due_soon_days: 5,
        overdue_repeat_days: 2,
        escalate_after_days: 4,
        digest_hour: 7,
        time_zone: 'UTC',
      },
      review_workflow: { review_after_business_days: 3, feedback_deadline_days: 4, reminder_every_days: 2 },
    });
    const text = JSON.stringify(response.body);
    for (const [name, secret] of Object.entries(SECRETS)) {
      expect(text.includes(secret), `${name} appears in the response`).toBe(false);
    }
    const openapi = JSON.stringify((await t.call('GET', '/api/openapi.json', { token: null })).body);
    expect(openapi).toContain('/api/v1/settings/notifications');
  });

  it('takes the time zone from the working calendar', async () => {
    const calendar = await t.call('GET', '/api/v1/settings/calendar');
    await t.call('PUT', '/api/v1/settings/calendar', {
      body: { ...calendar.body.value, time_zone: 'Europe/Berlin' },
    });
    const response = await t.call('GET', '/api/v1/settings/notifications');
    expect(response.body.reminders.time_zone).toBe('Europe/Berlin');
  });

  it('shows no channels and the defaults when nothing is configured', async () => {
    const response = await bare.call('GET', '/api/v1/settings/notifications');
    expect(response.body.channels.email).toMatchObject({ configured: false, host: null });
    expect(response.body.channels.webhook).toEqual({ configured: false, url_host: null, signed: false });
    expect(response.body.reminders).toMatchObject({
      due_soon_days: 3,
      escalate_after_days: 3,
      digest_hour: 8,
    });
    expect(response.body.default_channels).toEqual(['email']);
  });

  it('refuses everyone but admins', async () => {
    const refused = await t.call('GET', '/api/v1/settings/notifications', { token: reviewer.token });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('permission_denied');
    expect((await t.call('GET', '/api/v1/settings/notifications', { token: null })).status).toBe(401);
  });
});
