import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIncidentInput } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { addPerson, type Person } from '../support/people.js';
import { STORE_KINDS } from '../support/stores.js';

const resolvedFriday = (category: string) =>
  buildIncidentInput({
    category,
    status: 'resolved',
    timestamps: {
      impact_started: '2024-01-12T09:00:00Z',
      detected: '2024-01-12T09:20:00Z',
      declared: '2024-01-12T09:30:00Z',
      resolved: '2024-01-12T17:00:00Z',
    },
  });

const STRICT_YAML = `
id: strict
name: Payments review
applies_to:
  categories: [Payments]
review_due_business_days: 3
forbid_self_approval: false
blameless: block
sections:
  - id: overview
    title: Overview
    fields:
      - path: summary.description
        required: true
`;

const review = (description: string) => ({
  participants: ['pat'],
  summary: { description, impact: '', duration: '' },
});

describe.each(STORE_KINDS)('review settings, templates and lint on %s', (kind) => {
  let t: TestServer;
  let rita: Person;

  beforeAll(async () => {
    t = await startTestServer(kind);
    rita = await addPerson(t, 'rita', 'reviewer');
  });
  afterAll(() => t.close());

  it('serves the built-in calendar until an admin replaces it; bad calendars name each field', async () => {
    const initial = await t.call('GET', '/api/v1/settings/calendar', { token: rita.token });
    expect(initial.body).toEqual({
      value: { time_zone: 'UTC', working_days: [1, 2, 3, 4, 5], holidays: [] },
      source: 'built_in',
      version: 0,
      updated_by: null,
      updated_at: null,
    });
    const denied = await t.call('PUT', '/api/v1/settings/calendar', { token: rita.token, body: {} });
    expect(denied.body.error.code).toBe('permission_denied');
    const bad = await t.call('PUT', '/api/v1/settings/calendar', {
      body: { time_zone: 'Mars/Olympus', working_days: [1, 8], holidays: ['2024-02-30x'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'holidays[0]',
      'time_zone',
      'working_days[1]',
    ]);
  });

  it('counts review deadlines in the configured calendar (holidays skipped) and audits the change', async () => {
    const id = (await t.call('POST', '/api/v1/incidents', { body: resolvedFriday('Network') })).body
      .id as string;
    await t.call('PUT', `/api/v1/incidents/${id}/review`, { body: review('Routing change') });
    const before = await t.call('GET', `/api/v1/incidents/${id}/review`);
    expect(before.body.deadline.due_at).toBe('2024-01-19T17:00:00.000Z');
    const put = await t.call('PUT', '/api/v1/settings/calendar', {
      body: { time_zone: 'UTC', holidays: ['2024-01-15'] },
      headers: { 'if-match': '"0"' },
    });
    expect(put.body).toMatchObject({ source: 'stored', version: 1, value: { holidays: ['2024-01-15'] } });
    const stale = await t.call('PUT', '/api/v1/settings/calendar', {
      body: {},
      headers: { 'if-match': '"0"' },
    });
    expect(stale.body.error.code).toBe('version_conflict');
    const after = await t.call('GET', `/api/v1/incidents/${id}/review`);
    expect(after.body.deadline.due_at).toBe('2024-01-22T17:00:00.000Z');
    const audit = await t.call('GET', '/api/v1/audit/setting/calendar');
    expect(audit.body.map((r: { action: string }) => r.action)).toEqual(['create']);
  });

  it('stores a template written as YAML and applies it by incident category', async () => {
    const put = await t.call('PUT', '/api/v1/settings/templates/strict', {
      raw: STRICT_YAML,
      headers: { 'content-type': 'application/yaml' },
    });
    expect(put.status).toBe(200);
    expect(put.body.value).toMatchObject({ id: 'strict', blameless: 'block', review_due_business_days: 3 });
    const listed = await t.call('GET', '/api/v1/settings/templates');
    expect(listed.body.items.map((x: { id: string }) => x.id)).toEqual(['standard', 'drill', 'strict']);
    expect((await t.call('GET', '/api/v1/settings/templates/standard')).body.source).toBe('built_in');
    const malformed = await t.call('PUT', '/api/v1/settings/templates/strict', {
      raw: 'id: strict\nsections: [\n',
      headers: { 'content-type': 'application/yaml' },
    });
    expect(malformed.body.error.code).toBe('template_yaml_malformed');
    expect(malformed.body.error.details[0].path).toMatch(/^line \d+, column \d+$/);
    const mismatch = await t.call('PUT', '/api/v1/settings/templates/other', {
      raw: STRICT_YAML,
      headers: { 'content-type': 'application/yaml' },
    });
    expect(mismatch.body.error).toMatchObject({ code: 'template_id_mismatch', details: [{ path: 'id' }] });
    const json = await t.call('PUT', '/api/v1/settings/templates/lenient', {
      body: { name: 'Lenient', sections: [{ id: 's', title: 'S', fields: [{ path: 'lessons' }] }] },
    });
    expect(json.body.value).toMatchObject({ id: 'lenient', blameless: 'warn', forbid_self_approval: true });
  });

  it('blocks submission on blameful language when the template says so; lint shows why', async () => {
    const id = (await t.call('POST', '/api/v1/incidents', { body: resolvedFriday('Payments') })).body
      .id as string;
    const path = `/api/v1/incidents/${id}/review`;
    const saved = await t.call('PUT', path, {
      token: rita.token,
      body: review('Pat should have checked the config. Careless deploy.'),
    });
    expect(saved.status).toBe(201);
    // Three business days after Friday, Monday 15th being a holiday in the stored calendar: Thursday.
    expect(saved.body).toMatchObject({
      template_id: 'strict',
      deadline: { due_at: '2024-01-18T17:00:00.000Z' },
    });
    const lint = await t.call('GET', `${path}/lint`);
    expect(lint.body).toMatchObject({
      template_id: 'strict',
      blameless: 'block',
      missing: [],
      blocks_submit: true,
    });
    expect(
      lint.body.warnings.map((w: { path: string; phrase: string }) => [w.path, w.phrase.toLowerCase()]),
    ).toEqual([
      ['summary.description', 'should have'],
      ['summary.description', 'careless'],
    ]);
    for (const w of lint.body.warnings) expect(w.suggestion.length).toBeGreaterThan(10);
    const refused = await t.call('POST', `${path}/transitions`, {
      token: rita.token,
      body: { action: 'submit' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('blameful_language');
    await t.call('PUT', path, {
      token: rita.token,
      body: review('The deploy pipeline applied an unvalidated config; no canary stage caught it.'),
    });
    expect((await t.call('GET', `${path}/lint`)).body).toMatchObject({ warnings: [], blocks_submit: false });
    const submitted = await t.call('POST', `${path}/transitions`, {
      token: rita.token,
      body: { action: 'submit' },
    });
    expect(submitted.body.warnings).toEqual([]);
    // This template allows approving one's own review.
    const approved = await t.call('POST', `${path}/transitions`, {
      token: rita.token,
      body: { action: 'approve' },
    });
    expect(approved.body.review.status).toBe('approved');
  });
});
