import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIncidentInput } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { STORE_KINDS } from '../support/stores.js';

describe.each(STORE_KINDS)('incidents API on %s', (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(kind, { bodyLimit: 64 * 1024 });
  });
  afterAll(() => t.close());

  const count = async () => (await t.call('GET', '/api/v1/incidents?limit=1')).body.total as number;

  it('serves /healthz and the OpenAPI document without credentials', async () => {
    expect(await t.call('GET', '/healthz', { token: null })).toMatchObject({
      status: 200,
      body: { status: 'ok', store: kind },
    });
    const openapi = await t.call('GET', '/api/openapi.json', { token: null });
    expect(openapi.body.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/incidents',
        '/api/v1/incidents/{id}',
        '/api/v1/incidents/{id}/review',
        '/api/v1/lessons',
        '/api/v1/lessons/{id}',
      ]),
    );
  });

  it('refuses calls without a valid token', async () => {
    expect(await t.call('GET', '/api/v1/incidents', { token: null })).toMatchObject({
      status: 401,
      body: { error: { code: 'unauthenticated' } },
    });
    expect((await t.call('GET', '/api/v1/incidents', { token: 'hs_' + 'A'.repeat(43) })).status).toBe(401);
    expect((await t.call('GET', '/api/v1/incidents', { token: 'nonsense' })).status).toBe(401);
  });

  it('creates, reads, lists and edits an incident with ETags', async () => {
    const created = await t.call('POST', '/api/v1/incidents', {
      body: buildIncidentInput({ title: 'API round trip' }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    const id = created.body.id as string;
    expect(created.headers.get('location')).toBe(`/api/v1/incidents/${id}`);
    expect((await t.call('GET', `/api/v1/incidents/${id}`)).body).toEqual(created.body);
    const listed = await t.call('GET', '/api/v1/incidents?q=round%20trip');
    expect(listed.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
    const anyOrder = await t.call('GET', '/api/v1/incidents?q=trip%20API');
    expect(anyOrder.body.items.map((i: { id: string }) => i.id)).toEqual([id]);

    const patched = await t.call('PATCH', `/api/v1/incidents/${id}`, {
      body: { severity: 'Critical' },
      headers: { 'if-match': '"1"' },
    });
    expect(patched).toMatchObject({ status: 200, body: { severity: 'Critical', version: 2 } });
    expect(patched.headers.get('etag')).toBe('"2"');
    const stale = await t.call('PATCH', `/api/v1/incidents/${id}`, {
      body: { severity: 'Low' },
      headers: { 'if-match': '"1"' },
    });
    expect(stale).toMatchObject({ status: 409, body: { error: { code: 'version_conflict' } } });
    expect((await t.call('GET', `/api/v1/incidents/${id}`)).body.severity).toBe('Critical');
    expect((await t.call('GET', '/api/v1/incidents/INC-2024-9999')).status).toBe(404);
  });

  it('records a past incident written up later: declared stays unknown rather than now', async () => {
    const created = await t.call('POST', '/api/v1/incidents', {
      body: buildIncidentInput({
        id: 'INC-2023-017',
        status: 'resolved',
        timestamps: { detected: '2023-03-01T10:00:00Z', resolved: '2023-03-02T10:00:00Z' },
      }),
    });
    expect(created.status).toBe(201);
    expect(created.body.timestamps).toMatchObject({
      detected: '2023-03-01T10:00:00.000Z',
      resolved: '2023-03-02T10:00:00.000Z',
      declared: null,
    });
    // An action may point at an imported three-digit id, as any other incident reference may.
    const action = await t.call('POST', '/api/v1/actions', {
      body: {
        incident_ids: ['INC-2023-017'],
        title: 'Rotate the leaked key class',
        type: 'corrective',
        category: 'access',
        owner: { kind: 'team', id: 'security' },
        due_date: '2023-04-01',
        priority: 'High',
        risk_reduction: 4,
        feasibility: 4,
        success_criteria: 'No long-lived keys left',
      },
    });
    expect(action.status, JSON.stringify(action.body)).toBe(201);
    expect(action.body.incident_ids).toEqual(['INC-2023-017']);
  });

  it('rejects bad input naming each field and writes nothing', async () => {
    const before = await count();
    const wrongTypes = await t.call('POST', '/api/v1/incidents', {
      body: { title: 42, severity: 'Huge', affected_services: 'api', surprise: 1 },
    });
    expect(wrongTypes.status).toBe(400);
    expect(wrongTypes.body.error.code).toBe('validation_failed');
    expect(wrongTypes.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'affected_services',
      'severity',
      'surprise',
      'title',
    ]);

    const missing = await t.call('POST', '/api/v1/incidents', { body: {} });
    expect(missing.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'severity',
      'title',
    ]);

    const order = await t.call('POST', '/api/v1/incidents', {
      body: buildIncidentInput({
        timestamps: { detected: '2024-01-15T10:00:00Z', contained: '2024-01-15T09:00:00Z' },
      }),
    });
    expect(order).toMatchObject({ status: 400, body: { error: { code: 'timestamps_out_of_order' } } });
    expect(order.body.error.message).toMatch(/contained/);
    expect(order.body.error.message).toMatch(/detected/);

    const badTime = await t.call('POST', '/api/v1/incidents', {
      body: buildIncidentInput({ timestamps: { detected: 'yesterday' } }),
    });
    expect(badTime.body.error.details).toEqual([expect.objectContaining({ path: 'timestamps.detected' })]);

    const malformed = await t.call('POST', '/api/v1/incidents', { raw: '{"title": "x",' });
    expect(malformed).toMatchObject({ status: 400, body: { error: { code: 'invalid_json' } } });

    const huge = await t.call('POST', '/api/v1/incidents', {
      body: buildIncidentInput({ description: 'x'.repeat(70 * 1024) }),
    });
    expect(huge).toMatchObject({ status: 413, body: { error: { code: 'body_too_large' } } });

    const tooLong = await t.call('POST', '/api/v1/incidents', {
      body: buildIncidentInput({ title: 'x'.repeat(201) }),
    });
    expect(tooLong.body.error.details).toEqual([
      { path: 'title', problem: 'must be at most 200 characters' },
    ]);

    const badPatch = await t.call('PATCH', '/api/v1/incidents/INC-2024-0001', {
      body: { status: 'exploded' },
    });
    expect(badPatch.status).toBe(400);
    expect(await count()).toBe(before);
  });

  it('gives 200 distinct ids to 200 concurrent creations from 20 clients', async () => {
    const perClient = 10;
    const results = await Promise.all(
      Array.from({ length: 20 }, async (_, client) => {
        const ids: string[] = [];
        for (let i = 0; i < perClient; i += 1) {
          const r = await t.call('POST', '/api/v1/incidents', {
            body: buildIncidentInput({ title: `concurrent ${client}-${i}` }),
          });
          expect(r.status).toBe(201);
          ids.push(r.body.id as string);
        }
        return ids;
      }),
    );
    const ids = results.flat();
    expect(ids).toHaveLength(200);
    expect(new Set(ids).size).toBe(200);
  });
});
