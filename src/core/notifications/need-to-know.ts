import type { ActionMessageData } from './notification.data.js';

/** Who may hear the details of one restricted incident: the need-to-know rule of storage/visibility.ts. */
export interface RestrictedAudience {
  incident_id: string;
  /** The owning team (its members may see the incident); null when it has none. */
  team: string | null;
  /** Usernames of the incident's members. */
  members: readonly string[];
}

/** What deciding needs about recipients: admins (see everything) and each user's teams, by username. */
export interface AudienceDirectory {
  admins: readonly string[];
  teamsOf: Readonly<Record<string, readonly string[]>>;
}

/** Someone a message goes to: a user (by username) or a team. */
export interface Addressee {
  kind: 'user' | 'team';
  id: string;
}

/**
 * True when the addressee may see every one of the restricted incidents: a user who is an admin, a member,
 * or in the owning team; a team that owns it. An action of unrestricted incidents (empty list) is everyone's.
 */
export function mayKnow(
  who: Addressee,
  restricted: readonly RestrictedAudience[],
  directory: AudienceDirectory,
): boolean {
  if (restricted.length === 0) return true;
  if (who.kind === 'team') return restricted.every((r) => r.team === who.id);
  if (directory.admins.includes(who.id)) return true;
  const teams = directory.teamsOf[who.id] ?? [];
  return restricted.every((r) => r.members.includes(who.id) || (r.team !== null && teams.includes(r.team)));
}

/** Stands in for the title of an action of a restricted incident in messages to people without need to know. */
export const WITHHELD_TITLE = '(details withheld: restricted incident)';

/**
 * The rule for messages about actions of restricted incidents (issue 3): someone who may not see the incident
 * (an owner from outside its team and members, a team lead an escalation goes to, a digest reader) still
 * hears that the action exists, when it is due and who owns it, so it cannot go overdue unnoticed; its title
 * (which usually names the weakness) and the verifier's name are withheld, in the subject, the text and the
 * webhook/SNS data alike. Messages never carry an incident id for actions, nor the description. Review
 * messages, which name the incident, go only to people who may see it (see ReviewAutomationService).
 */
export function withheld(data: ActionMessageData): ActionMessageData {
  const { verified_by: _verifiedBy, ...rest } = data;
  return { ...rest, title: WITHHELD_TITLE };
}
