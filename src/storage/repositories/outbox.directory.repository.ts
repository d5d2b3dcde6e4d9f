import type { Kysely } from 'kysely';
import type {
  ChannelName,
  RecipientPreferences,
  TeamPreferences,
} from '../../core/notifications/notification.schema.js';
import type {
  DirectorySnapshot,
  DirectoryStore,
  PreferenceSubject,
  StoredPreferences,
} from '../../core/workflow/notify.ports.js';
import type { Database, NotificationPreferencesTable } from '../schema.js';
import { toIso, toMs } from './instants.js';

type PreferenceRow = NotificationPreferencesTable;

function preferencesFromRow(row: PreferenceRow): StoredPreferences {
  return {
    subject_kind: row.subject_kind as PreferenceSubject,
    subject_id: row.subject_id,
    ...(row.email === null ? {} : { email: row.email }),
    ...(row.channels === null ? {} : { channels: JSON.parse(row.channels) as ChannelName[] }),
    digest: row.digest === 1,
    ...(row.lead_id === null ? {} : { lead_id: row.lead_id }),
    updated_by: row.updated_by,
    updated_at: toIso(row.updated_at_ms),
  };
}

/** Notification preferences, and the recipient directory the planners address people with. */
export class DirectoryRepository implements DirectoryStore {
  constructor(private readonly db: Kysely<Database>) {}

  async load(): Promise<DirectorySnapshot> {
    const [users, prefs, memberships, teams] = await Promise.all([
      this.db.selectFrom('users').select(['id', 'username', 'email']).where('disabled', '=', 0).execute(),
      this.db.selectFrom('notification_preferences').selectAll().execute(),
      this.db
        .selectFrom('team_members as tm')
        .innerJoin('users as u', 'u.id', 'tm.user_id')
        .select(['u.username', 'tm.team_id'])
        .orderBy('u.username')
        .orderBy('tm.team_id')
        .execute(),
      this.db
        .selectFrom('teams as t')
        .leftJoin('users as u', 'u.id', 't.lead_user_id')
        .select(['t.id', 'u.username as lead'])
        .execute(),
    ]);
    const pref = new Map(prefs.map((p) => [`${p.subject_kind}:${p.subject_id}`, preferencesFromRow(p)]));
    const userEntries: Record<string, RecipientPreferences> = {};
    for (const u of users) {
      const p = pref.get(`user:${u.username}`);
      const email = p?.email ?? u.email ?? undefined;
      userEntries[u.username] = {
        ...(email ? { email } : {}),
        ...(p?.channels ? { channels: p.channels } : {}),
        digest: p?.digest ?? false,
      };
    }
    const teamEntries: Record<string, TeamPreferences> = {};
    const leads = new Map(teams.map((t) => [t.id, t.lead]));
    const teamIds = new Set([
      ...leads.keys(),
      ...prefs.filter((p) => p.subject_kind === 'team').map((p) => p.subject_id),
    ]);
    for (const id of teamIds) {
      const t = { id, lead: leads.get(id) ?? null };
      const p = pref.get(`team:${t.id}`);
      const lead = p?.lead_id ?? t.lead ?? undefined;
      teamEntries[t.id] = {
        ...(p?.email ? { email: p.email } : {}),
        ...(p?.channels ? { channels: p.channels } : {}),
        digest: p?.digest ?? false,
        ...(lead ? { lead_id: lead } : {}),
      };
    }
    const teamsOf: Record<string, string[]> = {};
    for (const m of memberships) (teamsOf[m.username] ??= []).push(m.team_id);
    return { directory: { users: userEntries, teams: teamEntries }, teamsOf };
  }

  async get(kind: PreferenceSubject, id: string): Promise<StoredPreferences | null> {
    const row = await this.db
      .selectFrom('notification_preferences')
      .selectAll()
      .where('subject_kind', '=', kind)
      .where('subject_id', '=', id)
      .executeTakeFirst();
    return row ? preferencesFromRow(row) : null;
  }

  async put(
    kind: PreferenceSubject,
    id: string,
    preferences: RecipientPreferences | TeamPreferences,
    by: string,
    at: string,
  ): Promise<StoredPreferences> {
    const values = {
      email: preferences.email ?? null,
      channels: preferences.channels ? JSON.stringify(preferences.channels) : null,
      digest: preferences.digest ? 1 : 0,
      lead_id: 'lead_id' in preferences ? (preferences.lead_id ?? null) : null,
      updated_by: by,
      updated_at_ms: toMs(at),
    };
    await this.db
      .insertInto('notification_preferences')
      .values({ subject_kind: kind, subject_id: id, ...values })
      .onConflict((oc) => oc.columns(['subject_kind', 'subject_id']).doUpdateSet(values))
      .execute();
    const stored = await this.get(kind, id);
    if (!stored) throw new Error(`notification preferences of ${kind} ${id} vanished after writing`);
    return stored;
  }

  async exists(kind: PreferenceSubject, id: string): Promise<boolean> {
    const row =
      kind === 'user'
        ? await this.db.selectFrom('users').select('id').where('username', '=', id).executeTakeFirst()
        : await this.db.selectFrom('teams').select('id').where('id', '=', id).executeTakeFirst();
    return row !== undefined;
  }
}
