import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server.js';
import { buildIncidentInput } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { addPerson, type Person } from '../support/people.js';
import { STORE_KINDS } from '../support/stores.js';

const at = (day: string) => ({
  impact_started: `2024-01-${day}T08:00:00Z`,
  detected: `2024-01-${day}T08:30:00Z`,
  declared: `2024-01-${day}T08:40:00Z`,
});

const disk = (day: string, extra: Parameters<typeof buildIncidentInput>[0] = {}) =>
  buildIncidentInput({
    title: 'Kafka broker disk full, producers rejected',
    description: 'Log retention misconfigured; the broker disk filled and producers got errors.',
    category: 'Capacity',
    attack_vector: null,
    affected_services: ['kafka'],
    team: 'platform',
    timestamps: at(day),
    ...extra,
  });

/**
 * Two servers on one store, each answering "seen before" from its own in-memory index of the stored vectors:
 * what one instance writes is in the other's next lookup, and a restriction made on one hides the incident
 * from the other's next lookup for a non-member.
 */
describe.each(STORE_KINDS)('similar incidents across two server instances on %s', (kind) => {
  let a: TestServer;
  let b: RunningServer;
  let outsider: Person;
  const call = async (
    url: string,
    method: string,
    path: string,
    token: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as any };
  };
  const similarOnA = async (id: string, token = a.token) => {
    const response = await call(a.url, 'GET', `/api/v1/incidents/${id}/similar`, token);
    expect(response.status).toBe(200);
    return (response.body.similar as Array<{ incident_id: string }>).map((s) => s.incident_id);
  };

  beforeAll(async () => {
    a = await startTestServer(kind);
    b = await startServer(
      {
        store: a.storeConfig,
        port: 0,
        host: '127.0.0.1',
        logLevel: 'silent',
        bodyLimit: 1 << 20,
        secureCookies: false,
      },
      a.clock,
    );
    outsider = await addPerson(a, 'olga', 'viewer', ['platform']);
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it("sees the other instance's new incidents and restrictions in its next lookup", async () => {
    const first = (await call(a.url, 'POST', '/api/v1/incidents', a.token, disk('02'))).body.id as string;
    const latest = (await call(a.url, 'POST', '/api/v1/incidents', a.token, disk('10'))).body.id as string;
    expect(await similarOnA(latest)).toEqual([first]);

    const created = await call(b.url, 'POST', '/api/v1/incidents', a.token, disk('06'));
    expect(created.status).toBe(201);
    const twin = created.body.id as string;
    // Same text as the first: equal scores, ties by id.
    expect(await similarOnA(latest, outsider.token)).toEqual([first, twin]);

    const read = await call(b.url, 'GET', `/api/v1/incidents/${twin}`, a.token);
    const restricted = await call(
      b.url,
      'PATCH',
      `/api/v1/incidents/${twin}`,
      a.token,
      { restricted: true, team: 'secops' },
      { 'if-match': read.headers.get('etag') ?? '' },
    );
    expect(restricted.status, JSON.stringify(restricted.body)).toBe(200);
    expect(await similarOnA(latest, outsider.token)).toEqual([first]);
    expect(await similarOnA(latest)).toEqual([first, twin]);
  });
});
