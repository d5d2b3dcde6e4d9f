import type { ColumnType } from 'kysely';
import type { Ms, MsNullable } from './columns.js';

export interface TeamsTable {
  id: string;
  name: string;
  lead_user_id: string | null;
  created_at_ms: Ms;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  role: string;
  password_hash: string | null;
  disabled: ColumnType<number, number | undefined, number>;
  created_at_ms: Ms;
}

export interface TeamMembersTable {
  team_id: string;
  user_id: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at_ms: Ms;
  last_used_at_ms: MsNullable;
  revoked_at_ms: MsNullable;
}

export interface SessionsTable {
  /** SHA-256 of the cookie secret. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at_ms: Ms;
  expires_at_ms: Ms;
}

export interface LoginFailuresTable {
  id: string;
  throttle_key: string;
  at_ms: Ms;
}
