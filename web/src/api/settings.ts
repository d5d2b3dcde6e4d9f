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

export type ChannelName = 'email' | 'slack' | 'webhook' | 'sns';
export const CHANNEL_NAMES: readonly ChannelName[] = ['email', 'slack', 'webhook', 'sns'];

/** The channels and timings in force (GET /api/v1/settings/notifications, admins); secrets never included. */
export interface NotificationSettings {
  worker: boolean;
  channels: {
    email: {
      configured: boolean;
      host: string | null;
      port: number | null;
      secure: boolean | null;
      from: string | null;
      authenticated: boolean;
    };
    slack: { configured: boolean; webhook_host: string | null };
    webhook: { configured: boolean; url_host: string | null; signed: boolean };
    sns: {
      configured: boolean;
      topic_arn: string | null;
      region: string | null;
      endpoint_host: string | null;
    };
  };
  default_channels: ChannelName[];
  link_base: string | null;
  reminders: {
    due_soon_days: number;
    overdue_repeat_days: number;
    escalate_after_days: number;
    digest_hour: number;
    time_zone: string;
  };
  review_workflow: {
    review_after_business_days: number;
    feedback_deadline_days: number;
    reminder_every_days: number;
  };
}

export async function getNotificationSettings(): Promise<NotificationSettings> {
  return (await request<NotificationSettings>('GET', '/api/v1/settings/notifications')).data;
}

/** How one user wants to hear from Hindsight; channels absent means the server's default channels. */
export interface NotificationPreferences {
  email?: string;
  channels?: ChannelName[];
  digest: boolean;
  updated_at?: string;
}

const preferencesPath = (username: string) =>
  `/api/v1/users/${encodeURIComponent(username)}/notification-preferences`;

export async function getMyPreferences(username: string): Promise<NotificationPreferences> {
  return (await request<NotificationPreferences>('GET', preferencesPath(username))).data;
}

export async function putMyPreferences(
  username: string,
  preferences: { email?: string; channels?: ChannelName[]; digest: boolean },
): Promise<NotificationPreferences> {
  return (await request<NotificationPreferences>('PUT', preferencesPath(username), { body: preferences }))
    .data;
}

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

/** Where a KPI's target in force comes from: stored in the UI/API, the start-up file, or built in. */
export type KpiTargetSource = 'stored' | 'configured' | 'built_in';

export interface KpiTargetsView {
  items: Array<{ id: string; name: string; target: { text: string }; source: KpiTargetSource }>;
  version: number;
  updated_by: string | null;
  updated_at: string | null;
}

const KPI_TARGETS = '/api/v1/settings/kpi-targets';

export async function getKpiTargets(): Promise<{ view: KpiTargetsView; etag: string | null }> {
  const { data, etag } = await request<KpiTargetsView>('GET', KPI_TARGETS);
  return { view: data, etag };
}

/** Stores target texts for the KPIs named; the others go back to the start-up file or built-in target. */
export async function putKpiTargets(
  targets: Record<string, string>,
  etag: string | null,
): Promise<KpiTargetsView> {
  return (await request<KpiTargetsView>('PUT', KPI_TARGETS, { body: { targets }, ifMatch: etag })).data;
}
