import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ScaledClock } from '../../src/jobs/scaled.clock.js';
import { clockOf } from '../../src/server.js';

describe('worker configuration from the environment', () => {
  it('defaults to both roles and no channels, on the wall clock', () => {
    const config = loadConfig({ HINDSIGHT_DATA: '/tmp/hindsight-config-test' });
    expect(config.roles).toEqual(['web', 'worker']);
    expect(config.worker?.channels).toEqual({
      email: undefined,
      slack: undefined,
      webhook: undefined,
      sns: undefined,
    });
    expect(config.worker?.notify).toEqual({
      due_soon_days: 3,
      overdue_repeat_days: 1,
      escalate_after_days: 3,
      digest_hour: 8,
      default_channels: ['email'],
    });
    expect(config.worker?.derived_refresh_hour).toBe(3);
    expect(clockOf(config)).not.toBeInstanceOf(ScaledClock);
  });

  it('reads the hour of the daily derived-data refresh, naming the variable when it is no hour', () => {
    expect(loadConfig({ HINDSIGHT_DERIVED_REFRESH_HOUR: '0' }).worker?.derived_refresh_hour).toBe(0);
    expect(loadConfig({ HINDSIGHT_DERIVED_REFRESH_HOUR: '23' }).worker?.derived_refresh_hour).toBe(23);
    for (const bad of ['24', '-1', '2.5', 'three']) {
      expect(() => loadConfig({ HINDSIGHT_DERIVED_REFRESH_HOUR: bad }), bad).toThrow(
        /invalid configuration:\n {2}HINDSIGHT_DERIVED_REFRESH_HOUR: /,
      );
    }
  });

  it('reads every channel, the timing and the test clock', () => {
    const config = loadConfig({
      HINDSIGHT_ROLES: 'worker',
      HINDSIGHT_PUBLIC_URL: 'https://hindsight.example.com',
      HINDSIGHT_NOTIFY_CHANNELS: 'email,slack',
      HINDSIGHT_SMTP_HOST: 'smtp.example.com',
      HINDSIGHT_SMTP_PORT: '465',
      HINDSIGHT_SMTP_SECURE: 'true',
      HINDSIGHT_SMTP_USER: 'hindsight',
      HINDSIGHT_SMTP_PASSWORD: 'secret',
      HINDSIGHT_SMTP_FROM: 'Hindsight <hindsight@example.com>',
      HINDSIGHT_SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T0/B0/X',
      HINDSIGHT_WEBHOOK_URL: 'https://hooks.example.com/hindsight',
      HINDSIGHT_WEBHOOK_SECRET: '0123456789abcdef',
      HINDSIGHT_SNS_TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:hindsight',
      HINDSIGHT_REVIEW_AFTER_BUSINESS_DAYS: '1',
      HINDSIGHT_CLOCK_SPEED: '3600',
      HINDSIGHT_CLOCK_ANCHOR_MS: '1700000000000',
    });
    expect(config.roles).toEqual(['worker']);
    expect(config.worker?.channels).toEqual({
      email: {
        host: 'smtp.example.com',
        port: 465,
        secure: true,
        auth: { user: 'hindsight', pass: 'secret' },
        from: 'Hindsight <hindsight@example.com>',
      },
      slack: { webhook_url: 'https://hooks.slack.com/services/T0/B0/X' },
      webhook: { url: 'https://hooks.example.com/hindsight', secret: '0123456789abcdef' },
      sns: {
        topic_arn: 'arn:aws:sns:eu-west-1:123456789012:hindsight',
        region: 'eu-west-1',
        endpoint: undefined,
      },
    });
    expect(config.worker?.notify).toMatchObject({
      default_channels: ['email', 'slack'],
      link_base: 'https://hindsight.example.com',
    });
    expect(config.worker?.workflow).toEqual({
      review_after_business_days: 1,
      feedback_deadline_days: 3,
      reminder_every_days: 1,
    });
    expect(config.clock).toEqual({ offset_ms: 0, speed: 3600, anchor_ms: 1_700_000_000_000 });
    expect(clockOf(config)).toBeInstanceOf(ScaledClock);
  });

  it('reports every bad setting at once', () => {
    expect(() =>
      loadConfig({
        HINDSIGHT_ROLES: 'web,cron',
        HINDSIGHT_NOTIFY_CHANNELS: 'pager',
        HINDSIGHT_SMTP_PORT: 'twenty-five',
      }),
    ).toThrow(
      /HINDSIGHT_ROLES: must be web, worker or web,worker\n.*HINDSIGHT_NOTIFY_CHANNELS: must list email, slack, webhook or sns\n.*HINDSIGHT_SMTP_PORT/,
    );
    expect(() =>
      loadConfig({
        HINDSIGHT_SMTP_HOST: 'smtp.example.com',
        HINDSIGHT_WEBHOOK_URL: 'https://hooks.example.com/x',
      }),
    ).toThrow(
      'invalid configuration:\n  HINDSIGHT_SMTP_FROM: required with HINDSIGHT_SMTP_HOST\n  HINDSIGHT_WEBHOOK_SECRET: required with HINDSIGHT_WEBHOOK_URL (at least 16 characters)',
    );
  });
});
