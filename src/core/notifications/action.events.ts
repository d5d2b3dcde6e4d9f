import { parseInput } from '../shared/validation.js';
import type { Action } from '../actions/action.schema.js';
import { invalid } from '../shared/errors.js';
import { renderMessage } from './notification.render.js';
import type { Notification, RecipientDirectory } from './notification.schema.js';
import { withheld, type Addressee } from './need-to-know.js';
import { ReminderSettings } from './reminder.planner.js';
import { recipientRef, resolveRecipient } from './recipient.resolve.js';

/**
 * The notifications an action event sends at once: `action_assigned` to the (new) owner, `action_verified`
 * to the owner. Keys carry the event's instant (`assigned_at`, `verified_at`), so a reassignment notifies
 * again while a retried request does not. Digest readers get nothing here: their next digest lists it.
 */
export function planActionEvent(
  kind: 'action_assigned' | 'action_verified',
  action: Action,
  now: Date,
  settingsInput: Partial<ReminderSettings> = {},
  directory: RecipientDirectory = { users: {}, teams: {} },
  /** False when the owner may not see the action's restricted incident: the title is withheld. */
  mayKnow: (who: Addressee) => boolean = () => true,
): Notification[] {
  const settings = parseInput(ReminderSettings, settingsInput, 'reminder settings');
  const verification = action.verification;
  if (kind === 'action_verified' && verification === undefined) {
    throw invalid('action_not_verified', `${action.id} has no verification to announce`);
  }
  const to = resolveRecipient(action.owner, directory, settings.default_channels);
  if (to.digest) return [];
  const at = kind === 'action_assigned' ? action.assigned_at : (verification?.verified_at ?? '');
  const link = settings.link_base
    ? `${settings.link_base.replace(/\/+$/, '')}/actions/${action.id}`
    : undefined;
  const full = {
    action_id: action.id,
    title: action.title,
    due_date: action.due_date,
    priority: action.priority,
    owner: recipientRef(action.owner),
    ...(verification
      ? { verified_by: verification.verified_by, evidence_kind: verification.evidence_kind }
      : {}),
    ...(link ? { link } : {}),
  };
  const data = mayKnow(action.owner) ? full : withheld(full);
  const { subject, text } = renderMessage(kind, data);
  const occasion = kind === 'action_assigned' ? 'assigned' : 'verified';
  return to.channels.map((channel) => ({
    key: `action:${action.id}:${occasion}:${at}:${recipientRef(to.recipient)}:${channel}`,
    kind,
    recipient: to.recipient,
    channel,
    subject,
    text,
    data,
    not_before: now.toISOString(),
  }));
}
