import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../../core/shared/actor.js';
import { ManualClock } from '../../../core/shared/clock.js';
import { DomainError } from '../../../core/shared/errors.js';
import { FAKE_CREDENTIALS, FakeAws } from '../../../../test/support/fake-aws/fake-aws.server.js';
import { fetchCloudTrailEvents } from './cloudtrail.fetch.js';
import { fetchConfigEvidence } from './config.fetch.js';
import { fetchDetectiveInvestigation } from './detective.fetch.js';
import { fetchGuardDutyFindings, fetchSecurityHubFindings } from './findings.fetch.js';
import { DEFAULT_INSIGHTS_QUERY, fetchLogsInsights } from './logs.fetch.js';

const stratus = JSON.parse(
  readFileSync(resolve('test/fixtures/aws/stratus/aws.defense-evasion.organizations-leave.json'), 'utf8'),
) as { eventID: string; eventName: string }[];
const asEvent = (r: { eventID: string; eventName: string }) => ({
  EventId: r.eventID,
  EventName: r.eventName,
  CloudTrailEvent: JSON.stringify(r),
});

describe('AWS fetchers against a local AWS-protocol endpoint', () => {
  let aws: FakeAws;
  const base = () => ({
    incidentId: 'INC-9',
    actor: systemActor,
    clock: new ManualClock('2026-03-01T00:00:00Z'),
    region: 'eu-west-1',
    endpoint: aws.endpoint,
    credentials: FAKE_CREDENTIALS,
  });
  beforeEach(async () => {
    aws = await FakeAws.start();
  });
  afterEach(async () => {
    await aws.close();
  });

  it('CloudTrail LookupEvents: follows NextToken, retries throttling, records provenance', async () => {
    aws.script(
      'cloudtrail.LookupEvents',
      { error: 'ThrottlingException', message: 'Rate exceeded' },
      { body: { Events: stratus.slice(0, 2).map(asEvent), NextToken: 'page-2' } },
      { body: { Events: stratus.slice(2).map(asEvent) } },
    );
    const items = await fetchCloudTrailEvents({
      ...base(),
      attribute: { key: 'EventName', value: 'AssumeRole' },
      start: new Date('2024-08-02T08:00:00Z'),
      end: new Date('2024-08-02T09:00:00Z'),
    });
    expect(items.map((i) => i.source_id)).toEqual(stratus.map((r) => r.eventID));
    const calls = aws.callsTo('cloudtrail.LookupEvents');
    expect(calls).toHaveLength(3); // throttled, page 1, page 2
    expect(calls[0]?.body).toMatchObject({
      LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'AssumeRole' }],
    });
    expect(calls[2]?.body).toMatchObject({ NextToken: 'page-2' });
    expect(items[0]?.provenance).toEqual({
      method: 'api',
      api: {
        service: 'cloudtrail',
        operation: 'LookupEvents',
        region: 'eu-west-1',
        parameters: {
          start_time: '2024-08-02T08:00:00.000Z',
          end_time: '2024-08-02T09:00:00.000Z',
          lookup_attribute: { key: 'EventName', value: 'AssumeRole' },
        },
      },
      obtained_at: '2026-03-01T00:00:00.000Z',
      obtained_by: 'system',
    });
  });

  it('surfaces a permanent AccessDeniedException as an unavailable DomainError naming service and operation', async () => {
    aws.script('cloudtrail.LookupEvents', {
      error: 'AccessDeniedException',
      message: 'User is not authorized to perform cloudtrail:LookupEvents',
    });
    const attempt = fetchCloudTrailEvents({ ...base(), start: new Date(0), end: new Date(1000) });
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(
      fetchCloudTrailEvents({ ...base(), start: new Date(0), end: new Date(1000) }),
    ).rejects.toMatchObject({
      kind: 'unavailable',
      code: 'aws_request_failed',
      message:
        'cloudtrail LookupEvents failed: AccessDeniedException: User is not authorized to perform cloudtrail:LookupEvents (HTTP 400)',
    });
    // not retried: one call per attempt
    expect(aws.callsTo('cloudtrail.LookupEvents')).toHaveLength(2);
  });

  it('Logs Insights: StartQuery then GetQueryResults polled until Complete, bins as evidence', async () => {
    aws.script('logs.StartQuery', { body: { queryId: 'q-1' } });
    aws.script(
      'logs.GetQueryResults',
      { body: { status: 'Running', results: [] } },
      {
        body: {
          status: 'Complete',
          results: [
            [
              { field: 'bin(5m)', value: '2024-01-15 09:05:00.000' },
              { field: 'count()', value: '7' },
            ],
          ],
        },
      },
    );
    const sleeps: number[] = [];
    const items = await fetchLogsInsights({
      ...base(),
      logGroups: ['/app/api'],
      start: new Date('2024-01-15T09:00:00Z'),
      end: new Date('2024-01-15T10:00:00Z'),
      pollMs: 250,
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
    });
    expect(sleeps).toEqual([250]);
    expect(aws.callsTo('logs.StartQuery')[0]?.body).toEqual({
      logGroupNames: ['/app/api'],
      startTime: 1705309200,
      endTime: 1705312800,
      queryString: DEFAULT_INSIGHTS_QUERY,
    });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      kind: 'log_bin',
      time: '2024-01-15T09:05:00.000Z',
      provenance: { api: { query: DEFAULT_INSIGHTS_QUERY } },
    });
  });

  it('Config: history in the 7 days before to 1 hour after window, and NON_COMPLIANT evaluations', async () => {
    aws.script('config.GetResourceConfigHistory', {
      body: {
        configurationItems: [
          {
            configurationItemCaptureTime: 1705309200,
            resourceType: 'AWS::EC2::SecurityGroup',
            resourceId: 'sg-1',
            configurationStateId: '2',
            configuration: '{"ipPermissions":[{"fromPort":22}]}',
            configurationItemStatus: 'OK',
          },
          {
            configurationItemCaptureTime: 1705305600,
            resourceType: 'AWS::EC2::SecurityGroup',
            resourceId: 'sg-1',
            configurationStateId: '1',
            configuration: '{"ipPermissions":[]}',
            configurationItemStatus: 'OK',
          },
        ],
      },
    });
    aws.script('config.GetComplianceDetailsByResource', {
      body: {
        EvaluationResults: [
          {
            ComplianceType: 'NON_COMPLIANT',
            ResultRecordedTime: 1705310000,
            EvaluationResultIdentifier: {
              OrderingTimestamp: 1705309900,
              EvaluationResultQualifier: {
                ConfigRuleName: 'restricted-ssh',
                ResourceType: 'AWS::EC2::SecurityGroup',
                ResourceId: 'sg-1',
              },
            },
          },
        ],
      },
    });
    const items = await fetchConfigEvidence({
      ...base(),
      resourceType: 'AWS::EC2::SecurityGroup',
      resourceId: 'sg-1',
      incidentTime: new Date('2024-01-15T10:00:00Z'),
    });
    expect(aws.callsTo('config.GetResourceConfigHistory')[0]?.body).toMatchObject({
      earlierTime: 1704708000,
      laterTime: 1705316400,
    });
    expect(items.map((i) => [i.kind, i.time])).toEqual([
      ['configuration_change', '2024-01-15T08:00:00.000Z'],
      ['configuration_change', '2024-01-15T09:00:00.000Z'],
      ['compliance_violation', '2024-01-15T09:13:20.000Z'],
    ]);
    expect(items[1]?.summary).toContain('changed configuration.ipPermissions[0]');
  });

  it('GuardDuty (REST-JSON): ListFindings pages then GetFindings; Security Hub pages; Detective polls', async () => {
    aws.script(
      'guardduty.ListFindings',
      { body: { findingIds: ['f1'], nextToken: 't2' } },
      { body: { findingIds: ['f2'] } },
    );
    const finding = (id: string) => ({
      id,
      type: 'Recon:IAMUser/TorIPCaller',
      severity: 8,
      createdAt: '2024-01-01T00:00:00Z',
      accountId: '1',
      region: 'eu-west-1',
      title: 'Tor',
    });
    aws.script('guardduty.GetFindings', { body: { findings: [finding('f1'), finding('f2')] } });
    const gd = await fetchGuardDutyFindings({ ...base(), detectorId: 'det-1' });
    expect(gd.map((i) => [i.source_id, i.severity_normalised])).toEqual([
      ['f1', 'High'],
      ['f2', 'High'],
    ]);
    expect(aws.callsTo('guardduty.GetFindings')[0]?.body).toEqual({ findingIds: ['f1', 'f2'] });

    const asff = (id: string) => ({
      Id: id,
      CreatedAt: '2024-01-01T00:00:00Z',
      Severity: { Label: 'CRITICAL' },
      Title: 't',
      AwsAccountId: '1',
      Types: ['TTPs'],
      Resources: [{ Id: 'arn:r', Type: 'Other' }],
    });
    aws.script(
      'securityhub.GetFindings',
      { body: { Findings: [asff('a')], NextToken: 'n' } },
      { body: { Findings: [asff('b')] } },
    );
    const sh = await fetchSecurityHubFindings({ ...base() });
    expect(sh.map((i) => [i.source_id, i.severity_normalised])).toEqual([
      ['a', 'Critical'],
      ['b', 'Critical'],
    ]);

    aws.script('detective.StartInvestigation', { body: { InvestigationId: 'inv-1' } });
    aws.script(
      'detective.GetInvestigation',
      { body: { InvestigationId: 'inv-1', Status: 'RUNNING' } },
      {
        body: {
          InvestigationId: 'inv-1',
          Status: 'SUCCESSFUL',
          Severity: 'HIGH',
          EntityArn: 'arn:aws:iam::1:user/bob',
          EntityType: 'IAM_USER',
          CreatedTime: '2024-01-02T00:00:00Z',
        },
      },
    );
    const inv = await fetchDetectiveInvestigation({
      ...base(),
      graphArn: 'arn:aws:detective:eu-west-1:1:graph:g',
      entityArn: 'arn:aws:iam::1:user/bob',
      start: new Date('2024-01-01T00:00:00Z'),
      end: new Date('2024-01-02T00:00:00Z'),
      sleep: () => Promise.resolve(),
    });
    expect(inv).toMatchObject({
      source: 'detective',
      source_id: 'inv-1',
      severity_normalised: 'High',
      time: '2024-01-02T00:00:00.000Z',
    });
  });
});
