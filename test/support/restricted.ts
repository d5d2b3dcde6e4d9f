import { expect } from 'vitest';

/** What must never leak of a restricted incident to someone without need to know. */
export interface RestrictedTraces {
  id: string;
  /** Distinctive strings written into the incident, its review and lessons. */
  markers: string[];
}

/**
 * Asserts a response shows nothing of a restricted incident: not its id, nor any of its text. Use it for
 * every read path (list, get, search, lessons, similar incidents, exports, digests): a new read path
 * gets one line in the restricted-incident test. A string body (CSV, Markdown, metrics, CLI output, a
 * message) is searched as text.
 */
export function expectNoTraceOf(
  restricted: RestrictedTraces,
  response: { status: number; body: unknown },
  path: string,
  /** The same request for an id that does not exist, when the path names the incident. */
  missing?: { status: number; body: unknown; id: string },
): void {
  // Text responses (CSV, Markdown, Prometheus, messages) are searched as they are; anything else as JSON.
  const asText = (body: unknown): string => (typeof body === 'string' ? body : JSON.stringify(body ?? null));
  let text = asText(response.body);
  if (missing) {
    // Asking for it by id must look exactly like asking for an incident that does not exist.
    expect(
      { status: response.status, body: text.replaceAll(restricted.id, missing.id) },
      `${path} differs from a missing incident`,
    ).toEqual({
      status: missing.status,
      body: asText(missing.body),
    });
    text = text.replaceAll(restricted.id, '');
  }
  expect(text.includes(restricted.id), `${path} reveals the id ${restricted.id}`).toBe(false);
  for (const marker of restricted.markers) {
    expect(text.includes(marker), `${path} reveals "${marker}"`).toBe(false);
  }
}
