import type { Role } from '../shared/vocabulary.js';

export interface User {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  role: Role;
  disabled: boolean;
  team_ids: string[];
  created_at: string;
}

/** Who someone is, for showing a name where records keep a user id; nothing else about them. */
export type Person = Pick<User, 'id' | 'username' | 'display_name' | 'disabled'>;

export interface NewUser {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  role: Role;
  password_hash: string | null;
  created_at: string;
}

export interface NewApiToken {
  id: string;
  user_id: string;
  name: string;
  /** SHA-256 of the secret; the secret itself is never stored. */
  token_hash: string;
  created_at: string;
}

export interface TokenOwner {
  token_id: string;
  user: User;
}

export interface ApiTokenInfo {
  id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface NewSession {
  /** SHA-256 of the cookie secret. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface CredentialStore {
  countUsers(): Promise<number>;
  insertUser(user: NewUser): Promise<User>;
  listUsers(): Promise<User[]>;
  findUserByUsername(username: string): Promise<User | null>;
  /** The stored password hash of an enabled user, for sign-in only. */
  findPasswordHash(username: string): Promise<{ user: User; password_hash: string | null } | null>;
  setPasswordHash(userId: string, hash: string): Promise<void>;
  setDisabled(userId: string, disabled: boolean): Promise<void>;
  insertToken(token: NewApiToken): Promise<void>;
  listTokens(userId: string): Promise<ApiTokenInfo[]>;
  /** Returns false when no unrevoked token of that id belongs to the user. */
  revokeToken(userId: string, tokenId: string, at: string): Promise<boolean>;
  /** The enabled owner of an unrevoked token, recording its last use. */
  findTokenOwner(tokenHash: string, at: string): Promise<TokenOwner | null>;
  insertSession(session: NewSession): Promise<void>;
  /** The enabled owner of an unexpired session and its CSRF token. */
  findSession(sessionHash: string, at: string): Promise<{ user: User; csrf_token: string } | null>;
  deleteSession(sessionHash: string): Promise<void>;
  deleteSessionsOf(userId: string): Promise<void>;
  recordLoginFailure(key: string, at: string): Promise<void>;
  countLoginFailures(key: string, since: string): Promise<number>;
  clearLoginFailures(key: string): Promise<void>;
  ensureTeam(name: string, at: string): Promise<string>;
  addTeamMember(teamId: string, userId: string): Promise<void>;
}
