import { z } from 'zod';
import { Instant } from '../shared/vocabulary.js';

export const NotificationKind = z.enum([
  'action_assigned',
  'action_due_soon',
  'action_overdue',
  'action_escalated',
  'action_verified',
  'review_scheduled',
  'feedback_requested',
  'review_reminder',
  'review_published',
  'digest',
]);
export type NotificationKind = z.infer<typeof NotificationKind>;

export const ChannelName = z.enum(['email', 'slack', 'webhook', 'sns']);
export type ChannelName = z.infer<typeof ChannelName>;

export const Recipient = z.object({
  kind: z.enum(['user', 'team']),
  id: z.string().min(1),
  email: z.email({ message: 'must be an email address' }).optional(),
});
export type Recipient = z.infer<typeof Recipient>;

/**
 * One message to one recipient over one channel. `key` is the idempotency key: the outbox stores a key once,
 * so planning the same instant twice, or several server instances planning at once, sends it once.
 */
export const Notification = z.object({
  key: z.string().min(1).max(300),
  kind: NotificationKind,
  recipient: Recipient,
  channel: ChannelName,
  subject: z.string().min(1).max(300),
  text: z.string(),
  data: z.record(z.string(), z.json()),
  not_before: Instant,
});
export type Notification = z.infer<typeof Notification>;

/** How a user or team wants to hear from Hindsight. */
export const RecipientPreferences = z.object({
  email: z.email({ message: 'must be an email address' }).optional(),
  channels: z.array(ChannelName).min(1, { message: 'must name at least one channel' }).optional(),
  /** One `digest` a day instead of individual reminders. */
  digest: z.boolean().default(false),
});
export type RecipientPreferences = z.infer<typeof RecipientPreferences>;

export const TeamPreferences = RecipientPreferences.extend({
  /** Receives escalations of the team's overdue actions. */
  lead_id: z.string().min(1).optional(),
});
export type TeamPreferences = z.infer<typeof TeamPreferences>;

/** Everyone's preferences, as the planner needs them; someone not listed gets the default channels. */
export interface RecipientDirectory {
  users: Readonly<Record<string, RecipientPreferences>>;
  teams: Readonly<Record<string, TeamPreferences>>;
}
