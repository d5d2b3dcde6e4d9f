import { readFileSync } from 'node:fs';
import { escapeInline } from '../../src/core/reports/report.escape.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIncidentInput } from '../support/factories.js';
import { unwrapRecording } from '../support/fake-aws/recorder.unwrap.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { addPerson, type Person } from '../support/people.js';
import { STORE_KINDS } from '../support/stores.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(`test/fixtures/aws/${name}`, 'utf8')) as unknown;

/** A CloudTrail record with the fields the milestone rules read. */
const call = (id: string, time: string, source: string, name: string, params: object = {}) => ({
  eventID: id,
  eventTime: time,
  eventSource: source,
  eventName: name,
  awsRegion: 'eu-west-1',
  userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/mallory', userName: 'mallory' },
  requestParameters: params,
});

const finding = (id: string, createdAt: string) => ({
  id,
  type: 'UnauthorizedAccess:IAMUser/MaliciousIPCaller',
  severity: 8,
  createdAt,
  title: 'API called from a known malicious IP',
  accountId: '111122223333',
  region: 'eu-west-1',
  resource: { accessKeyDetails: { userName: 'mallory', userType: 'IAMUser' } },
});

describe.each(STORE_KINDS)('evidence API on %s', (kind) => {
  let t: TestServer;
  let viewer: Person;
  let incident: string;

  beforeAll(async () => {
    t = await startTestServer(kind);
    viewer = await addPerson(t, 'vera', 'viewer');
    incident = (await t.call('POST', '/api/v1/incidents', { body: buildIncidentInput() })).body.id as string;
    // impact 08:40, detected 09:00, declared 09:15 (the factory's timestamps)
  });
  afterAll(() => t.close());

  const evidence = (path = '', id = incident) => `/api/v1/incidents/${id}/evidence${path}`;

  it('imports findings, Config history and CloudTrail records in their AWS shapes, skipping duplicates', async () => {
    const gd = await t.call('POST', evidence(), {
      body: {
        source: 'guardduty',
        records: [fixture('custodian/ec2-duty-event.json')],
        file_name: 'gd.json',
      },
    });
    expect(gd).toMatchObject({ status: 200, body: { records: 1, inserted: 1, duplicates: 0 } });
    // the recorded response as the AWS wire format carries it (ISO instants)
    const history = unwrapRecording(
      fixture('custodian/test_sg_config_diff__config.GetResourceConfigHistory_1.json'),
    );
    const config = await t.call('POST', evidence(), {
      body: { source: 'aws-config', records: [history] },
    });
    expect(config.body).toMatchObject({ records: 2, inserted: 2 });
    const trail = await t.call('POST', evidence(), {
      body: { source: 'cloudtrail', records: fixture('stratus/aws.defense-evasion.cloudtrail-stop.json') },
    });
    expect(trail.body).toEqual({ records: 1, inserted: 1, duplicates: 0 });
    const again = await t.call('POST', evidence(), {
      body: { source: 'guardduty', records: [fixture('custodian/ec2-duty-event.json')] },
    });
    expect(again.body).toEqual({ records: 1, inserted: 0, duplicates: 1 });

    const list = await t.call('GET', evidence());
    expect(list.status).toBe(200);
    expect(list.body.next_cursor).toBeNull();
    expect(list.body.items.map((i: { source: string }) => i.source)).toEqual([
      'aws-config',
      'aws-config',
      'guardduty',
      'cloudtrail',
    ]);
    const gdItem = list.body.items[2];
    expect(gdItem).toMatchObject({
      source_id: 'b4b01b60fc24a199139f8f5f490edd81',
      kind: 'finding',
      severity_normalised: 'Medium',
      pinned: null,
      provenance: { method: 'file', file_path: 'gd.json', obtained_by: expect.any(String) },
    });
    expect(list.body.items[3]).toMatchObject({
      actor: 'arn:aws:iam::143434273843:user/christophe',
      region: 'apiso-centralnorth-2r',
    });
  });

  it('refuses the whole request when one record is bad, naming its index and field', async () => {
    const before = (await t.call('GET', evidence('?limit=1000'))).body.items.length as number;
    const bad = await t.call('POST', evidence(), {
      body: {
        source: 'cloudtrail',
        records: [call('ok-1', '2024-01-15T08:00:00Z', 'iam.amazonaws.com', 'ListUsers'), { eventID: 'x' }],
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('evidence_records_invalid');
    expect(bad.body.error.details).toEqual([
      { path: 'records[1]', problem: expect.stringContaining('eventTime') },
    ]);
    expect((await t.call('GET', evidence('?limit=1000'))).body.items).toHaveLength(before);
    const unknownField = await t.call('POST', evidence(), { body: { source: 'file', records: [{}] } });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error.details[0].path).toBe('source');
  });

  it('keeps the uploaded file’s name and SHA-256 in the provenance, refusing a malformed hash', async () => {
    // Its own incident, so the other tests' counts stay as they are.
    const id = (await t.call('POST', '/api/v1/incidents', { body: buildIncidentInput() })).body.id as string;
    const body = (extra: Record<string, unknown>) => ({
      source: 'cloudtrail',
      records: [call('hashed-1', '2024-01-15T07:00:00Z', 'iam.amazonaws.com', 'ListRoles')],
      ...extra,
    });
    const upper = await t.call('POST', evidence('', id), {
      body: body({ file_name: 'trail.json', file_sha256: 'AB'.repeat(32) }),
    });
    expect(upper.status).toBe(400);
    expect(upper.body.error.details).toEqual([
      { path: 'file_sha256', problem: 'must be a lowercase hex SHA-256 of the file' },
    ]);
    const nameless = await t.call('POST', evidence('', id), { body: body({ file_sha256: 'ab'.repeat(32) }) });
    expect(nameless.status).toBe(400);
    expect(nameless.body.error.details[0]).toMatchObject({
      path: 'file_sha256',
      problem: expect.stringContaining('file_name'),
    });
    expect((await t.call('GET', evidence('', id))).body.items).toEqual([]);
    const hashed = await t.call('POST', evidence('', id), {
      body: body({ file_name: 'trail.json', file_sha256: 'ab'.repeat(32) }),
    });
    expect(hashed.status, JSON.stringify(hashed.body)).toBe(200);
    const [item] = (await t.call('GET', evidence('', id))).body.items;
    expect(item.provenance).toMatchObject({
      method: 'file',
      file_path: 'trail.json',
      file_sha256: 'ab'.repeat(32),
    });
  });

  it('filters and pages with a cursor', async () => {
    const page1 = await t.call('GET', evidence('?limit=2'));
    expect(page1.body.items).toHaveLength(2);
    const page2 = await t.call('GET', evidence(`?limit=2&cursor=${page1.body.next_cursor as string}`));
    expect(page2.body.items.map((i: { source: string }) => i.source)).toEqual(['guardduty', 'cloudtrail']);
    expect(page2.body.next_cursor).toBeNull();
    expect((await t.call('GET', evidence('?source=guardduty'))).body.items).toHaveLength(1);
    expect((await t.call('GET', evidence('?kind=configuration_change'))).body.items).toHaveLength(2);
    expect((await t.call('GET', evidence('?text=STOPLOGGING'))).body.items).toHaveLength(1);
    expect((await t.call('GET', evidence('?since=2020-01-01T00:00:00Z'))).body.items).toHaveLength(1);
    expect((await t.call('GET', evidence('?until=2017-01-01T00:00:00Z'))).body.items).toHaveLength(2);
    const bad = await t.call('GET', evidence('?limit=0&kind=nonsense'));
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['kind', 'limit']);
  });

  it('pins and unpins, audited; a viewer may read but not pin', async () => {
    const [item] = (await t.call('GET', evidence('?source=cloudtrail'))).body.items;
    const pinned = await t.call('PUT', evidence(`/${item.id as string}/pin`), {
      body: { note: 'trail stopped', timeline_event_id: 'tl-1' },
    });
    expect(pinned).toMatchObject({ status: 200, body: { note: 'trail stopped', timeline_event_id: 'tl-1' } });
    const listed = await t.call('GET', evidence('?pinned=true'), { token: viewer.token });
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0].pinned).toMatchObject({ note: 'trail stopped', timeline_event_id: 'tl-1' });
    expect((await t.call('GET', evidence('?pinned=false'))).body.items).toHaveLength(3);

    const denied = await t.call('PUT', evidence(`/${item.id as string}/pin`), {
      token: viewer.token,
      body: {},
    });
    expect(denied.status).toBe(403);
    expect((await t.call('PUT', evidence('/no-such-item/pin'), { body: {} })).status).toBe(404);
    expect((await t.call('DELETE', evidence(`/${item.id as string}/pin`))).status).toBe(204);
    expect((await t.call('DELETE', evidence(`/${item.id as string}/pin`))).status).toBe(404);

    const audit = await t.call('GET', `/api/v1/audit/evidence/${incident}`);
    expect(audit.body.map((r: { action: string }) => r.action)).toEqual([
      'import',
      'import',
      'import',
      'import',
      'pin',
      'unpin',
    ]);
    const firstImport = JSON.stringify(audit.body[0]);
    expect(firstImport).toContain('gd.json');
    expect(firstImport).not.toContain('Backdoor:EC2/C&CActivity.B!DNS'); // the raw finding stays out
  });

  it('links evidence from contributing factors, refusing evidence of another incident', async () => {
    const [item] = (await t.call('GET', evidence('?source=cloudtrail'))).body.items;
    const other = (await t.call('POST', '/api/v1/incidents', { body: buildIncidentInput() })).body
      .id as string;
    const factor = (ids: string[]) => ({
      contributing_factors: [
        { category: 'technical', description: 'CloudTrail could be stopped by the role', evidence_ids: ids },
      ],
    });
    const linked = await t.call('PUT', `/api/v1/incidents/${incident}/review`, {
      body: factor([item.id as string]),
    });
    expect(linked.status, JSON.stringify(linked.body)).toBe(201);
    expect(linked.body.contributing_factors[0].evidence_ids).toEqual([item.id]);
    // The report lists the cited evidence under its factor.
    const report = await fetch(`${t.url}/api/v1/incidents/${incident}/review/report?format=md`, {
      headers: { authorization: `Bearer ${t.token}` },
    });
    expect(report.status).toBe(200);
    const markdown = await report.text();
    const factorLine = '- **technical:** CloudTrail could be stopped by the role';
    // Escaped as every user string in the report is (Markdown punctuation backslashed).
    const citedLine = `  - Evidence: ${escapeInline(`${item.time as string} · cloudtrail · ${item.summary as string}`)}`;
    expect(markdown).toContain(factorLine);
    expect(markdown.slice(markdown.indexOf(factorLine))).toContain(citedLine);
    const refused = await t.call('PUT', `/api/v1/incidents/${other}/review`, {
      body: factor(['no-such-item', item.id as string]),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      'contributing_factors[0].evidence_ids[0]',
      'contributing_factors[0].evidence_ids[1]',
    ]);
    expect((await t.call('GET', `/api/v1/incidents/${other}/review`)).status).toBe(404);
  });

  it('suggests milestones from the evidence and sets the one a reviewer accepts, in causal order', async () => {
    const id = (await t.call('POST', '/api/v1/incidents', { body: buildIncidentInput() })).body.id as string;
    await t.call('POST', evidence('', id), {
      body: {
        source: 'cloudtrail',
        records: [
          call('e1', '2024-01-15T08:30:00Z', 'cloudtrail.amazonaws.com', 'StopLogging'),
          call('e2', '2024-01-15T09:30:00Z', 'iam.amazonaws.com', 'UpdateAccessKey', { status: 'Inactive' }),
        ],
      },
    });
    await t.call('POST', evidence('', id), {
      body: { source: 'guardduty', records: [finding('f1', '2024-01-15T08:50:00Z')] },
    });
    const suggestions = await t.call('GET', evidence('/milestones', id));
    expect(suggestions.status).toBe(200);
    expect(suggestions.body).toMatchObject({
      first_indicator: {
        time: '2024-01-15T08:30:00.000Z',
        evidence: [{ source: 'cloudtrail', source_id: 'e1' }],
      },
      detected: { time: '2024-01-15T08:50:00.000Z', evidence: [{ source: 'guardduty', source_id: 'f1' }] },
      contained: { time: '2024-01-15T09:30:00.000Z' },
    });
    expect(suggestions.body.detected.evidence[0].id).toEqual(expect.any(String));

    const accepted = await t.call('POST', evidence('/milestones/detected/accept', id));
    expect(accepted.status).toBe(200);
    expect(accepted.body.timestamps.detected).toBe('2024-01-15T08:50:00.000Z');
    expect(accepted.body.timestamp_edits).toEqual([
      expect.objectContaining({
        field: 'detected',
        previous: '2024-01-15T09:00:00.000Z',
        value: '2024-01-15T08:50:00.000Z',
      }),
    ]);
    const audit = await t.call('GET', `/api/v1/audit/evidence/${id}`);
    expect(audit.body.at(-1)).toMatchObject({ action: 'accept_milestone' });
    expect((await t.call('POST', evidence('/milestones/declared/accept', id))).status).toBe(400);
    expect(
      (await t.call('POST', evidence('/milestones/detected/accept', id), { token: viewer.token })).status,
    ).toBe(403);
  });

  it('refuses a suggestion that would break causal order, and says when there is none', async () => {
    const id = (await t.call('POST', '/api/v1/incidents', { body: buildIncidentInput() })).body.id as string;
    expect((await t.call('POST', evidence('/milestones/detected/accept', id))).body.error.code).toBe(
      'no_milestone_suggestion',
    );
    // A finding after the incident was declared cannot be when it was detected.
    await t.call('POST', evidence('', id), {
      body: { source: 'guardduty', records: [finding('late', '2024-01-15T10:00:00Z')] },
    });
    const refused = await t.call('POST', evidence('/milestones/detected/accept', id));
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('timestamps_out_of_order');
    expect((await t.call('GET', `/api/v1/incidents/${id}`)).body.timestamps.detected).toBe(
      '2024-01-15T09:00:00.000Z',
    );
  });

  it('documents every evidence route in the OpenAPI document', async () => {
    const { paths } = (await t.call('GET', '/api/openapi.json')).body as { paths: Record<string, object> };
    expect(Object.keys(paths['/api/v1/incidents/{id}/evidence'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(paths['/api/v1/incidents/{id}/evidence/{evidenceId}/pin'] ?? {}).sort()).toEqual([
      'delete',
      'put',
    ]);
    expect(paths['/api/v1/incidents/{id}/evidence/milestones']).toHaveProperty('get');
    expect(paths['/api/v1/incidents/{id}/evidence/milestones/{milestone}/accept']).toHaveProperty('post');
  });
});
