import { request } from './http.js';

/**
 * Organisation settings (KPI targets, review templates, working calendar, notification channels). Each is a
 * document the server validates; the UI shows and edits it as YAML/JSON text.
 */
export const SETTING_KEYS = [
  'kpi_targets',
  'review_templates',
  'working_calendar',
  'notification_channels',
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

export const SETTING_LABELS: Readonly<Record<SettingKey, { title: string; help: string }>> = {
  kpi_targets: { title: 'KPI targets', help: 'Targets in SEC10-BP08’s learning_metrics shape.' },
  review_templates: { title: 'Review templates', help: 'Templates per incident category and severity.' },
  working_calendar: {
    title: 'Working days and holidays',
    help: 'Used for review due dates and time to review.',
  },
  notification_channels: { title: 'Notification channels', help: 'Email, Slack, webhook and SNS channels.' },
};

export async function getSetting(key: SettingKey): Promise<{ value: unknown; etag: string | null }> {
  const { data, etag } = await request<{ value: unknown }>('GET', `/api/v1/settings/${key}`);
  return { value: data.value, etag };
}

export async function putSetting(key: SettingKey, value: unknown, etag: string | null): Promise<void> {
  await request<unknown>('PUT', `/api/v1/settings/${key}`, { body: { value }, ifMatch: etag });
}
