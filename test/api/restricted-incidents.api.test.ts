import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIncidentInput } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { addPerson, type Person } from '../support/people.js';
import { expectNoTraceOf, type RestrictedTraces } from '../support/restricted.js';
import { STORE_KINDS } from '../support/stores.js';

describe.each(STORE_KINDS)('restricted incidents on %s', (kind) => {
  let t: TestServer;
  let outsider: Person;
  let member: Person;
  let teammate: Person;
  let reviewer: Person;
  let restricted: RestrictedTraces;
  let neighbour: string;
  let restrictedAction: string;

  beforeAll(async () => {
    t = await startTestServer(kind);
    outsider = await addPerson(t, 'olga', 'responder', ['platform']);
    member = await addPerson(t, 'mia', 'viewer', ['platform']);
    teammate = await addPerson(t, 'sam', 'responder', ['secops']);
    reviewer = await addPerson(t, 'rita', 'reviewer', ['secops']);
    const created = await t.call('POST', '/api/v1/incidents', {
      body: buildIncidentInput({
        title: 'Exfiltration via zebra-key',
        description: 'attack path through quokka-bucket',
        team: 'secops',
        restricted: true,
      }),
    });
    const id = created.body.id as string;
    restricted = { id, markers: ['zebra-key', 'quokka-bucket', 'wombat-lesson'] };
    await t.call('PUT', `/api/v1/incidents/${id}/review`, {
      body: {
        participants: ['sam'],
        lessons: [{ lesson: 'rotate the wombat-lesson keys', priority: 'High' }],
        contributing_factors: [{ category: 'technical', description: 'long-lived access key zebra-key' }],
      },
    });
    await t.call('PUT', `/api/v1/incidents/${id}/review/analyses/five_whys`, {
      body: { problem: 'zebra-key used', whys: [{ id: 'w1', answer: 'quokka-bucket was public' }] },
    });
    neighbour = (await t.call('POST', '/api/v1/incidents', { body: buildIncidentInput() })).body.id as string;
    await t.call('PUT', `/api/v1/incidents/${neighbour}/review`, {
      body: { contributing_factors: [{ category: 'technical', description: 'long-lived access key' }] },
    });
    await t.server.services.lessons.import(
      { id: 'cli', name: 'cli', role: 'admin', teamIds: [], via: 'cli' },
      {
        lessons_learned_database: {
          incident_id: id,
          date: '2024-01-15',
          title: 'Exfiltration via zebra-key',
          severity: 'High',
          category: 'Access Control',
          summary: { description: 'quokka-bucket', impact: '', duration: '' },
          root_causes: [],
          lessons_learned: [],
          preventive_measures: [],
          metrics: {
            detection_time: '',
            response_time: '',
            containment_time: '',
            recovery_time: '',
            business_impact: '',
          },
        },
      },
    );
    await t.call('POST', `/api/v1/incidents/${id}/members`, { body: { username: 'mia' } });
    const action = await t.call('POST', '/api/v1/actions', {
      body: {
        incident_ids: [id],
        title: 'Rotate the zebra-key',
        description: 'and close quokka-bucket',
        type: 'corrective',
        category: 'wombat-lesson',
        owner: { kind: 'team', id: 'secops' },
        due_date: '2024-01-01',
        priority: 'High',
        risk_reduction: 5,
        feasibility: 4,
        success_criteria: 'zebra-key revoked',
      },
    });
    restrictedAction = action.body.id as string;
    // The report the review workflow stores at publication (as the workflow job would), carrying the markers.
    await t.server.store.stores.workflows.putReport({
      incident_id: id,
      review_version: 1,
      markdown: '# Exfiltration via zebra-key\n\nquokka-bucket, wombat-lesson\n',
      html: '<h1>Exfiltration via zebra-key</h1><p>quokka-bucket</p>',
      feedback_summary: {},
      generated_at: '2024-01-20T10:00:00.000Z',
    });
  });
  afterAll(() => t.close());

  const readPaths = () => [
    '/api/v1/incidents',
    '/api/v1/incidents?q=zebra',
    `/api/v1/incidents/${restricted.id}`,
    `/api/v1/incidents/${restricted.id}/review`,
    `/api/v1/incidents/${restricted.id}/members`,
    `/api/v1/incidents/${restricted.id}/redacted-lesson`,
    '/api/v1/lessons',
    '/api/v1/lessons?q=quokka',
    '/api/v1/lessons?sort=priority',
    `/api/v1/lessons/${restricted.id}`,
    '/api/v1/redacted-lessons',
    `/api/v1/audit/incident/${restricted.id}`,
    `/api/v1/audit/review/${restricted.id}`,
    `/api/v1/audit/lesson/${restricted.id}`,
    `/api/v1/incidents/${restricted.id}/review/lint`,
    `/api/v1/incidents/${restricted.id}/review/recommendations`,
    `/api/v1/incidents/${neighbour}/review/recommendations`,
    `/api/v1/incidents/${restricted.id}/review/analyses/five_whys`,
    `/api/v1/incidents/${restricted.id}/review/analyses/five_whys.svg`,
    `/api/v1/incidents/${restricted.id}/timeline-analysis`,
    `/api/v1/incidents/${restricted.id}/review/report`,
    `/api/v1/incidents/${restricted.id}/review/report/published`,
    `/api/v1/incidents/${restricted.id}/review/report/published?format=html`,
    `/api/v1/audit/analysis/${restricted.id}`,
    `/api/v1/audit/redacted_lesson/${restricted.id}`,
    `/api/v1/audit/action/${restrictedAction}`,
    // Naming a visible incident must not open the history of an action of the restricted one.
    `/api/v1/audit/action/${restrictedAction}?incident=${neighbour}`,
    `/api/v1/incidents/${restricted.id}/similar`,
    '/api/v1/kpis',
    '/api/v1/trends',
    '/api/v1/actions',
    `/api/v1/actions?incident=${restricted.id}`,
    `/api/v1/actions/${restrictedAction}`,
    '/api/v1/actions/report',
    '/api/v1/actions/report?service=billing-api',
    '/api/v1/actions/burn-down?from=2024-01-01T00:00:00Z&to=2024-01-16T10:00:00Z&service=billing-api',
    `/api/v1/incidents/${restricted.id}/feedback/summary`,
    `/api/v1/incidents/${restricted.id}/review/feedback`,
    // Evidence of it (evidence.restricted.api.test.ts also seeds evidence carrying the markers).
    `/api/v1/incidents/${restricted.id}/evidence`,
    `/api/v1/incidents/${restricted.id}/evidence/milestones`,
    `/api/v1/audit/evidence/${restricted.id}`,
  ];

  it('shows a non-member nothing of it on any read path', async () => {
    const nowhere = 'INC-1999-9999';
    for (const path of readPaths()) {
      const response = await t.call('GET', path, { token: outsider.token });
      expect([200, 404], path).toContain(response.status);
      const missing = path.includes(restricted.id)
        ? {
            ...(await t.call('GET', path.replace(restricted.id, nowhere), { token: outsider.token })),
            id: nowhere,
          }
        : undefined;
      expectNoTraceOf(restricted, response, path, missing);
    }
    const exported = await t.server.services.lessons.export({
      id: 'x',
      name: 'x',
      role: 'viewer',
      teamIds: ['platform'],
      via: 'token',
    });
    expectNoTraceOf(restricted, { status: 200, body: exported }, 'lessons export');
  });

  it('counts its actions in the report and burn-down only for those who may see it', async () => {
    // Like the report (and unlike KPIs over incidents): action aggregates cover the actions the caller
    // may see, so a non-member's counts are those of an organisation without the restricted incident.
    const query = 'from=2024-01-15T00:00:00Z&to=2024-01-16T10:00:00Z&points=2';
    const counts = async (token?: string) => {
      const options = token ? { token } : {};
      const report = await t.call('GET', '/api/v1/actions/report', options);
      const burn = await t.call('GET', `/api/v1/actions/burn-down?${query}`, options);
      return { total: report.body.total, overdue: report.body.overdue, last: burn.body.points.at(-1) };
    };
    expect(await counts()).toMatchObject({ total: 1, overdue: 1, last: { open: 1, overdue: 1 } });
    expect(await counts(teammate.token)).toMatchObject({ total: 1, last: { open: 1, overdue: 1 } });
    expect(await counts(outsider.token)).toMatchObject({
      total: 0,
      overdue: 0,
      last: { open: 0, overdue: 0 },
    });
  });

  it('refuses a non-member every write to it', async () => {
    const patch = await t.call('PATCH', `/api/v1/incidents/${restricted.id}`, {
      token: outsider.token,
      body: { title: 'x' },
    });
    expect(patch.status).toBe(404);
    const review = await t.call('PUT', `/api/v1/incidents/${restricted.id}/review`, {
      token: outsider.token,
      body: {},
    });
    expect(review.status).toBe(404);
    const members = await t.call('POST', `/api/v1/incidents/${restricted.id}/members`, {
      token: outsider.token,
      body: { username: 'olga' },
    });
    expect(members.status).toBe(404);
  });

  it('shows it to its team, its members and admins', async () => {
    for (const person of [member, teammate]) {
      const response = await t.call('GET', `/api/v1/incidents/${restricted.id}`, { token: person.token });
      expect(response.body.title).toBe('Exfiltration via zebra-key');
      expect((await t.call('GET', `/api/v1/lessons/${restricted.id}`, { token: person.token })).status).toBe(
        200,
      );
      const published = await fetch(`${t.url}/api/v1/incidents/${restricted.id}/review/report/published`, {
        headers: { authorization: `Bearer ${person.token}` },
      });
      expect(published.status).toBe(200);
      expect(await published.text()).toContain('zebra-key');
    }
    expect((await t.call('GET', `/api/v1/incidents/${restricted.id}/review`)).status).toBe(200);
  });

  it('publishes a redacted lesson everyone can find once another reviewer approves it', async () => {
    const lesson = {
      title: 'Short-lived credentials for data exports',
      summary: 'A leaked long-lived key was used.',
      factor_categories: ['technical'],
      lessons: [{ lesson: 'Use role credentials for exports', priority: 'High' }],
    };
    const submitted = await t.call('PUT', `/api/v1/incidents/${restricted.id}/redacted-lesson`, {
      token: teammate.token,
      body: lesson,
    });
    expect(submitted).toMatchObject({ status: 200, body: { status: 'pending_review' } });
    expect(
      (await t.call('GET', '/api/v1/redacted-lessons?q=role%20credentials', { token: outsider.token })).body
        .total,
    ).toBe(0);
    const self = await t.call('PUT', `/api/v1/incidents/${restricted.id}/redacted-lesson`, {
      token: reviewer.token,
      body: lesson,
    });
    expect(self.status).toBe(200);
    expect(
      (
        await t.call('POST', `/api/v1/incidents/${restricted.id}/redacted-lesson/approve`, {
          token: reviewer.token,
        })
      ).body.error.code,
    ).toBe('self_approval_forbidden');
    await t.call('PUT', `/api/v1/incidents/${restricted.id}/redacted-lesson`, {
      token: teammate.token,
      body: lesson,
    });
    const approved = await t.call('POST', `/api/v1/incidents/${restricted.id}/redacted-lesson/approve`, {
      token: reviewer.token,
    });
    expect(approved.body.status).toBe('approved');
    const found = await t.call('GET', '/api/v1/redacted-lessons?q=role%20credentials', {
      token: outsider.token,
    });
    expect(found.body.items).toEqual([
      expect.objectContaining({ title: 'Short-lived credentials for data exports', status: 'approved' }),
    ]);
    expectNoTraceOf(restricted, found, '/api/v1/redacted-lessons');
    expect(JSON.stringify(found.body)).not.toContain(teammate.username);
    const unrestricted = await t.call('POST', '/api/v1/incidents', { body: buildIncidentInput() });
    const refused = await t.call('PUT', `/api/v1/incidents/${unrestricted.body.id}/redacted-lesson`, {
      body: lesson,
    });
    expect(refused.body.error.code).toBe('incident_not_restricted');
  });
});
