import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/core/shared/vocabulary.js';
import { buildIncidentInput } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { ROLES, addPerson, type Person } from '../support/people.js';
import { STORE_KINDS } from '../support/stores.js';

/**
 * Every API route × every role. Each route names the least role allowed; a route added without a row
 * here fails the completeness check, so access is decided deliberately for every new endpoint.
 */
interface Row {
  route: string;
  least: Role | 'public';
  request: (ids: { incident: string; restricted: string }) => {
    method: string;
    path: string;
    body?: unknown;
  };
}

const ROWS: Row[] = [
  {
    route: 'GET /api/v1/incidents',
    least: 'viewer',
    request: () => ({ method: 'GET', path: '/api/v1/incidents' }),
  },
  {
    route: 'POST /api/v1/incidents',
    least: 'responder',
    request: () => ({ method: 'POST', path: '/api/v1/incidents', body: buildIncidentInput() }),
  },
  {
    route: 'GET /api/v1/incidents/{id}',
    least: 'viewer',
    request: (i) => ({ method: 'GET', path: `/api/v1/incidents/${i.incident}` }),
  },
  {
    route: 'PATCH /api/v1/incidents/{id}',
    least: 'responder',
    request: (i) => ({ method: 'PATCH', path: `/api/v1/incidents/${i.incident}`, body: { severity: 'Low' } }),
  },
  {
    route: 'GET /api/v1/incidents/{id}/members',
    least: 'viewer',
    request: (i) => ({ method: 'GET', path: `/api/v1/incidents/${i.incident}/members` }),
  },
  {
    route: 'POST /api/v1/incidents/{id}/members',
    least: 'responder',
    request: (i) => ({
      method: 'POST',
      path: `/api/v1/incidents/${i.incident}/members`,
      body: { username: 'viewer-user' },
    }),
  },
  {
    route: 'GET /api/v1/incidents/{id}/review',
    least: 'viewer',
    request: (i) => ({ method: 'GET', path: `/api/v1/incidents/${i.incident}/review` }),
  },
  {
    route: 'PUT /api/v1/incidents/{id}/review',
    least: 'responder',
    request: (i) => ({
      method: 'PUT',
      path: `/api/v1/incidents/${i.incident}/review`,
      body: { participants: ['sre'] },
    }),
  },
  {
    route: 'GET /api/v1/incidents/{id}/review/lint',
    least: 'viewer',
    request: (i) => ({ method: 'GET', path: `/api/v1/incidents/${i.incident}/review/lint` }),
  },
  {
    route: 'POST /api/v1/incidents/{id}/review/transitions',
    least: 'responder',
    request: (i) => ({
      method: 'POST',
      path: `/api/v1/incidents/${i.incident}/review/transitions`,
      body: { action: 'submit' },
    }),
  },
  {
    route: 'GET /api/v1/incidents/{id}/review/recommendations',
    least: 'viewer',
    request: (i) => ({ method: 'GET', path: `/api/v1/incidents/${i.incident}/review/recommendations` }),
  },
  {
    route: 'GET /api/v1/incidents/{id}/review/analyses/{method}',
    least: 'viewer',
    request: (i) => ({ method: 'GET', path: `/api/v1/incidents/${i.restricted}/review/analyses/fishbone` }),
  },
  {
    route: 'PUT /api/v1/incidents/{id}/review/analyses/{method}',
    least: 'responder',
    request: (i) => ({
      method: 'PUT',
      path: `/api/v1/incidents/${i.incident}/review/analyses/five_whys`,
      body: { problem: 'Checkout failed', whys: [{ id: 'w1', answer: 'No canary stage' }] },
    }),
  },
  {
    route: 'GET /api/v1/incidents/{id}/review/analyses/{method}.svg',
    least: 'viewer',
    request: (i) => ({
      method: 'GET',
      path: `/api/v1/incidents/${i.restricted}/review/analyses/fishbone.svg`,
    }),
  },
  {
    route: 'POST /api/v1/incidents/{id}/review/analyses/{method}/promote',
    least: 'responder',
    request: (i) => ({
      method: 'POST',
      path: `/api/v1/incidents/${i.incident}/review/analyses/five_whys/promote`,
      body: { ref: 'w1', category: 'process' },
    }),
  },
  {
    route: 'GET /api/v1/incidents/{id}/timeline-analysis',
    least: 'viewer',
    request: (i) => ({ method: 'GET', path: `/api/v1/incidents/${i.incident}/timeline-analysis` }),
  },
  {
    route: 'GET /api/v1/incidents/{id}/review/report',
    least: 'viewer',
    request: (i) => ({ method: 'GET', path: `/api/v1/incidents/${i.restricted}/review/report` }),
  },
  {
    route: 'GET /api/v1/incidents/{id}/review/report/published',
    least: 'viewer',
    request: (i) => ({ method: 'GET', path: `/api/v1/incidents/${i.restricted}/review/report/published` }),
  },
  {
    route: 'GET /api/v1/settings/calendar',
    least: 'viewer',
    request: () => ({ method: 'GET', path: '/api/v1/settings/calendar' }),
  },
  {
    route: 'PUT /api/v1/settings/calendar',
    least: 'admin',
    request: () => ({ method: 'PUT', path: '/api/v1/settings/calendar', body: {} }),
  },
  {
    route: 'GET /api/v1/settings/kpi-targets',
    least: 'viewer',
    request: () => ({ method: 'GET', path: '/api/v1/settings/kpi-targets' }),
  },
  {
    route: 'PUT /api/v1/settings/kpi-targets',
    least: 'admin',
    request: () => ({ method: 'PUT', path: '/api/v1/settings/kpi-targets', body: { targets: {} } }),
  },
  {
    route: 'GET /api/v1/settings/notifications',
    least: 'admin',
    request: () => ({ method: 'GET', path: '/api/v1/settings/notifications' }),
  },
  {
    route: 'GET /api/v1/settings/templates',
    least: 'viewer',
    request: () => ({ method: 'GET', path: '/api/v1/settings/templates' }),
  },
  {
    route: 'GET /api/v1/settings/templates/{id}',
    least: 'viewer',
    request: () => ({ method: 'GET', path: '/api/v1/settings/templates/standard' }),
  },
  {
    route: 'PUT /api/v1/settings/templates/{id}',
    least: 'admin',
    request: () => ({
      method: 'PUT',
      path: '/api/v1/settings/templates/matrix',
      body: {
        name: 'Matrix',
        sections: [{ id: 's', title: 'S', fields: [{ path: 'summary.description' }] }],
      },
    }),
  },
  {
    route: 'GET /api/v1/lessons',
    least: 'viewer',
    request: () => ({ method: 'GET', path: '/api/v1/lessons' }),
  },
  {
    route: 'GET /api/v1/lessons/{id}',
    least: 'viewer',
    request: (i) => ({ method: 'GET', path: `/api/v1/lessons/${i.incident}` }),
  },
  {
    route: 'GET /api/v1/redacted-lessons',
    least: 'viewer',
    request: () => ({ method: 'GET', path: '/api/v1/redacted-lessons' }),
  },
  {
    route: 'GET /api/v1/incidents/{id}/redacted-lesson',
    least: 'viewer',
    request: (i) => ({ method: 'GET', path: `/api/v1/incidents/${i.restricted}/redacted-lesson` }),
  },
  {
    route: 'PUT /api/v1/incidents/{id}/redacted-lesson',
    least: 'responder',
    request: (i) => ({
      method: 'PUT',
      path: `/api/v1/incidents/${i.restricted}/redacted-lesson`,
      body: { title: 'x', lessons: [{ lesson: 'y', priority: 'Low' }] },
    }),
  },
  {
    route: 'POST /api/v1/incidents/{id}/redacted-lesson/approve',
    least: 'reviewer',
    request: (i) => ({ method: 'POST', path: `/api/v1/incidents/${i.restricted}/redacted-lesson/approve` }),
  },
  {
    route: 'GET /api/v1/audit/{entityType}/{entityId}',
    least: 'viewer',
    request: (i) => ({ method: 'GET', path: `/api/v1/audit/incident/${i.incident}` }),
  },
  {
    route: 'POST /api/v1/audit/verify',
    least: 'admin',
    request: () => ({ method: 'POST', path: '/api/v1/audit/verify' }),
  },
  { route: 'GET /api/v1/users', least: 'admin', request: () => ({ method: 'GET', path: '/api/v1/users' }) },
  {
    route: 'GET /api/v1/people',
    least: 'viewer',
    request: () => ({ method: 'GET', path: '/api/v1/people' }),
  },
  {
    route: 'POST /api/v1/users',
    least: 'admin',
    request: () => ({
      method: 'POST',
      path: '/api/v1/users',
      body: { username: `u${Math.random().toString(36).slice(2, 8)}`, role: 'viewer' },
    }),
  },
  {
    route: 'POST /api/v1/users/{username}/disable',
    least: 'admin',
    request: () => ({ method: 'POST', path: '/api/v1/users/nobody/disable' }),
  },
  {
    route: 'POST /api/v1/users/{username}/enable',
    least: 'admin',
    request: () => ({ method: 'POST', path: '/api/v1/users/nobody/enable' }),
  },
  {
    route: 'GET /api/v1/users/{username}/tokens',
    least: 'admin',
    request: () => ({ method: 'GET', path: '/api/v1/users/admin/tokens' }),
  },
  {
    route: 'POST /api/v1/users/{username}/tokens',
    least: 'admin',
    request: () => ({ method: 'POST', path: '/api/v1/users/admin/tokens', body: { name: 'matrix' } }),
  },
  {
    route: 'DELETE /api/v1/users/{username}/tokens/{tokenId}',
    least: 'admin',
    request: () => ({ method: 'DELETE', path: '/api/v1/users/admin/tokens/nope' }),
  },
  {
    route: 'POST /api/v1/session',
    least: 'public',
    request: () => ({
      method: 'POST',
      path: '/api/v1/session',
      body: { username: 'nobody', password: 'wrong-password' },
    }),
  },
  {
    route: 'GET /api/v1/session',
    least: 'viewer',
    request: () => ({ method: 'GET', path: '/api/v1/session' }),
  },
  {
    route: 'DELETE /api/v1/session',
    least: 'viewer',
    request: () => ({ method: 'DELETE', path: '/api/v1/session' }),
  },
  { route: 'GET /api/v1/kpis', least: 'viewer', request: () => ({ method: 'GET', path: '/api/v1/kpis' }) },
  {
    route: 'GET /api/v1/incidents/{id}/evidence',
    least: 'viewer',
    request: (i) => ({ method: 'GET', path: `/api/v1/incidents/${i.restricted}/evidence` }),
  },
  {
    route: 'POST /api/v1/incidents/{id}/evidence',
    least: 'responder',
    request: (i) => ({
      method: 'POST',
      path: `/api/v1/incidents/${i.incident}/evidence`,
      body: {
        source: 'cloudtrail',
        records: [
          {
            eventID: 'matrix-1',
            eventTime: '2024-01-15T09:05:00Z',
            eventSource: 'iam.amazonaws.com',
            eventName: 'ListUsers',
            awsRegion: 'us-east-1',
          },
        ],
      },
    }),
  },
  {
    route: 'PUT /api/v1/incidents/{id}/evidence/{evidenceId}/pin',
    least: 'responder',
    request: (i) => ({
      method: 'PUT',
      path: `/api/v1/incidents/${i.incident}/evidence/no-such-item/pin`,
      body: { note: 'first sign' },
    }),
  },
  {
    route: 'DELETE /api/v1/incidents/{id}/evidence/{evidenceId}/pin',
    least: 'responder',
    request: (i) => ({ method: 'DELETE', path: `/api/v1/incidents/${i.incident}/evidence/no-such-item/pin` }),
  },
  {
    route: 'GET /api/v1/incidents/{id}/evidence/milestones',
    least: 'viewer',
    request: (i) => ({ method: 'GET', path: `/api/v1/incidents/${i.restricted}/evidence/milestones` }),
  },
  {
    route: 'POST /api/v1/incidents/{id}/evidence/milestones/{milestone}/accept',
    least: 'responder',
    request: (i) => ({
      method: 'POST',
      path: `/api/v1/incidents/${i.incident}/evidence/milestones/detected/accept`,
    }),
  },
  {
    route: 'GET /api/v1/kpis/action-effectiveness',
    least: 'viewer',
    request: () => ({ method: 'GET', path: '/api/v1/kpis/action-effectiveness' }),
  },
  {
    route: 'GET /api/v1/trends',
    least: 'viewer',
    request: () => ({ method: 'GET', path: '/api/v1/trends' }),
  },
  {
    route: 'GET /api/v1/incidents/{id}/similar',
    least: 'viewer',
    request: (i) => ({ method: 'GET', path: `/api/v1/incidents/${i.incident}/similar` }),
  },
  {
    route: 'POST /api/v1/incidents/{id}/recurrences',
    least: 'reviewer',
    request: (i) => ({
      method: 'POST',
      path: `/api/v1/incidents/${i.restricted}/recurrences`,
      body: { of: i.incident, decision: 'confirm' },
    }),
  },
  {
    route: 'GET /api/v1/actions',
    least: 'viewer',
    request: () => ({ method: 'GET', path: '/api/v1/actions' }),
  },
  {
    route: 'POST /api/v1/actions',
    least: 'responder',
    request: (i) => ({
      method: 'POST',
      path: '/api/v1/actions',
      body: {
        incident_ids: [i.incident],
        title: 'Matrix action',
        type: 'corrective',
        category: 'access',
        owner: { kind: 'team', id: 'secops' },
        due_date: '2024-03-01',
        priority: 'Low',
        risk_reduction: 2,
        feasibility: 2,
        success_criteria: 'done',
      },
    }),
  },
  {
    route: 'GET /api/v1/actions/{id}',
    least: 'viewer',
    request: () => ({ method: 'GET', path: '/api/v1/actions/ACT-999999' }),
  },
  {
    route: 'PATCH /api/v1/actions/{id}',
    least: 'responder',
    request: () => ({ method: 'PATCH', path: '/api/v1/actions/ACT-999999', body: { title: 'x' } }),
  },
  {
    route: 'POST /api/v1/actions/{id}/progress',
    least: 'responder',
    request: () => ({ method: 'POST', path: '/api/v1/actions/ACT-999999/progress', body: { progress: 10 } }),
  },
  {
    route: 'POST /api/v1/actions/{id}/status',
    least: 'responder',
    request: () => ({
      method: 'POST',
      path: '/api/v1/actions/ACT-999999/status',
      body: { status: 'blocked' },
    }),
  },
  {
    route: 'POST /api/v1/actions/{id}/verify',
    least: 'reviewer',
    request: () => ({
      method: 'POST',
      path: '/api/v1/actions/ACT-999999/verify',
      body: { evidence_kind: 'text', evidence: 'seen working' },
    }),
  },
  {
    route: 'GET /api/v1/actions/report',
    least: 'viewer',
    request: () => ({ method: 'GET', path: '/api/v1/actions/report' }),
  },
  {
    route: 'GET /api/v1/actions/burn-down',
    least: 'viewer',
    request: () => ({ method: 'GET', path: '/api/v1/actions/burn-down?points=2' }),
  },
  {
    route: 'GET /api/v1/actions.csv',
    least: 'viewer',
    // An invalid filter answers JSON (the test client parses JSON); access is checked before the filter.
    request: () => ({ method: 'GET', path: '/api/v1/actions.csv?status=unknown' }),
  },
  {
    route: 'POST /api/v1/actions/import',
    least: 'responder',
    request: () => ({ method: 'POST', path: '/api/v1/actions/import', body: {} }),
  },
  {
    route: 'POST /api/v1/incidents/{id}/feedback',
    least: 'viewer',
    request: (i) => ({
      method: 'POST',
      path: `/api/v1/incidents/${i.incident}/feedback`,
      body: { response_rating: 7, improvement_rating: 6 },
    }),
  },
  {
    route: 'GET /api/v1/incidents/{id}/feedback/summary',
    least: 'viewer',
    request: (i) => ({ method: 'GET', path: `/api/v1/incidents/${i.incident}/feedback/summary` }),
  },
  {
    route: 'GET /api/v1/incidents/{id}/review/feedback',
    least: 'viewer',
    request: (i) => ({ method: 'GET', path: `/api/v1/incidents/${i.incident}/review/feedback` }),
  },
  {
    route: 'GET /api/v1/feedback/{token}',
    least: 'public',
    request: () => ({ method: 'GET', path: '/api/v1/feedback/unknown-token' }),
  },
  {
    route: 'POST /api/v1/feedback/{token}',
    least: 'public',
    request: () => ({
      method: 'POST',
      path: '/api/v1/feedback/unknown-token',
      body: { response_rating: 7, improvement_rating: 6 },
    }),
  },
  {
    route: 'GET /api/v1/users/{username}/notification-preferences',
    least: 'admin',
    request: () => ({ method: 'GET', path: '/api/v1/users/admin/notification-preferences' }),
  },
  {
    route: 'PUT /api/v1/users/{username}/notification-preferences',
    least: 'admin',
    request: () => ({
      method: 'PUT',
      path: '/api/v1/users/admin/notification-preferences',
      body: { digest: false },
    }),
  },
  {
    route: 'GET /api/v1/teams/{team}/notification-preferences',
    least: 'admin',
    request: () => ({ method: 'GET', path: '/api/v1/teams/secops/notification-preferences' }),
  },
  {
    route: 'PUT /api/v1/teams/{team}/notification-preferences',
    least: 'admin',
    request: () => ({
      method: 'PUT',
      path: '/api/v1/teams/secops/notification-preferences',
      body: { digest: true },
    }),
  },
];

const RANK: Record<Role, number> = { viewer: 0, responder: 1, reviewer: 2, admin: 3 };

describe.each(STORE_KINDS)('role × endpoint matrix on %s', (kind) => {
  let t: TestServer;
  let people: Record<Role, Person>;
  let ids: { incident: string; restricted: string };

  beforeAll(async () => {
    t = await startTestServer(kind);
    people = {} as Record<Role, Person>;
    for (const role of ROLES) people[role] = await addPerson(t, `${role}-user`, role, ['secops']);
    const incident = await t.call('POST', '/api/v1/incidents', { body: buildIncidentInput() });
    const restricted = await t.call('POST', '/api/v1/incidents', {
      body: buildIncidentInput({ restricted: true, team: 'secops' }),
    });
    ids = { incident: incident.body.id, restricted: restricted.body.id };
  });
  afterAll(() => t.close());

  it('has a row for every route in the API description', async () => {
    const openapi = await t.call('GET', '/api/openapi.json', { token: null });
    const documented = Object.entries(openapi.body.paths as Record<string, object>).flatMap(
      ([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(ROWS.map((r) => r.route).sort());
  });

  it.each(ROWS)('$route', async (row) => {
    const request = row.request(ids);
    const anonymous = await t.call(request.method, request.path, { token: null, body: request.body });
    if (row.least === 'public') {
      expect(anonymous.status).not.toBe(403);
      return;
    }
    expect(anonymous.status, 'without credentials').toBe(401);
    expect(anonymous.body.error.code).toBe('unauthenticated');
    for (const role of ROLES) {
      const response = await t.call(request.method, request.path, {
        token: people[role].token,
        body: request.body,
      });
      if (RANK[role] < RANK[row.least]) {
        expect(response.status, `${role} must be refused`).toBe(403);
        expect(response.body.error.code).toBe('permission_denied');
      } else {
        expect(
          [401, 403],
          `${role} must be allowed (got ${response.status} ${JSON.stringify(response.body)})`,
        ).not.toContain(response.status);
      }
    }
  });
});
