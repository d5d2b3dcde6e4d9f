export {
  ChannelName,
  Notification,
  NotificationKind,
  Recipient,
  RecipientPreferences,
  TeamPreferences,
} from './notification.schema.js';
export type { RecipientDirectory } from './notification.schema.js';
export {
  ActionMessageData,
  DigestData,
  DigestItem,
  DigestReason,
  ReviewMessageData,
} from './notification.data.js';
export { escapeHtml, renderHtml, renderMessage } from './notification.render.js';
export type { Message } from './notification.render.js';
export { ChannelError } from './notification.ports.js';
export type { NotificationChannel, Outbox, OutboxItem, OutboxStatus } from './notification.ports.js';
export { RetryPolicy, defaultRetryPolicy, nextAttemptAt } from './outbox.backoff.js';
export { ReminderSettings, defaultReminderSettings, planActionReminders } from './reminder.planner.js';
export type { ReminderSubject } from './reminder.planner.js';
export { planActionEvent } from './action.events.js';
export { recipientRef, resolveRecipient } from './recipient.resolve.js';
export type { ResolvedRecipient } from './recipient.resolve.js';
