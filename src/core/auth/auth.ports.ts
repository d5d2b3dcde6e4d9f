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

export interface CredentialStore {
  countUsers(): Promise<number>;
  insertUser(user: NewUser): Promise<User>;
  findUserByUsername(username: string): Promise<User | null>;
  insertToken(token: NewApiToken): Promise<void>;
  /** The enabled owner of an unrevoked token, recording its last use. */
  findTokenOwner(tokenHash: string, at: string): Promise<TokenOwner | null>;
}
