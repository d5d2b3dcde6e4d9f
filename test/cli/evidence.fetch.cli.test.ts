import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_INSIGHTS_QUERY } from '../../src/integrations/aws/fetch/logs.fetch.js';
import { cliRunner } from '../support/cli.js';
import { FAKE_CREDENTIALS, FakeAws } from '../support/fake-aws/fake-aws.server.js';
import { STORE_KINDS, freshStoreConfig, type FreshStoreConfig } from '../support/stores.js';

const stratus = JSON.parse(
  readFileSync(resolve('test/fixtures/aws/stratus/aws.defense-evasion.organizations-leave.json'), 'utf8'),
) as { eventID: string; eventName: string }[];
const asEvent = (r: { eventID: string; eventName: string }) => ({
  EventId: r.eventID,
  EventName: r.eventName,
  CloudTrailEvent: JSON.stringify(r),
});

describe.each(STORE_KINDS)('hindsight evidence fetch against a local AWS-protocol endpoint on %s', (kind) => {
  let fresh: FreshStoreConfig;
  let aws: FakeAws;
  let cli: ReturnType<typeof cliRunner>;
  let incident: string;
  const fetch = (source: string, ...args: string[]) =>
    cli(
      'evidence',
      'fetch',
      source,
      '--incident',
      incident,
      '--endpoint-url',
      aws.endpoint,
      '--json',
      ...args,
    );

  beforeAll(async () => {
    aws = await FakeAws.start();
    fresh = await freshStoreConfig(kind);
    cli = cliRunner({
      ...(fresh.config.kind === 'postgres'
        ? { DATABASE_URL: fresh.config.url }
        : { HINDSIGHT_DATA: join(fresh.config.file, '..') }),
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: FAKE_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: FAKE_CREDENTIALS.secretAccessKey,
    });
    await cli('init');
    const created = await cli(
      'incident',
      'create',
      '--title',
      'Left the organization',
      '--severity',
      'High',
      '--detected',
      '2024-08-02T08:30:00Z',
      '--json',
    );
    incident = created.json().id as string;
  });
  afterAll(async () => {
    await aws.close();
    await fresh.cleanup();
  });
  beforeEach(() => {
    aws.calls.length = 0;
  });

  it('cloudtrail: follows pages, retries throttling, imports with API provenance and dedups a re-run', async () => {
    aws.script(
      'cloudtrail.LookupEvents',
      { error: 'ThrottlingException', message: 'Rate exceeded' },
      { body: { Events: stratus.slice(0, 2).map(asEvent), NextToken: 'page-2' } },
      { body: { Events: stratus.slice(2).map(asEvent) } },
    );
    const run = await fetch(
      'cloudtrail',
      '--lookup',
      'EventName=LeaveOrganization',
      '--since',
      '2024-08-01T00:00:00Z',
      '--until',
      '2024-08-03T00:00:00Z',
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.json()).toMatchObject({
      source: 'cloudtrail',
      fetched: stratus.length,
      inserted: stratus.length,
    });
    const calls = aws.callsTo('cloudtrail.LookupEvents');
    expect(calls).toHaveLength(3);
    expect(calls[0]?.body).toMatchObject({
      LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'LeaveOrganization' }],
      StartTime: 1722470400,
      EndTime: 1722643200,
    });
    expect(calls[2]?.body).toMatchObject({ NextToken: 'page-2' });
    const listed = await cli('evidence', 'list', '--incident', incident, '--source', 'cloudtrail', '--json');
    expect(listed.json().items[0].provenance).toMatchObject({
      method: 'api',
      api: { service: 'cloudtrail', operation: 'LookupEvents', region: 'eu-west-1' },
      obtained_by: 'cli',
    });
    aws.script('cloudtrail.LookupEvents', { body: { Events: stratus.map(asEvent) } });
    expect((await fetch('cloudtrail')).json()).toMatchObject({ inserted: 0, duplicates: stratus.length });
  });

  it('cloudtrail: the default window is 7 days before to 1 hour after the milestones', async () => {
    aws.script('cloudtrail.LookupEvents', { body: { Events: [] } });
    expect((await fetch('cloudtrail')).code).toBe(0);
    const body = aws.callsTo('cloudtrail.LookupEvents')[0]?.body as { StartTime: number };
    expect(body.StartTime).toBe(Date.parse('2024-08-02T08:30:00Z') / 1000 - 7 * 86400);
  });

  it('surfaces an AWS error as a clear message and writes nothing', async () => {
    aws.script('cloudtrail.LookupEvents', {
      status: 400,
      error: 'AccessDeniedException',
      message: 'User is not authorized to perform cloudtrail:LookupEvents',
    });
    const run = await cli(
      'evidence',
      'fetch',
      'cloudtrail',
      '--incident',
      incident,
      '--endpoint-url',
      aws.endpoint,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'error: cloudtrail LookupEvents failed: AccessDeniedException: User is not authorized to perform cloudtrail:LookupEvents',
    );
  });

  it('logs-insights with the default SEC10-BP08 query; config with its window; guardduty; usage errors', async () => {
    aws.script('logs.StartQuery', { body: { queryId: 'q-1' } });
    aws.script('logs.GetQueryResults', {
      body: {
        status: 'Complete',
        results: [
          [
            { field: 'bin(5m)', value: '2024-08-02 08:35:00.000' },
            { field: 'count()', value: '12' },
          ],
        ],
      },
    });
    const logs = await fetch('logs-insights', '--log-group', '/app/api');
    expect(logs.code, logs.stderr).toBe(0);
    expect(logs.json()).toMatchObject({ fetched: 1, inserted: 1 });
    expect(aws.callsTo('logs.StartQuery')[0]?.body).toMatchObject({
      logGroupNames: ['/app/api'],
      queryString: DEFAULT_INSIGHTS_QUERY,
    });

    aws.script('config.GetResourceConfigHistory', {
      body: {
        configurationItems: [
          {
            configurationItemCaptureTime: 1722587400,
            resourceType: 'AWS::EC2::SecurityGroup',
            resourceId: 'sg-1',
            configurationStateId: '1',
            configurationItemStatus: 'OK',
          },
        ],
      },
    });
    aws.script('config.GetComplianceDetailsByResource', { body: { EvaluationResults: [] } });
    const config = await fetch(
      'config',
      '--resource-type',
      'AWS::EC2::SecurityGroup',
      '--resource-id',
      'sg-1',
      '--window-before',
      '2d',
    );
    expect(config.code, config.stderr).toBe(0);
    expect(aws.callsTo('config.GetResourceConfigHistory')[0]?.body).toMatchObject({
      earlierTime: Date.parse('2024-08-02T08:30:00Z') / 1000 - 2 * 86400,
      laterTime: Date.parse('2024-08-02T08:30:00Z') / 1000 + 3600,
    });

    aws.script('guardduty.ListFindings', { body: { findingIds: ['f1'] } });
    aws.script('guardduty.GetFindings', {
      body: {
        findings: [
          {
            id: 'f1',
            type: 'Recon:IAMUser/TorIPCaller',
            severity: 8,
            createdAt: '2024-08-02T08:20:00Z',
            accountId: '1',
            region: 'eu-west-1',
            title: 'Tor',
          },
        ],
      },
    });
    const gd = await fetch('guardduty', '--detector-id', 'det-1');
    expect(gd.json()).toMatchObject({ fetched: 1, inserted: 1 });
    const suggested = (await cli('evidence', 'milestones', '--incident', incident, '--json')).json();
    expect(suggested.detected).toMatchObject({ time: '2024-08-02T08:20:00.000Z' });

    const missing = await fetch('config', '--resource-type', 'AWS::EC2::SecurityGroup');
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('--resource-id is required');
    expect((await fetch('cloudtrail', '--window-before', 'a week')).json().error.code).toBe(
      'invalid_duration',
    );
  });
});
