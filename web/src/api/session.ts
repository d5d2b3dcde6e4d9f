import { request, setCsrfToken, storedToken, storeToken } from './http.js';

export type Role = 'viewer' | 'responder' | 'reviewer' | 'admin';

export interface SessionUser {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  team_ids: string[];
}

interface SessionBody {
  user: SessionUser;
  csrf_token: string;
}

/** The signed-in user (cookie or stored token); throws ApiError 401 when signed out. */
export async function currentSession(): Promise<SessionUser> {
  const { data } = await request<SessionBody>('GET', '/api/v1/session');
  setCsrfToken(data.csrf_token);
  return data.user;
}

/** Signs in with a password; the server sets the HttpOnly session cookie. */
export async function signIn(username: string, password: string): Promise<SessionUser> {
  storeToken(null);
  const { data } = await request<SessionBody>('POST', '/api/v1/session', { body: { username, password } });
  setCsrfToken(data.csrf_token);
  return data.user;
}

/** Uses an API token for this browser tab instead of a password session. */
export async function signInWithToken(token: string): Promise<SessionUser> {
  storeToken(token.trim());
  try {
    return await currentSession();
  } catch (error) {
    storeToken(null);
    throw error;
  }
}

export async function signOut(): Promise<void> {
  const hadToken = storedToken() !== null;
  storeToken(null);
  try {
    // The DELETE is a cookie-authenticated write, so it still carries the CSRF token.
    if (!hadToken) await request<null>('DELETE', '/api/v1/session');
  } finally {
    setCsrfToken('');
  }
}

/** What each role may do, mirroring the server's policy so buttons a role cannot use are not offered. */
export function canWrite(user: SessionUser | null): boolean {
  return user !== null && user.role !== 'viewer';
}

export function canApprove(user: SessionUser | null): boolean {
  return user !== null && (user.role === 'reviewer' || user.role === 'admin');
}
