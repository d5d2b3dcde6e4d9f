import { request } from './http.js';

export interface ApiToken {
  id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface UserSummary {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  role: string;
  disabled: boolean;
  team_ids: string[];
  created_at: string;
}

const tokensPath = (username: string) => `/api/v1/users/${encodeURIComponent(username)}/tokens`;

export async function listTokens(username: string): Promise<ApiToken[]> {
  return (await request<ApiToken[]>('GET', tokensPath(username))).data;
}

/** Issues a token; its secret is in this answer only. */
export async function createToken(
  username: string,
  name: string,
): Promise<{ token: string; token_id: string }> {
  return (
    await request<{ token: string; token_id: string }>('POST', tokensPath(username), { body: { name } })
  ).data;
}

export async function revokeToken(username: string, tokenId: string): Promise<void> {
  await request<null>('DELETE', `${tokensPath(username)}/${encodeURIComponent(tokenId)}`);
}

export async function listUsers(): Promise<UserSummary[]> {
  return (await request<UserSummary[]>('GET', '/api/v1/users')).data;
}

/** Someone's id, username and display name: what any signed-in user may know of another. */
export interface PersonSummary {
  id: string;
  username: string;
  display_name: string;
  disabled: boolean;
}

export async function listPeople(): Promise<PersonSummary[]> {
  return (await request<PersonSummary[]>('GET', '/api/v1/people')).data;
}
