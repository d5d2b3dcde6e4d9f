import type { ActionOwner } from '../actions/action.schema.js';
import type {
  ChannelName,
  Recipient,
  RecipientDirectory,
  RecipientPreferences,
} from './notification.schema.js';

export interface ResolvedRecipient {
  recipient: Recipient;
  channels: readonly ChannelName[];
  digest: boolean;
}

/** Looks a user or team up in the directory; someone not listed hears over the default channels, no digest. */
export function resolveRecipient(
  who: ActionOwner,
  directory: RecipientDirectory,
  defaultChannels: readonly ChannelName[],
): ResolvedRecipient {
  const prefs: RecipientPreferences | undefined =
    who.kind === 'user' ? directory.users[who.id] : directory.teams[who.id];
  const recipient: Recipient = {
    kind: who.kind,
    id: who.id,
    ...(prefs?.email ? { email: prefs.email } : {}),
  };
  return { recipient, channels: prefs?.channels ?? defaultChannels, digest: prefs?.digest ?? false };
}

/** A stable string for a recipient inside idempotency keys: `user:alice`, `team:sre`. */
export const recipientRef = (r: { kind: string; id: string }): string => `${r.kind}:${r.id}`;
