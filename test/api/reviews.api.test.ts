import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseReviewYaml } from '../../src/core/reviews/review.yaml.js';
import { buildIncidentInput } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { STORE_KINDS } from '../support/stores.js';

const step1Text = readFileSync('test/fixtures/seed/step1-review.yaml', 'utf8');
const step3 = JSON.parse(readFileSync('test/fixtures/seed/step3-lessons.json', 'utf8')) as {
  lessons_learned_database: unknown;
};

describe.each(STORE_KINDS)('reviews and lessons API on %s', (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(kind);
    await t.call('POST', '/api/v1/incidents', { body: buildIncidentInput({ id: 'INC-2024-001' }) });
  });
  afterAll(() => t.close());

  it('is 404 until written, then keeps every field of the Step 1 YAML', async () => {
    expect((await t.call('GET', '/api/v1/incidents/INC-2024-001/review')).body.error.code).toBe(
      'review_not_found',
    );
    const document = parseReviewYaml(step1Text);
    const put = await t.call('PUT', '/api/v1/incidents/INC-2024-001/review', { body: document });
    expect(put.status).toBe(201);
    const read = await t.call('GET', '/api/v1/incidents/INC-2024-001/review');
    const yaml = (parse(step1Text) as { incident_review: Record<string, any> }).incident_review;
    expect(read.body).toMatchObject({
      incident_ids: [yaml.incident_id],
      incident_date: yaml.incident_date,
      review_date: yaml.review_date,
      participants: yaml.participants,
      summary: yaml.incident_summary,
      timeline: [
        { time: '09:00', event: 'Initial detection', source: 'CloudWatch alarm', action: null },
        {
          time: '09:15',
          event: 'Incident declared',
          source: null,
          action: 'Incident response team activated',
        },
      ],
      response_analysis: yaml.response_analysis,
      lessons: [
        {
          lesson: 'Need automated configuration validation',
          priority: 'High',
          owner: 'Security Team',
          due_date: '2024-02-15',
          category: '',
        },
      ],
      status: 'draft',
      version: 1,
    });
    expect(
      read.body.contributing_factors.map((f: { description: string; primary: boolean }) => [
        f.description,
        f.primary,
      ]),
    ).toEqual([
      [yaml.root_causes.primary, true],
      ...yaml.root_causes.contributing.map((c: string) => [c, false]),
    ]);
  });

  it('accepts a review read with GET and put back, and refuses a stale If-Match', async () => {
    const read = await t.call('GET', '/api/v1/incidents/INC-2024-001/review');
    const edited = { ...read.body, facilitator: 'Dana' };
    const ok = await t.call('PUT', '/api/v1/incidents/INC-2024-001/review', {
      body: edited,
      headers: { 'if-match': read.headers.get('etag') ?? '' },
    });
    expect(ok).toMatchObject({ status: 200, body: { facilitator: 'Dana', version: 2 } });
    const stale = await t.call('PUT', '/api/v1/incidents/INC-2024-001/review', {
      body: edited,
      headers: { 'if-match': '"1"' },
    });
    expect(stale.status).toBe(409);
  });

  it('rejects a malformed review naming each field and keeps the stored one', async () => {
    const bad = await t.call('PUT', '/api/v1/incidents/INC-2024-001/review', {
      body: {
        participants: 'everyone',
        lessons: [{ lesson: '', priority: 'Urgent' }],
        contributing_factors: [{ category: 'luck', description: 'x' }],
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'contributing_factors[0].category',
      'lessons[0].lesson',
      'lessons[0].priority',
      'participants',
    ]);
    expect((await t.call('GET', '/api/v1/incidents/INC-2024-001/review')).body.facilitator).toBe('Dana');
    expect((await t.call('PUT', '/api/v1/incidents/INC-2030-0001/review', { body: {} })).status).toBe(404);
  });

  it('lists and gets lessons in the Step 3 shape', async () => {
    await t.server.services.lessons.import(
      { id: 'cli', name: 'cli', role: 'admin', teamIds: [], via: 'cli' },
      step3,
    );
    const list = await t.call('GET', '/api/v1/lessons?q=least%20privilege');
    expect(list.body.items.map((i: { record: unknown }) => i.record)).toEqual([
      step3.lessons_learned_database,
    ]);
    // Every word must appear, in any order; a quoted phrase must appear as written.
    for (const q of ['privilege%20least', 'PRIVILEGE%20Least']) {
      const reordered = await t.call('GET', `/api/v1/lessons?q=${q}`);
      expect(reordered.body.total, q).toBe(1);
    }
    expect((await t.call('GET', '/api/v1/lessons?q=%22privilege%20least%22')).body.total).toBe(0);
    expect((await t.call('GET', '/api/v1/lessons?q=least%20quokka')).body.total).toBe(0);
    const one = await t.call('GET', '/api/v1/lessons/INC-2024-001');
    expect(one.body.record).toEqual(step3.lessons_learned_database);
    expect((await t.call('GET', '/api/v1/lessons/INC-2024-0404')).status).toBe(404);
    expect((await t.call('GET', '/api/v1/lessons?limit=0')).body.error.details[0].path).toBe('limit');
  });
});
