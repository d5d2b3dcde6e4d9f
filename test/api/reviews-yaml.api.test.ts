import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildIncidentInput } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { addPerson } from '../support/people.js';
import { STORE_KINDS } from '../support/stores.js';

// SEC10-BP08 Step 1, verbatim (test/fixtures/seed/README.md).
const step1Text = readFileSync('test/fixtures/seed/step1-review.yaml', 'utf8');
const step1 = (parse(step1Text) as { incident_review: Record<string, any> }).incident_review;
const ID = 'INC-2024-001';

describe.each(STORE_KINDS)('PUT of a Step 1 YAML review over HTTP on %s', (kind) => {
  let t: TestServer;
  let other: string;
  const putYaml = (id: string, text: string, headers: Record<string, string> = {}) =>
    t.call('PUT', `/api/v1/incidents/${id}/review`, {
      raw: text,
      headers: { 'content-type': 'application/yaml', ...headers },
    });
  const stored = async (id: string) => t.call('GET', `/api/v1/incidents/${id}/review`);

  beforeAll(async () => {
    t = await startTestServer(kind);
    await t.call('POST', '/api/v1/incidents', { body: buildIncidentInput({ id: ID }) });
    other = (await t.call('POST', '/api/v1/incidents', { body: buildIncidentInput() })).body.id as string;
  });
  afterAll(() => t.close());

  it('writes the seed Step 1 YAML sent as application/yaml, keeping its fields', async () => {
    const put = await putYaml(ID, step1Text);
    expect(put.status).toBe(201);
    expect(put.headers.get('etag')).toBe('"1"');
    const read = await stored(ID);
    expect(read.body).toMatchObject({
      incident_ids: [step1.incident_id],
      incident_date: step1.incident_date,
      review_date: step1.review_date,
      participants: step1.participants,
      summary: step1.incident_summary,
      response_analysis: step1.response_analysis,
      status: 'draft',
      version: 1,
    });
    expect(read.body.timeline.map((e: { event: string }) => e.event)).toEqual(
      step1.timeline.map((e: { event: string }) => e.event),
    );
    expect(read.body.lessons.map((l: { lesson: string }) => l.lesson)).toEqual(
      step1.lessons_learned.map((l: { lesson: string }) => l.lesson),
    );
    expect(
      read.body.contributing_factors.map((f: { description: string; primary: boolean }) => [
        f.description,
        f.primary,
      ]),
    ).toEqual([
      [step1.root_causes.primary, true],
      ...step1.root_causes.contributing.map((c: string) => [c, false]),
    ]);
  });

  it('updates from text/yaml with If-Match, like a JSON write', async () => {
    const edited = step1Text.replace('review_date: "2024-01-20"', 'review_date: "2024-01-22"');
    expect(edited).not.toBe(step1Text);
    const put = await putYaml(ID, edited, { 'content-type': 'text/yaml; charset=utf-8', 'if-match': '"1"' });
    expect(put).toMatchObject({ status: 200, body: { review_date: '2024-01-22', version: 2 } });
    const stale = await putYaml(ID, edited, { 'if-match': '"1"' });
    expect(stale.body.error.code).toBe('version_conflict');
  });

  it('refuses malformed YAML naming the line, and writes nothing', async () => {
    const before = await stored(ID);
    // A duplicate key on a known line, then an unclosed flow sequence.
    const broken = step1Text.replace(
      '  review_date: "2024-01-20"\n',
      '  review_date: "2024-01-20"\n  review_date: x\n',
    );
    const bad = await putYaml(ID, broken);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('yaml_invalid');
    const line = broken.split('\n').indexOf('  review_date: x') + 1;
    expect(bad.body.error.details[0].path).toMatch(new RegExp(`^line ${line}, column \\d+$`));
    expect(bad.body.error.message).toContain(`line ${line}`);
    const unclosed = await putYaml(ID, 'incident_review:\n  participants: [alice, bob\n');
    expect(unclosed.body.error.code).toBe('yaml_invalid');
    expect(unclosed.body.error.details[0].path).toMatch(/^line \d+, column \d+$/);
    expect((await stored(ID)).body).toEqual(before.body);
  });

  it('refuses a bad field naming it under incident_review, and writes nothing', async () => {
    const before = await stored(ID);
    const unknown = await putYaml(
      ID,
      step1Text.replace('  review_date:', '  reviewed_on: x\n  review_date:'),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      'incident_review.reviewed_on',
    ]);
    const priority = await putYaml(ID, step1Text.replace('priority: "High"', 'priority: "Urgent"'));
    expect(priority.status).toBe(400);
    expect(priority.body.error.code).toBe('validation_failed');
    expect(priority.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      'incident_review.lessons_learned[0].priority',
    ]);
    expect((await stored(ID)).body).toEqual(before.body);
  });

  it('refuses the review of another incident at its incident_id, and YAML on other routes', async () => {
    const mismatch = await putYaml(other, step1Text);
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error).toMatchObject({
      code: 'incident_mismatch',
      details: [{ path: 'incident_review.incident_id', problem: `names ${ID}, not ${other}` }],
    });
    expect((await stored(other)).body.error.code).toBe('review_not_found');
    // Without an incident_id the file is the review of the incident in the URL.
    const bare = await putYaml(other, step1Text.replace('  incident_id: "INC-2024-001"\n', ''));
    expect(bare).toMatchObject({ status: 201, body: { incident_ids: [other] } });
    const elsewhere = await t.call('POST', '/api/v1/incidents', {
      raw: 'title: x',
      headers: { 'content-type': 'application/yaml' },
    });
    expect(elsewhere.status).toBe(415);
  });

  it('refuses a viewer before reading the file', async () => {
    const viewer = await addPerson(t, 'vera', 'viewer');
    const refused = await t.call('PUT', `/api/v1/incidents/${ID}/review`, {
      raw: 'not: [valid',
      token: viewer.token,
      headers: { 'content-type': 'application/yaml' },
    });
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'permission_denied' } } });
  });
});
