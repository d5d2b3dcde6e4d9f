import { z } from 'zod';
import type {
  Notification,
  RecipientDirectory,
  RecipientPreferences,
} from '../notifications/notification.schema.js';
import { TeamPreferences } from '../notifications/notification.schema.js';
import type { RestrictedAudience } from '../notifications/need-to-know.js';
import type { ReminderSettings } from '../notifications/reminder.planner.js';

/** Who a notification preference belongs to: a user (by username) or a team. */
export const PreferenceSubject = z.enum(['user', 'team']);
export type PreferenceSubject = z.infer<typeof PreferenceSubject>;

export const StoredPreferences = TeamPreferences.extend({
  subject_kind: PreferenceSubject,
  subject_id: z.string(),
  updated_by: z.string(),
  updated_at: z.string(),
});
export type StoredPreferences = z.infer<typeof StoredPreferences>;

/** What the planners need to address people: the directory and each user's teams. */
export interface DirectorySnapshot {
  directory: RecipientDirectory;
  /** Teams of each user, by username, in a stable order. */
  teamsOf: Readonly<Record<string, readonly string[]>>;
}

/**
 * Notification preferences and the recipient directory built from them. A user's email comes from their
 * preferences, else from their account; a team's lead from its preferences, else from the team record.
 */
export interface DirectoryStore {
  load(): Promise<DirectorySnapshot>;
  get(kind: PreferenceSubject, id: string): Promise<StoredPreferences | null>;
  put(
    kind: PreferenceSubject,
    id: string,
    preferences: RecipientPreferences | TeamPreferences,
    by: string,
    at: string,
  ): Promise<StoredPreferences>;
  /** True when a user with this username, or a team with this id, exists. */
  exists(kind: PreferenceSubject, id: string): Promise<boolean>;
}

/**
 * Restricted incidents and who may know of them, for addressing messages (notifications/need-to-know.ts).
 * Restricted incidents are few, so the reminder planner loads them all at once.
 */
export interface AudienceStore {
  /** Every action of a restricted incident, with those incidents' audiences, by action id. */
  restrictedActions(): Promise<Record<string, RestrictedAudience[]>>;
  /** The restricted incidents among these ids, with their audiences. */
  restrictedAmong(incidentIds: readonly string[]): Promise<RestrictedAudience[]>;
  /** Usernames of enabled admins (they see every incident). */
  admins(): Promise<string[]>;
}

/** The outbox as services see it: record notifications once, inside the caller's transaction. */
export interface NotificationSink {
  /** Records a notification; false when its key is already there. */
  enqueue(notification: Notification, now: Date): Promise<boolean>;
  /** Records many at once; returns how many were new (the others' keys were already there). */
  enqueueAll(notifications: readonly Notification[], now: Date): Promise<number>;
}

/** Notification settings from the configuration: reminder timing, default channels, public link base. */
export type NotifySettings = Partial<ReminderSettings>;

/** The lead of a user's first team that has one, for escalating their overdue actions. */
export function teamLeadOf(username: string, snapshot: DirectorySnapshot): string | undefined {
  for (const team of snapshot.teamsOf[username] ?? []) {
    const lead = snapshot.directory.teams[team]?.lead_id;
    if (lead !== undefined) return lead;
  }
  return undefined;
}
