import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/shared/actor.js';
import { buildIncidentInput } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { STORE_KINDS } from '../support/stores.js';

const PASSWORD = 'correct horse battery staple';

describe.each(STORE_KINDS)('sessions, CSRF and secrets on %s', (kind) => {
  let t: TestServer;
  const logs: string[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logs.push(chunk.toString());
        done();
      },
    });
    t = await startTestServer(kind, { logDestination: sink });
    await t.server.services.users.create(systemActor, {
      username: 'pat',
      role: 'responder',
      password: PASSWORD,
    });
  });
  afterAll(() => t.close());

  async function signIn(password = PASSWORD) {
    const response = await fetch(`${t.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'pat', password }),
    });
    return { response, body: (await response.json()) as any };
  }

  it('signs in with an HttpOnly, SameSite=Strict cookie and requires the CSRF token on writes', async () => {
    const { response, body } = await signIn();
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/hindsight_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(body.user).toMatchObject({ username: 'pat', role: 'responder' });
    const session = cookie.split(';')[0] ?? '';
    const csrf = body.csrf_token as string;

    const who = await t.call('GET', '/api/v1/session', { token: null, headers: { cookie: session } });
    expect(who.body).toMatchObject({ user: { username: 'pat' }, csrf_token: csrf });
    const read = await t.call('GET', '/api/v1/incidents', { token: null, headers: { cookie: session } });
    expect(read.status).toBe(200);
    const noCsrf = await t.call('POST', '/api/v1/incidents', {
      token: null,
      headers: { cookie: session },
      body: buildIncidentInput(),
    });
    expect(noCsrf).toMatchObject({ status: 403, body: { error: { code: 'csrf_token_invalid' } } });
    const withCsrf = await t.call('POST', '/api/v1/incidents', {
      token: null,
      headers: { cookie: session, 'x-csrf-token': csrf },
      body: buildIncidentInput(),
    });
    expect(withCsrf.status).toBe(201);

    const out = await t.call('DELETE', '/api/v1/session', {
      token: null,
      headers: { cookie: session, 'x-csrf-token': csrf },
    });
    expect(out.status).toBe(204);
    expect(
      (await t.call('GET', '/api/v1/incidents', { token: null, headers: { cookie: session } })).status,
    ).toBe(401);
  });

  it('limits failed sign-ins', async () => {
    for (let i = 0; i < 5; i += 1) expect((await signIn('wrong password!')).response.status).toBe(401);
    const limited = await signIn();
    expect(limited.response.status).toBe(429);
    expect(limited.body.error.code).toBe('too_many_sign_in_attempts');
  });

  it('never shows passwords or tokens in logs, errors or responses, and stores only hashes', async () => {
    const issued = await t.call('POST', '/api/v1/users/admin/tokens', { body: { name: 'ci' } });
    const token = issued.body.token as string;
    expect((await t.call('GET', '/api/v1/incidents', { token })).status).toBe(200);
    const listed = await t.call('GET', '/api/v1/users/admin/tokens');
    expect(JSON.stringify(listed.body)).not.toContain(token);
    const users = await t.call('GET', '/api/v1/users');
    expect(JSON.stringify(users.body)).not.toMatch(/password|scrypt/);
    const bad = await t.call('POST', '/api/v1/users', {
      body: { username: 'x', role: 'viewer', password: 'short' },
    });
    expect(JSON.stringify(bad.body)).not.toContain('short"');

    const all = logs.join('');
    expect(all.length).toBeGreaterThan(0);
    for (const secret of [PASSWORD, token, t.token]) expect(all).not.toContain(secret);
    const rows = await t.server.store.db
      .selectFrom('users')
      .select('password_hash')
      .where('username', '=', 'pat')
      .executeTakeFirstOrThrow();
    expect(rows.password_hash).toMatch(/^scrypt\$/);
    const tokens = await t.server.store.db.selectFrom('api_tokens').select('token_hash').execute();
    expect(tokens.map((r) => r.token_hash)).not.toContain(token);
    const audit = await t.server.store.db.selectFrom('audit_log').select('changes').execute();
    expect(JSON.stringify(audit)).not.toContain(PASSWORD);
    expect(JSON.stringify(audit)).not.toContain(token);

    const revoked = await t.call('DELETE', `/api/v1/users/admin/tokens/${issued.body.token_id}`);
    expect(revoked.status).toBe(204);
    expect((await t.call('GET', '/api/v1/incidents', { token })).status).toBe(401);
  });
});
