/**
 * The one place that talks HTTP to the Hindsight API. Two ways to authenticate, both supported:
 * - the session cookie set by `POST /api/v1/session` (HttpOnly, so this code never sees it); writes then
 *   carry the session's CSRF token in `x-csrf-token`;
 * - an API token kept in sessionStorage (automation, tests, or a person who prefers a token), sent as a
 *   bearer token; bearer calls need no CSRF token.
 */

export interface Problem {
  path: string;
  problem: string;
}

const TOKEN_KEY = 'hindsight.token';
let csrfToken = '';

/** An error answer of the API, with its stable code and the fields it names. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: readonly Problem[],
    readonly endpoint: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The server has no such route yet: the screen says which endpoint it waits for instead of faking data. */
  get missingEndpoint(): boolean {
    return this.status === 404 && this.code === 'route_not_found';
  }
}

export function storedToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function storeToken(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** The ETag read earlier; a concurrent change then answers 409 version_conflict. */
  ifMatch?: string | null;
  signal?: AbortSignal;
}

export interface ApiResponse<T> {
  data: T;
  etag: string | null;
  status: number;
}

/** Builds `/api/v1/...?a=b`, leaving out empty query values. */
export function url(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

const SAFE = new Set(['GET', 'HEAD']);

function headersFor(method: string, options: RequestOptions): Headers {
  const headers = new Headers({ accept: 'application/json' });
  const token = storedToken();
  if (token) headers.set('authorization', `Bearer ${token}`);
  else if (!SAFE.has(method) && csrfToken) headers.set('x-csrf-token', csrfToken);
  if (options.body !== undefined) headers.set('content-type', 'application/json');
  if (options.ifMatch) headers.set('if-match', options.ifMatch);
  return headers;
}

function errorFrom(status: number, body: unknown, endpoint: string): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (error && typeof error.code === 'string') {
    const details = Array.isArray(error.details) ? (error.details as Problem[]) : [];
    return new ApiError(
      status,
      error.code,
      typeof error.message === 'string' ? error.message : error.code,
      details,
      endpoint,
    );
  }
  return new ApiError(status, `http_${status}`, `the server answered ${status}`, [], endpoint);
}

/** Calls the API and returns the parsed JSON body; throws ApiError for any answer that is not 2xx. */
export async function request<T>(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<ApiResponse<T>> {
  const target = url(path, options.query);
  const endpoint = `${method} ${path}`;
  let response: Response;
  try {
    response = await fetch(target, {
      method,
      headers: headersFor(method, options),
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(
      0,
      'network_error',
      'the server could not be reached; check your connection',
      [],
      endpoint,
    );
  }
  const text = await response.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      body = text;
    }
  }
  if (!response.ok) throw errorFrom(response.status, body, endpoint);
  return { data: body as T, etag: response.headers.get('etag'), status: response.status };
}

/** Reads a text resource (SVG) with the same authentication. */
export async function requestText(path: string): Promise<string> {
  const endpoint = `GET ${path}`;
  const response = await fetch(path, { headers: headersFor('GET', {}), credentials: 'same-origin' });
  const text = await response.text();
  if (!response.ok) {
    let body: unknown = null;
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      body = null;
    }
    throw errorFrom(response.status, body, endpoint);
  }
  return text;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
