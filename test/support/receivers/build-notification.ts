import { renderMessage } from '../../../src/core/notifications/notification.render.js';
import type { Notification } from '../../../src/core/notifications/notification.schema.js';

/** A rendered overdue reminder for tests of channels; override any field. */
export function buildNotification(overrides: Partial<Notification> = {}): Notification {
  const data = {
    action_id: 'ACT-000012',
    title: 'Rotate the leaked key — and "audit" <everything>',
    due_date: '2026-11-27',
    priority: 'High',
    owner: 'user:alice',
    days_overdue: 1,
  };
  const { subject, text } = renderMessage('action_overdue', data);
  return {
    key: 'action:ACT-000012:overdue:2026-11-28:user:alice:email',
    kind: 'action_overdue',
    recipient: { kind: 'user', id: 'alice', email: 'alice@example.com' },
    channel: 'email',
    subject,
    text,
    data,
    not_before: '2026-11-28T09:00:00.000Z',
    ...overrides,
  };
}
