import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIncidentInput } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { addPerson, type Person } from '../support/people.js';
import { STORE_KINDS } from '../support/stores.js';

describe.each(STORE_KINDS)('review recommendations API on %s', (kind) => {
  let t: TestServer;
  let outsider: Person;
  const ids: Record<'current' | 'past' | 'secret' | 'unrelated', string> = {
    current: '',
    past: '',
    secret: '',
    unrelated: '',
  };
  const writeReview = async (id: string, factors: object[], lessons: string[]) => {
    const put = await t.call('PUT', `/api/v1/incidents/${id}/review`, {
      body: {
        contributing_factors: factors,
        lessons: lessons.map((lesson) => ({ lesson, priority: 'High' })),
      },
    });
    expect(put.status).toBe(201);
  };

  beforeAll(async () => {
    t = await startTestServer(kind);
    outsider = await addPerson(t, 'olga', 'viewer', ['platform']);
    for (const key of Object.keys(ids) as Array<keyof typeof ids>) {
      const restricted = key === 'secret';
      const created = await t.call('POST', '/api/v1/incidents', {
        body: buildIncidentInput(restricted ? { restricted: true, team: 'secops' } : { team: 'platform' }),
      });
      ids[key] = created.body.id as string;
    }
    await writeReview(
      ids.past,
      [{ category: 'technical', description: 'TLS certificate expired on the load balancer' }],
      ['Automate certificate renewal'],
    );
    await writeReview(
      ids.secret,
      [{ category: 'technical', description: 'TLS certificate expired on the VPN gateway' }],
      ['Track the wombat certificate inventory'],
    );
    await writeReview(
      ids.unrelated,
      [{ category: 'human', description: 'Certificate expiry alert went to a shared inbox' }],
      ['Route alerts to on-call'],
    );
    await writeReview(
      ids.current,
      [
        { id: 'f1', category: 'technical', description: 'TLS certificate expired on the API gateway' },
        { category: 'organizational', description: 'Nobody owned the renewal calendar' },
      ],
      [],
    );
  });
  afterAll(() => t.close());

  it('suggests rule actions and lessons of past incidents with similar factors, linked to them', async () => {
    const response = await t.call('GET', `/api/v1/incidents/${ids.current}/review/recommendations`);
    expect(response.status).toBe(200);
    const [tls, ownership] = response.body.factors;
    expect(tls).toMatchObject({ factor_id: 'f1', category: 'technical' });
    expect(tls.recommendations[0]).toMatchObject({ source: 'rule', rule_id: 'technical.certificate_expiry' });
    const past = tls.recommendations.filter((r: { source: string }) => r.source === 'past_lesson');
    // Stemmed terms {tls, certificate, expir, api, gateway}: 4 of 6 shared with the VPN review, 3 of 7 with the
    // load-balancer review, so 0.3 + 0.7 × 4/6 ≈ 0.767 and 0.3 + 0.7 × 3/7 = 0.6.
    expect(
      past.map((r: { title: string; incident_id: string; similarity: number }) => [
        r.title,
        r.incident_id,
        r.similarity,
      ]),
    ).toEqual([
      ['Track the wombat certificate inventory', ids.secret, 0.767],
      ['Automate certificate renewal', ids.past, 0.6],
    ]);
    expect(ownership).toMatchObject({ factor_id: 'contributing_factors[1]', category: 'organizational' });
    expect(ownership.recommendations.some((r: { source: string }) => r.source === 'past_lesson')).toBe(false);
    expect(JSON.stringify(response.body)).not.toContain('Route alerts to on-call');
  });

  it('never draws on reviews of incidents the caller may not see', async () => {
    const response = await t.call('GET', `/api/v1/incidents/${ids.current}/review/recommendations`, {
      token: outsider.token,
    });
    const text = JSON.stringify(response.body);
    expect(text).toContain('Automate certificate renewal');
    expect(text).not.toContain('wombat');
    expect(text).not.toContain(ids.secret);
  });
});
