import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackTokens } from '../../src/storage/repositories/feedback.tokens.js';
import { buildIncidentInput } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { addPerson, type Person } from '../support/people.js';
import { STORE_KINDS } from '../support/stores.js';

interface Row {
  participant: string;
  requested_at: string | null;
  responded: boolean;
}

const ANSWER = { response_rating: 7, improvement_rating: 5, went_well: 'Quick rollback' };

/**
 * Anonymous feedback must not point at its author: in the feedback status someone who answered anonymously
 * looks exactly like someone who has not answered, while the single-use link is still used up.
 */
describe.each(STORE_KINDS)('anonymous feedback privacy on %s', (kind) => {
  let t: TestServer;
  let id: string;
  const links: Record<string, string> = {};
  const people: Record<string, Person> = {};

  const ask = async (participant: string, at: string) => {
    const { token, hash } = feedbackTokens.issue();
    links[participant] = token;
    return t.server.store.stores.feedback.insertRequest({
      token_hash: hash,
      incident_id: id,
      participant,
      requested_at: at,
      deadline: '2024-01-25T10:00:00.000Z',
      responded: false,
      invited: true,
    });
  };
  const status = async (): Promise<{ participants: Row[]; summary: Record<string, unknown> }> =>
    (await t.call('GET', `/api/v1/incidents/${id}/review/feedback`)).body;
  const rowOf = (rows: Row[], who: string) => rows.find((r) => r.participant === who);
  /** A row with the name taken out, to compare two people's rows. */
  const unnamed = (row: Row | undefined) => ({ ...row, participant: '—' });

  beforeAll(async () => {
    t = await startTestServer(kind);
    for (const name of ['alice', 'bob', 'carol', 'dave', 'erin']) {
      people[name] = await addPerson(t, name, 'responder');
    }
    id = (await t.call('POST', '/api/v1/incidents', { body: buildIncidentInput() })).body.id as string;
    // As the review workflow asks (the workflow test covers the sending): same moment for all three.
    for (const name of ['alice', 'bob', 'carol'])
      expect(await ask(name, '2024-01-22T10:00:00.000Z')).toBe(true);
  });
  afterAll(() => t.close());

  it('shows an anonymous answer through a link as no answer, and still uses the link up', async () => {
    const alice = await t.call('POST', `/api/v1/feedback/${links.alice}`, {
      token: null,
      body: { ...ANSWER, anonymous: true },
    });
    expect(alice.status).toBe(201);
    const bob = await t.call('POST', `/api/v1/feedback/${links.bob}`, { token: null, body: ANSWER });
    expect(bob.status).toBe(201);
    const { participants, summary } = await status();
    expect(rowOf(participants, 'bob')?.responded).toBe(true);
    expect(unnamed(rowOf(participants, 'alice'))).toEqual(unnamed(rowOf(participants, 'carol')));
    expect(rowOf(participants, 'alice')).toEqual({
      participant: 'alice',
      requested_at: '2024-01-22T10:00:00.000Z',
      responded: false,
    });
    expect(summary).toMatchObject({ requested: 3, responses: 2, anonymous: 1 });
    // The link is single-use all the same.
    const again = await t.call('POST', `/api/v1/feedback/${links.alice}`, { token: null, body: ANSWER });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'feedback_already_given' } } });
    expect((await t.call('GET', `/api/v1/feedback/${links.alice}`, { token: null })).body.submitted).toBe(
      true,
    );
  });

  it('does the same signed in, asked or not, and refuses a second answer', async () => {
    const before = (await status()).participants;
    const carol = await t.call('POST', `/api/v1/incidents/${id}/feedback`, {
      token: people.carol?.token ?? '',
      body: { ...ANSWER, anonymous: true },
    });
    expect(carol.status).toBe(201);
    // dave was never asked: answering anonymously leaves no row of his in the status.
    const dave = await t.call('POST', `/api/v1/incidents/${id}/feedback`, {
      token: people.dave?.token ?? '',
      body: { ...ANSWER, anonymous: true },
    });
    expect(dave.status).toBe(201);
    expect((await status()).participants).toEqual(before);
    for (const who of ['carol', 'dave']) {
      const twice = await t.call('POST', `/api/v1/incidents/${id}/feedback`, {
        token: people[who]?.token ?? '',
        body: ANSWER,
      });
      expect(twice.status, who).toBe(409);
    }
    // erin, not asked, answers by name: she is listed as having answered, never as asked.
    await t.call('POST', `/api/v1/incidents/${id}/feedback`, {
      token: people.erin?.token ?? '',
      body: ANSWER,
    });
    const after = await status();
    expect(rowOf(after.participants, 'erin')).toEqual({
      participant: 'erin',
      requested_at: null,
      responded: true,
    });
    expect(after.participants.map((r) => r.participant)).toEqual(['alice', 'bob', 'carol', 'erin']);
    expect(after.summary).toMatchObject({ responses: 5, anonymous: 3 });
    const summary = await t.call('GET', `/api/v1/incidents/${id}/feedback/summary`);
    expect(JSON.stringify(summary.body)).not.toMatch(/alice|bob|carol|dave|erin/);
  });

  it('lists someone asked after answering anonymously like anyone asked who has not answered', async () => {
    // The workflow asks dave later (he joined the incident): his row becomes an invitation, still answered.
    expect(await ask('dave', '2024-01-23T10:00:00.000Z')).toBe(true);
    const { participants } = await status();
    expect(rowOf(participants, 'dave')).toEqual({
      participant: 'dave',
      requested_at: '2024-01-23T10:00:00.000Z',
      responded: false,
    });
    const used = await t.call('POST', `/api/v1/feedback/${links.dave}`, { token: null, body: ANSWER });
    expect(used.status).toBe(409);
    // Asking twice is still refused: only an unasked row is taken over.
    expect(await ask('dave', '2024-01-24T10:00:00.000Z')).toBe(false);
  });
});
