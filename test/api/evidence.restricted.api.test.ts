import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIncidentInput } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { addPerson, type Person } from '../support/people.js';
import { expectNoTraceOf, type RestrictedTraces } from '../support/restricted.js';
import { STORE_KINDS } from '../support/stores.js';

describe.each(STORE_KINDS)('evidence of a restricted incident on %s', (kind) => {
  let t: TestServer;
  let outsider: Person;
  let member: Person;
  let restricted: RestrictedTraces;
  let evidenceId: string;

  beforeAll(async () => {
    t = await startTestServer(kind);
    outsider = await addPerson(t, 'olga', 'responder', ['platform']);
    member = await addPerson(t, 'mia', 'responder', ['platform']);
    const created = await t.call('POST', '/api/v1/incidents', {
      body: buildIncidentInput({ title: 'Exfiltration via zebra-key', team: 'secops', restricted: true }),
    });
    const id = created.body.id as string;
    restricted = { id, markers: ['zebra-key', 'quokka-bucket', 'wombat-user'] };
    await t.call('POST', `/api/v1/incidents/${id}/members`, { body: { username: 'mia' } });
    const imported = await t.call('POST', `/api/v1/incidents/${id}/evidence`, {
      body: {
        source: 'cloudtrail',
        file_name: 'quokka-bucket-trail.json',
        records: [
          {
            eventID: 'zebra-key-event',
            eventTime: '2024-01-15T08:30:00Z',
            eventSource: 'cloudtrail.amazonaws.com',
            eventName: 'StopLogging',
            userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::1:user/wombat-user' },
            requestParameters: { name: 'quokka-bucket' },
          },
        ],
      },
    });
    expect(imported.status).toBe(200);
    const listed = await t.call('GET', `/api/v1/incidents/${id}/evidence`);
    evidenceId = listed.body.items[0].id as string;
    await t.call('PUT', `/api/v1/incidents/${id}/evidence/${evidenceId}/pin`, {
      body: { note: 'zebra-key' },
    });
  });
  afterAll(() => t.close());

  const readPaths = () => [
    `/api/v1/incidents/${restricted.id}/evidence`,
    `/api/v1/incidents/${restricted.id}/evidence?pinned=true&text=zebra`,
    `/api/v1/incidents/${restricted.id}/evidence/milestones`,
    `/api/v1/audit/evidence/${restricted.id}`,
  ];

  it('shows a non-member nothing of its evidence on any read path', async () => {
    const nowhere = 'INC-1999-9999';
    for (const path of readPaths()) {
      const response = await t.call('GET', path, { token: outsider.token });
      expect(response.status, path).toBe(404);
      const missing = await t.call('GET', path.replace(restricted.id, nowhere), { token: outsider.token });
      expectNoTraceOf(restricted, response, path, { ...missing, id: nowhere });
    }
  });

  it('refuses a non-member every evidence write as if the incident did not exist', async () => {
    const base = `/api/v1/incidents/${restricted.id}/evidence`;
    const writes: Array<[string, string, unknown]> = [
      ['POST', base, { source: 'guardduty', records: [{}] }],
      ['PUT', `${base}/${evidenceId}/pin`, {}],
      ['DELETE', `${base}/${evidenceId}/pin`, undefined],
      ['POST', `${base}/milestones/first_indicator/accept`, undefined],
    ];
    for (const [method, path, body] of writes) {
      const response = await t.call(method, path, { token: outsider.token, ...(body ? { body } : {}) });
      expect(response.status, `${method} ${path}`).toBe(404);
      expectNoTraceOf(restricted, { status: response.status, body: response.body }, `${method} ${path}`, {
        ...(await t.call(method, path.replace(restricted.id, 'INC-1999-9999'), {
          token: outsider.token,
          ...(body ? { body } : {}),
        })),
        id: 'INC-1999-9999',
      });
    }
    const pinned = await t.call('GET', `${base}?pinned=true`);
    expect(pinned.body.items).toHaveLength(1);
  });

  it('shows it to a member', async () => {
    const response = await t.call('GET', `/api/v1/incidents/${restricted.id}/evidence`, {
      token: member.token,
    });
    expect(response.body.items.map((i: { source_id: string }) => i.source_id)).toEqual(['zebra-key-event']);
    const milestones = await t.call('GET', `/api/v1/incidents/${restricted.id}/evidence/milestones`, {
      token: member.token,
    });
    expect(milestones.body.first_indicator.evidence[0].source_id).toBe('zebra-key-event');
  });
});
