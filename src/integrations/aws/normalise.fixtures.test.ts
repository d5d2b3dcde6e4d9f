import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EvidenceItem, type Provenance } from '../../core/evidence/evidence.schema.js';
import { unwrapRecording } from '../../../test/support/fake-aws/recorder.unwrap.js';
import { cloudTrailRecordOf, normaliseCloudTrailRecord } from './cloudtrail/cloudtrail.normalise.js';
import { diffConfiguration } from './config/config.diff.js';
import {
  configurationItemOfRuleEvent,
  normaliseConfigurationHistory,
  normaliseConfigurationItem,
  normaliseEvaluationResult,
} from './config/config.normalise.js';
import { normaliseInvestigation } from './detective/detective.normalise.js';
import { normaliseGuardDutyFinding } from './guardduty/guardduty.normalise.js';
import { normaliseInsightsBin, normaliseLogEvent } from './logs/logs.normalise.js';
import { normaliseSecurityHubFinding, securityHubFindingsOf } from './securityhub/securityhub.normalise.js';
import { sharedDataPath } from '../../../test/support/shared-data.js';

const FIX = resolve('test/fixtures/aws/custodian');
const SHARED = sharedDataPath('cloud-custodian-aws-fixtures');
const provenance: Provenance = { method: 'file', obtained_at: '2026-01-01T00:00:00.000Z', obtained_by: 'u1' };
const ctx = { incidentId: 'INC-7', provenance };
const read = (dir: string, name: string): unknown => JSON.parse(readFileSync(join(dir, name), 'utf8'));
const valid = (item: EvidenceItem): EvidenceItem => {
  expect(EvidenceItem.safeParse(item).error).toBeUndefined();
  return item;
};

describe('normalisers over the Cloud Custodian fixtures', () => {
  it('GuardDuty EventBridge finding: id, created time, severity 5 → Medium, resource', () => {
    const item = valid(normaliseGuardDutyFinding(read(FIX, 'ec2-duty-event.json'), ctx));
    expect(item).toMatchObject({
      source: 'guardduty',
      source_id: 'b4b01b60fc24a199139f8f5f490edd81',
      kind: 'finding',
      time: '2017-12-08T15:32:49.865Z',
      resource: 'i-99999999',
      action: 'Backdoor:EC2/C&CActivity.B!DNS',
      severity: '5',
      severity_normalised: 'Medium',
      region: 'us-east-1',
    });
    const iam = valid(normaliseGuardDutyFinding(read(FIX, 'iam-duty-event.json'), ctx));
    expect(iam.actor).toBe('GeneratedFindingUserName');
  });

  it('GuardDuty SDK (PascalCase) and wire (camelCase) shapes give the same item', () => {
    const wire = {
      id: 'f1',
      type: 'Recon:IAMUser/TorIPCaller',
      severity: 8.5,
      createdAt: '2024-01-01T00:00:00Z',
      title: 't',
      accountId: '1',
      region: 'eu-west-1',
      resource: { accessKeyDetails: { userName: 'bob', userType: 'IAMUser' } },
    };
    const sdk = {
      Id: 'f1',
      Type: 'Recon:IAMUser/TorIPCaller',
      Severity: 8.5,
      CreatedAt: '2024-01-01T00:00:00Z',
      Title: 't',
      AccountId: '1',
      Region: 'eu-west-1',
      Resource: { AccessKeyDetails: { UserName: 'bob', UserType: 'IAMUser' } },
    };
    const a = normaliseGuardDutyFinding(wire, ctx);
    const b = normaliseGuardDutyFinding(sdk, ctx);
    expect({ ...a, raw: null }).toEqual({ ...b, raw: null });
    expect(a).toMatchObject({ severity_normalised: 'High', actor: 'bob', resource: 'IAMUser/bob' });
  });

  it('Security Hub GetFindings page and Custom Action event', () => {
    const page = unwrapRecording(
      read(FIX, 'test_security_hub_lambda_update__securityhub.GetFindings_1.json'),
    );
    const [finding] = securityHubFindingsOf(page).map((f) => valid(normaliseSecurityHubFinding(f, ctx)));
    expect(finding).toMatchObject({
      source: 'security-hub',
      source_id: 'us-east-2/644160558196/81cc9d38b8f8ebfd260ecc81585b4bc9/9f5932aa97900b5164502f41ae393d23',
      time: '2018-12-27T23:35:58.406Z',
      resource: 'arn:aws:lambda:us-east-2:644160558196:function:check',
      severity: 'Normalized 10',
      severity_normalised: 'Low',
      account: '644160558196',
    });
    const event = securityHubFindingsOf(read(FIX, 'event-securityhub-iamkey-finding-action.json'));
    expect(event.length).toBeGreaterThan(0);
    expect(valid(normaliseSecurityHubFinding(event[0], ctx)).severity_normalised).toBe('Medium');
  });

  it('Config history: ordered by capture time and diffed against the previous item', () => {
    const history = (name: string) =>
      normaliseConfigurationHistory(
        (unwrapRecording(read(FIX, name)) as { configurationItems: unknown[] }).configurationItems,
        ctx,
      ).map(valid);
    const sg = history('test_sg_config_diff__config.GetResourceConfigHistory_1.json');
    // recorded newest first; normalised oldest first
    expect(sg.map((i) => i.time)).toEqual(['2016-12-11T06:04:02.376Z', '2016-12-11T06:04:03.800Z']);
    expect(sg[0]?.source_id).toBe('AWS::EC2::SecurityGroup/sg-a38ed1de/1481454242376');
    expect(sg[1]?.summary).toBe(
      'AWS Config: AWS::EC2::SecurityGroup sg-a38ed1de ResourceDiscovered; no configuration change',
    );
    const volume = history('test_ebs_health_events_filter__config.GetResourceConfigHistory_1.json');
    expect(volume.map((i) => i.time)).toEqual(['2017-01-17T22:17:03.382Z', '2017-01-19T03:37:01.401Z']);
    const changes = (volume[1]?.raw as { hindsight_changes: { path: string; after: unknown }[] })
      .hindsight_changes;
    expect(changes.find((c) => c.path === 'configuration')).toMatchObject({ after: null });
    expect(volume[1]?.summary).toContain('changed ');
  });

  it('Config evaluation results: NON_COMPLIANT is a violation', () => {
    const page = unwrapRecording(
      read(FIX, 'test_config_compliance__config.GetComplianceDetailsByConfigRule_1.json'),
    ) as {
      EvaluationResults: unknown[];
    };
    const [item] = page.EvaluationResults.map((r) => valid(normaliseEvaluationResult(r, ctx)));
    expect(item).toMatchObject({
      kind: 'compliance_violation',
      time: '2018-07-11T08:20:23.955Z',
      resource: 'AWS::EC2::Volume/vol-0c6efd2a9f5677a03',
      source_id: 'custodian-good-vol/AWS::EC2::Volume/vol-0c6efd2a9f5677a03/2018-07-11T08:10:59.000Z',
    });
  });

  it('Config rule invocation event and CloudTrail-via-EventBridge event', () => {
    const ci = configurationItemOfRuleEvent(read(FIX, 'event-config-rule-security-group.json'));
    expect(valid(normaliseConfigurationItem(ci, ctx)).resource).toBe(
      'arn:aws:ec2:eu-west-1:123456789012:security-group/sg-e2fb6999',
    );
    const ct = valid(
      normaliseCloudTrailRecord(cloudTrailRecordOf(read(FIX, 'event-cloud-trail-s3.json')), ctx),
    );
    expect(ct.action).toBe('s3.amazonaws.com:CreateBucket');
  });

  it('CloudWatch Logs events and Logs Insights bins', () => {
    const page = unwrapRecording(read(FIX, 'test_logs_from_group__logs.GetLogEvents_1.json')) as {
      events: unknown[];
    };
    const items = page.events.map((e) =>
      valid(normaliseLogEvent(e, { ...ctx, logGroup: '/aws/lambda/custodian' })),
    );
    expect(items[0]?.time).toBe('2016-11-29T16:05:44.699Z');
    expect(new Set(items.map((i) => i.source_id)).size).toBe(items.length);
    const bin = valid(
      normaliseInsightsBin(
        [
          { field: 'bin(5m)', value: '2024-01-15 09:05:00.000' },
          { field: 'count()', value: '12' },
        ],
        {
          ...ctx,
          logGroups: ['/app'],
          queryString: 'q',
        },
      ),
    );
    expect(bin).toMatchObject({
      kind: 'log_bin',
      time: '2024-01-15T09:05:00.000Z',
      summary: 'Logs Insights bin(5m) at 2024-01-15T09:05:00.000Z: count() = 12',
    });
  });

  it('Detective investigation', () => {
    const item = valid(
      normaliseInvestigation(
        {
          InvestigationId: 'inv1',
          EntityArn: 'arn:aws:iam::1:user/bob',
          EntityType: 'IAM_USER',
          CreatedTime: new Date('2024-01-01T00:00:00Z'),
          Severity: 'HIGH',
          Status: 'SUCCESSFUL',
        },
        ctx,
      ),
    );
    expect(item).toMatchObject({
      source: 'detective',
      severity_normalised: 'High',
      actor: 'arn:aws:iam::1:user/bob',
    });
  });

  it.runIf(existsSync(SHARED))(
    'every Security Hub, GuardDuty, Config and CloudWatch sample in shared/data normalises',
    () => {
      let count = 0;
      const api = join(SHARED, 'api-responses');
      for (const name of readdirSync(api).sort()) {
        const data = unwrapRecording(read(api, name)) as Record<string, unknown[]>;
        const where = name;
        if (name.includes('securityhub.GetFindings'))
          securityHubFindingsOf(data).forEach((f) =>
            valid(normaliseSecurityHubFinding(f, { ...ctx, where })),
          );
        else if (name.includes('config.GetResourceConfigHistory'))
          normaliseConfigurationHistory(data['configurationItems'] ?? [], ctx).forEach(valid);
        else if (name.includes('config.GetComplianceDetails'))
          (data['EvaluationResults'] ?? []).forEach((r) => valid(normaliseEvaluationResult(r, ctx)));
        else if (name.includes('logs.GetLogEvents'))
          (data['events'] ?? []).forEach((e) => valid(normaliseLogEvent(e, { ...ctx, logGroup: 'g' })));
        else continue;
        count++;
      }
      const events = join(SHARED, 'eventbridge-events');
      for (const name of readdirSync(events).sort()) {
        const event = read(events, name) as Record<string, unknown>;
        const type = event['detail-type'];
        if (type === 'GuardDuty Finding') valid(normaliseGuardDutyFinding(event, ctx));
        else if (typeof type === 'string' && type.startsWith('Security Hub Findings'))
          securityHubFindingsOf(event).forEach((f) => valid(normaliseSecurityHubFinding(f, ctx)));
        else if (name === 'event-cloud-trail-bedrock-create-customization-jobs.json')
          // a fragment with neither eventID nor eventTime: it cannot be placed or deduplicated, so it is refused
          expect(() => normaliseCloudTrailRecord(event, { ...ctx, where: name })).toThrow(/has no eventID/);
        else if (type === 'AWS API Call via CloudTrail' || 'eventName' in event)
          valid(normaliseCloudTrailRecord(cloudTrailRecordOf(event), { ...ctx, where: name }));
        else continue;
        count++;
      }
      const rules = join(SHARED, 'config-rule-events');
      for (const name of readdirSync(rules).sort()) {
        const event = read(rules, name) as Record<string, unknown>;
        if ('detail-type' in event) {
          valid(normaliseCloudTrailRecord(cloudTrailRecordOf(event), { ...ctx, where: name }));
        } else if ('invokingEvent' in event) {
          const ci = configurationItemOfRuleEvent(event);
          if (ci !== null) valid(normaliseConfigurationItem(ci, ctx));
        } else if (Array.isArray(event['configurationItems']))
          normaliseConfigurationHistory(event['configurationItems'], ctx).forEach(valid);
        else valid(normaliseConfigurationItem(event, ctx));
        count++;
      }
      expect(count).toBeGreaterThan(60);
    },
  );
});

describe('diffConfiguration', () => {
  it('reports changed, added and removed fields with paths, decoding JSON strings', () => {
    expect(diffConfiguration({ a: 1, b: [1], c: 'x' }, { a: 2, b: [1, 2] })).toEqual([
      { path: 'a', before: 1, after: 2 },
      { path: 'b[1]', before: undefined, after: 2 },
      { path: 'c', before: 'x', after: undefined },
    ]);
    expect(
      diffConfiguration(
        { configuration: '{"ipRanges":["0.0.0.0/0"]}' },
        { configuration: '{"ipRanges":["10.0.0.0/8"]}' },
      ),
    ).toEqual([{ path: 'configuration.ipRanges[0]', before: '0.0.0.0/0', after: '10.0.0.0/8' }]);
    expect(diffConfiguration({ a: { b: null } }, { a: { b: null } })).toEqual([]);
  });
});
