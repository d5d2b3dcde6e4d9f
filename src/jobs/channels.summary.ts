import type { ChannelsSummary } from '../core/workflow/notification-settings.service.js';
import type { ChannelsConfig } from './worker.config.js';

/** The host of a URL; a URL that does not parse shows as such rather than leaking its text. */
function hostOf(url: string | undefined): string | null {
  if (url === undefined) return null;
  try {
    return new URL(url).host;
  } catch {
    return '(not a URL)';
  }
}

/**
 * What an administrator may see of the configured channels: hosts, ports, sender, topic and region, and
 * whether sign-in and signing are on. Passwords, the webhook secret, SNS credentials and whole webhook
 * URLs (Slack's path is its credential) are left out here, so no presenter can show them by mistake.
 */
export function summariseChannels(channels: ChannelsConfig | undefined): ChannelsSummary {
  const { email, slack, webhook, sns } = channels ?? {};
  return {
    email: {
      configured: email !== undefined,
      host: email?.host ?? null,
      port: email?.port ?? null,
      secure: email?.secure ?? null,
      from: email?.from ?? null,
      authenticated: email?.auth !== undefined,
    },
    slack: { configured: slack !== undefined, webhook_host: hostOf(slack?.webhook_url) },
    webhook: {
      configured: webhook !== undefined,
      url_host: hostOf(webhook?.url),
      signed: (webhook?.secret ?? '') !== '',
    },
    sns: {
      configured: sns !== undefined,
      topic_arn: sns?.topic_arn ?? null,
      region: sns?.region ?? null,
      endpoint_host: hostOf(sns?.endpoint),
    },
  };
}
