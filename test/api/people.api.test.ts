import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/shared/actor.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { addPerson, type Person } from '../support/people.js';
import { STORE_KINDS } from '../support/stores.js';

/** The people directory: names for the user ids records keep, for anyone signed in, and nothing more. */
describe.each(STORE_KINDS)('GET /api/v1/people on %s', (kind) => {
  let t: TestServer;
  let vera: Person;

  beforeAll(async () => {
    t = await startTestServer(kind);
    vera = await addPerson(t, 'vera', 'viewer');
    await t.server.services.users.create(systemActor, {
      username: 'rosa',
      role: 'responder',
      display_name: 'Rosa Responder',
      email: 'rosa@example.com',
      teams: ['payments'],
    });
  });
  afterAll(() => t.close());

  it('gives a viewer every user’s id, username and display name, without email, role or teams', async () => {
    const people = await t.call('GET', '/api/v1/people', { token: vera.token });
    expect(people.status).toBe(200);
    const rosa = (people.body as Array<Record<string, unknown>>).find((p) => p.username === 'rosa');
    expect(rosa).toEqual({
      id: expect.any(String),
      username: 'rosa',
      display_name: 'Rosa Responder',
      disabled: false,
    });
    // The id is the one records keep: the admin's user list agrees.
    const users = (await t.call('GET', '/api/v1/users')).body as Array<{ id: string; username: string }>;
    expect(users.find((u) => u.username === 'rosa')?.id).toBe(rosa?.id);
    expect(JSON.stringify(people.body)).not.toContain('rosa@example.com');
    expect(JSON.stringify(people.body)).not.toContain('payments');
  });

  it('is refused without a token', async () => {
    expect((await t.call('GET', '/api/v1/people', { token: null })).status).toBe(401);
  });
});
