import type { AuditLog } from '../audit/audit.ports.js';
import { authorize, can } from '../auth/policy.js';
import { RecipientPreferences, TeamPreferences } from '../notifications/notification.schema.js';
import type { Actor } from '../shared/actor.js';
import type { Clock } from '../shared/clock.js';
import { forbidden, notFound } from '../shared/errors.js';
import { parseInput } from '../shared/validation.js';
import type { DirectoryStore, PreferenceSubject, StoredPreferences } from './notify.ports.js';

export interface PreferencesDeps {
  directory: Pick<DirectoryStore, 'get' | 'exists'>;
  clock: Clock;
  /** Inside, use only the stores handed over: the embedded store has one connection. */
  transaction: <T>(
    work: (stores: { directory: DirectoryStore; audit: AuditLog }) => Promise<T>,
  ) => Promise<T>;
}

const UserInput = RecipientPreferences.strict();
const TeamInput = TeamPreferences.strict();

/**
 * How each user and team wants to hear from Hindsight: email address, channels (email, slack, webhook,
 * sns) and the daily digest instead of single reminders; a team also names its lead for escalations.
 * People manage their own; admins manage everyone's and every team's.
 */
export class NotificationPreferencesService {
  constructor(private readonly deps: PreferencesDeps) {}

  async get(actor: Actor, kind: PreferenceSubject, id: string): Promise<StoredPreferences> {
    this.check(actor, kind, id);
    if (kind === 'user' && !(await this.deps.directory.exists(kind, id))) throw notFound(kind, id);
    return (
      (await this.deps.directory.get(kind, id)) ?? {
        subject_kind: kind,
        subject_id: id,
        digest: false,
        updated_by: '',
        updated_at: '',
      }
    );
  }

  async put(actor: Actor, kind: PreferenceSubject, id: string, input: unknown): Promise<StoredPreferences> {
    this.check(actor, kind, id);
    const preferences =
      kind === 'user'
        ? parseInput(UserInput, input, 'notification preferences')
        : parseInput(TeamInput, input, 'team notification preferences');
    const at = this.deps.clock.now().toISOString();
    return this.deps.transaction(async ({ directory, audit }) => {
      // Teams are labels (as on incidents and actions): any team may have preferences.
      if (kind === 'user' && !(await directory.exists(kind, id))) throw notFound(kind, id);
      const lead = kind === 'team' ? (preferences as TeamPreferences).lead_id : undefined;
      if (lead !== undefined && !(await directory.exists('user', lead))) throw notFound('user', lead);
      const before = await directory.get(kind, id);
      const stored = await directory.put(kind, id, preferences, actor.id, at);
      const strip = (p: StoredPreferences | null) => {
        if (!p) return null;
        const { updated_at: _at, updated_by: _by, ...rest } = p;
        return rest;
      };
      await audit.append(
        actor,
        {
          entity_type: kind,
          entity_id: id,
          action: 'notification_preferences',
          before: strip(before),
          after: strip(stored),
        },
        at,
      );
      return stored;
    });
  }

  private check(actor: Actor, kind: PreferenceSubject, id: string): void {
    if (kind === 'user' && actor.username === id) return;
    if (kind === 'user' && !can(actor, 'user:manage')) {
      throw forbidden(
        'permission_denied',
        `only ${id} or an admin may change the notification preferences of ${id}`,
      );
    }
    authorize(actor, 'user:manage');
  }
}
