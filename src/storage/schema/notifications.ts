import type { Selectable } from 'kysely';
import type { Ms, MsNullable } from './columns.js';

/** Every notification, recorded once under its idempotency key before it is sent. */
export interface NotificationOutboxTable {
  key: string;
  kind: string;
  channel: string;
  recipient_kind: string;
  recipient_id: string;
  recipient_email: string | null;
  subject: string;
  body: string;
  /** JSON object. */
  data: string;
  not_before_ms: Ms;
  status: string;
  attempts: number;
  next_attempt_at_ms: Ms;
  lease_until_ms: Ms;
  leased_by: string | null;
  last_error: string | null;
  sent_at_ms: MsNullable;
  sent_by: string | null;
  created_at_ms: Ms;
}
export type NotificationOutboxRow = Selectable<NotificationOutboxTable>;

/** How a user (by username) or a team wants to be notified. */
export interface NotificationPreferencesTable {
  subject_kind: string;
  subject_id: string;
  email: string | null;
  /** JSON array of channel names; null for the default channels. */
  channels: string | null;
  digest: number;
  lead_id: string | null;
  updated_by: string;
  updated_at_ms: Ms;
}
