export { CALENDAR_KEY, TemplateId, templateKey, TEMPLATE_KEY_PREFIX } from './settings.keys.js';
export type { SettingsStore, StoredSetting } from './settings.ports.js';
export { loadReviewSettings, type ReviewSettings } from './review-settings.js';
export { SettingsService, type SettingView, type SettingsServiceDeps } from './settings.service.js';
