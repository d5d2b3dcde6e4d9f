import type { Role } from './vocabulary.js';

/**
 * Who is doing something. Every service call that reads or writes takes one, so access control and the
 * audit trail can attach to any path.
 */
export interface Actor {
  /** User id, or `system` for jobs. */
  id: string;
  /** Display name for audit records and messages. */
  name: string;
  /** The sign-in name, for people and tokens; absent for the system and the CLI operator. */
  username?: string;
  role: Role;
  /** Ids of the teams the actor belongs to; decides which restricted incidents they may see. */
  teamIds: readonly string[];
  via: 'token' | 'session' | 'cli' | 'system';
}

export const systemActor: Actor = {
  id: 'system',
  name: 'Hindsight',
  role: 'admin',
  teamIds: [],
  via: 'system',
};
