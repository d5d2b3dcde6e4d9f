import type { Kysely } from 'kysely';
import type { RestrictedAudience } from '../../core/notifications/need-to-know.js';
import type { AudienceStore } from '../../core/workflow/notify.ports.js';
import type { Database } from '../schema.js';

/** Who may know of restricted incidents, by the rule of visibility.ts (team, members, admins). */
export class AudienceRepository implements AudienceStore {
  constructor(private readonly db: Kysely<Database>) {}

  async restrictedActions(): Promise<Record<string, RestrictedAudience[]>> {
    const links = await this.db
      .selectFrom('action_incidents as ai')
      .innerJoin('incidents as i', 'i.id', 'ai.incident_id')
      .select(['ai.action_id', 'ai.incident_id'])
      .where('i.restricted', '=', 1)
      .execute();
    const audiences = await this.audiencesOf([...new Set(links.map((l) => l.incident_id))]);
    const out: Record<string, RestrictedAudience[]> = {};
    for (const link of links) {
      const audience = audiences.get(link.incident_id);
      if (audience) (out[link.action_id] ??= []).push(audience);
    }
    return out;
  }

  async restrictedAmong(incidentIds: readonly string[]): Promise<RestrictedAudience[]> {
    if (incidentIds.length === 0) return [];
    const restricted = await this.db
      .selectFrom('incidents')
      .select('id')
      .where('id', 'in', [...incidentIds])
      .where('restricted', '=', 1)
      .execute();
    return [...(await this.audiencesOf(restricted.map((r) => r.id))).values()];
  }

  async admins(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('users')
      .select('username')
      .where('role', '=', 'admin')
      .where('disabled', '=', 0)
      .execute();
    return rows.map((r) => r.username);
  }

  private async audiencesOf(ids: readonly string[]): Promise<Map<string, RestrictedAudience>> {
    if (ids.length === 0) return new Map();
    const [incidents, members] = await Promise.all([
      this.db
        .selectFrom('incidents')
        .select(['id', 'team'])
        .where('id', 'in', [...ids])
        .execute(),
      this.db
        .selectFrom('incident_members as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['m.incident_id', 'u.username'])
        .where('m.incident_id', 'in', [...ids])
        .execute(),
    ]);
    return new Map(
      incidents.map((i) => [
        i.id,
        {
          incident_id: i.id,
          team: i.team,
          members: members.filter((m) => m.incident_id === i.id).map((m) => m.username),
        },
      ]),
    );
  }
}
