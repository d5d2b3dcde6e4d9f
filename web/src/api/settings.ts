import { request } from './http.js';

/** A stored setting as the API shows it: the value, where it comes from, and its version (ETag). */
export interface SettingView<T = unknown> {
  value: T;
  source: 'built_in' | 'stored';
  version: number;
  updated_by: string | null;
  updated_at: string | null;
}

/** Settings edited as JSON documents the server validates (every problem named by path). */
export interface SettingDoc {
  path: string;
  title: string;
  help: string;
}

export const CALENDAR: SettingDoc = {
  path: '/api/v1/settings/calendar',
  title: 'Working days and holidays',
  help: 'Time zone, working days and holidays; review deadlines and time to review are counted in these business days.',
};

export const NOTIFICATION_CHANNELS: SettingDoc = {
  path: '/api/v1/settings/notifications',
  title: 'Notification channels',
  help: 'Email (SMTP), Slack, signed webhook and SNS channels, and per-team preferences.',
};

export function templateDoc(id: string, name: string): SettingDoc {
  return {
    path: `/api/v1/settings/templates/${encodeURIComponent(id)}`,
    title: `Review template: ${name}`,
    help: 'Which incidents it applies to, when the review is due, sign-off and blameless rules, and the required fields.',
  };
}

export async function getSetting(doc: SettingDoc): Promise<{ view: SettingView; etag: string | null }> {
  const { data, etag } = await request<SettingView>('GET', doc.path);
  return { view: data, etag };
}

export async function putSetting(doc: SettingDoc, value: unknown, etag: string | null): Promise<SettingView> {
  return (await request<SettingView>('PUT', doc.path, { body: value, ifMatch: etag })).data;
}

export interface TemplateSummary {
  id: string;
  name: string;
}

export async function listTemplates(): Promise<TemplateSummary[]> {
  return (await request<{ items: TemplateSummary[] }>('GET', '/api/v1/settings/templates')).data.items;
}
