import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIncidentInput } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { addPerson, type Person } from '../support/people.js';
import { STORE_KINDS } from '../support/stores.js';

const at = (day: string) => ({
  impact_started: `2024-01-${day}T08:00:00Z`,
  detected: `2024-01-${day}T08:30:00Z`,
  declared: `2024-01-${day}T08:40:00Z`,
});

describe.each(STORE_KINDS)('similar incidents and recurrence links over HTTP on %s', (kind) => {
  let t: TestServer;
  let outsider: Person;
  let reviewer: Person;
  let responder: Person;
  const ids: Record<string, string> = {};

  const create = async (name: string, overrides: Parameters<typeof buildIncidentInput>[0]) => {
    const response = await t.call('POST', '/api/v1/incidents', { body: buildIncidentInput(overrides) });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    ids[name] = response.body.id as string;
  };

  beforeAll(async () => {
    t = await startTestServer(kind);
    outsider = await addPerson(t, 'olga', 'viewer', ['platform']);
    reviewer = await addPerson(t, 'rita', 'reviewer', ['platform']);
    responder = await addPerson(t, 'ron', 'responder', ['platform']);
    const disk = {
      category: 'Capacity',
      attack_vector: null,
      affected_services: ['kafka'],
      team: 'platform',
    };
    await create('first', {
      ...disk,
      title: 'Kafka broker disk full, producers rejected',
      description: 'Log retention misconfigured; the broker disk filled and producers got errors.',
      timestamps: at('02'),
    });
    await create('secret', {
      ...disk,
      title: 'Kafka broker disk full after quokka-topic flood',
      description: 'The quokka-topic retention was disabled; broker disk filled, producers rejected.',
      team: 'secops',
      restricted: true,
      timestamps: at('04'),
    });
    await create('unrelated', {
      title: 'TLS certificate expired on the public API',
      description: 'The certificate was not renewed and clients failed the handshake.',
      category: 'Availability',
      attack_vector: null,
      affected_services: ['edge'],
      team: 'platform',
      timestamps: at('06'),
    });
    await create('latest', {
      ...disk,
      title: 'Kafka broker disk full again',
      description: 'Retention on a new topic was unlimited; the broker disk filled and producers failed.',
      timestamps: at('10'),
    });
    await t.call('PUT', `/api/v1/incidents/${ids.first}/review`, {
      body: {
        participants: ['sre'],
        lessons: [{ lesson: 'Alert on broker disk at 70%', priority: 'High' }],
      },
    });
  });
  afterAll(() => t.close());

  it('returns earlier similar incidents with scores, why, signature matches and lessons', async () => {
    const response = await t.call('GET', `/api/v1/incidents/${ids.latest}/similar?k=3`);
    expect(response.status).toBe(200);
    const similar = response.body.similar as Array<Record<string, any>>;
    expect(similar.map((s) => s.incident_id)).toEqual([ids.first, ids.secret]);
    const first = similar[0]!;
    expect(first).toMatchObject({
      title: 'Kafka broker disk full, producers rejected',
      same_signature: true,
      recurrence: null,
      lessons: [{ lesson: 'Alert on broker disk at 70%', priority: 'High', source: 'review' }],
    });
    expect(first.explanation.shared_services).toEqual(['kafka']);
    expect(first.explanation.shared_terms).toEqual(expect.arrayContaining(['kafka', 'broker', 'disk']));
    expect(first.score).toBeGreaterThan(0.3);
    expect(response.body.same_signature.map((m: { incident_id: string }) => m.incident_id)).toEqual([
      ids.secret,
      ids.first,
    ]);
  });

  it('never shows a restricted incident in a non-member’s results', async () => {
    const response = await t.call('GET', `/api/v1/incidents/${ids.latest}/similar`, {
      token: outsider.token,
    });
    expect(response.status).toBe(200);
    expect(response.body.similar.map((s: { incident_id: string }) => s.incident_id)).toEqual([ids.first]);
    expect(response.body.same_signature.map((m: { incident_id: string }) => m.incident_id)).toEqual([
      ids.first,
    ]);
    const text = JSON.stringify(response.body);
    expect(text).not.toContain(ids.secret);
    expect(text).not.toContain('quokka');
  });

  it('lets a reviewer confirm or reject a recurrence, audited, and confirmed links feed the repeat rate', async () => {
    const repeatRate = async () =>
      ((await t.call('GET', '/api/v1/kpis')).body.kpis as Array<{ id: string; value: number }>).find(
        (k) => k.id === 'repeat_incident_rate',
      );
    expect(await repeatRate()).toMatchObject({ value: 50, n: 4 });
    const refused = await t.call('POST', `/api/v1/incidents/${ids.unrelated}/recurrences`, {
      token: responder.token,
      body: { of: ids.first, decision: 'confirm' },
    });
    expect(refused.status).toBe(403);
    const confirmed = await t.call('POST', `/api/v1/incidents/${ids.unrelated}/recurrences`, {
      token: reviewer.token,
      body: { of: ids.first, decision: 'confirm' },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({
      incident_id: ids.unrelated,
      recurs_incident_id: ids.first,
      decision: 'confirmed',
      decided_at: '2024-01-16T10:00:00.000Z',
    });
    expect(await repeatRate()).toMatchObject({ value: 75, n: 4 });
    const rejected = await t.call('POST', `/api/v1/incidents/${ids.latest}/recurrences`, {
      token: reviewer.token,
      body: { of: ids.first, decision: 'reject' },
    });
    expect(rejected.body.decision).toBe('rejected');
    // latest still shares a signature with the restricted incident, which nobody rejected.
    expect(await repeatRate()).toMatchObject({ value: 75, n: 4 });
    const view = await t.call('GET', `/api/v1/incidents/${ids.latest}/similar`, { token: reviewer.token });
    expect(view.body.similar[0]).toMatchObject({ incident_id: ids.first, recurrence: 'rejected' });
    const audit = await t.call('GET', `/api/v1/audit/incident/${ids.unrelated}`);
    expect(JSON.stringify(audit.body)).toContain('recurrence_confirm');
  });

  it('refuses impossible links naming the field', async () => {
    const later = await t.call('POST', `/api/v1/incidents/${ids.first}/recurrences`, {
      body: { of: ids.latest, decision: 'confirm' },
    });
    expect(later.status).toBe(400);
    expect(later.body.error).toMatchObject({ code: 'recurrence_not_earlier', details: [{ path: 'of' }] });
    const self = await t.call('POST', `/api/v1/incidents/${ids.first}/recurrences`, {
      body: { of: ids.first, decision: 'confirm' },
    });
    expect(self.body.error.code).toBe('recurrence_self');
    const bad = await t.call('POST', `/api/v1/incidents/${ids.first}/recurrences`, {
      body: { of: 'nope', decision: 'maybe' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['decision', 'of']);
    const hidden = await t.call('POST', `/api/v1/incidents/${ids.latest}/recurrences`, {
      token: reviewer.token,
      body: { of: ids.secret, decision: 'confirm' },
    });
    expect(hidden.status).toBe(404);
    const missing = await t.call('GET', '/api/v1/incidents/INC-1999-9999/similar');
    expect(missing.status).toBe(404);
  });
});
