import { describe, expect, it } from 'vitest';
import type { EvidenceItem } from './evidence.schema.js';
import { suggestMilestones } from './evidence.milestones.js';
import { severityFromGuardDuty, severityFromLabel, severityFromNormalized } from './evidence.severity.js';
import { toUtcInstant } from './evidence.time.js';

let n = 0;
function item(over: Partial<EvidenceItem>): EvidenceItem {
  n++;
  return {
    id: `ev-${n}`,
    incident_id: 'INC-1',
    source: 'cloudtrail',
    source_id: `e${n}`,
    kind: 'api_call',
    time: '2024-01-01T00:00:00.000Z',
    actor: null,
    resource: null,
    action: null,
    summary: 's',
    severity: null,
    severity_normalised: null,
    region: null,
    account: null,
    raw: {},
    provenance: { method: 'api', obtained_at: '2024-02-01T00:00:00.000Z', obtained_by: 'u' },
    ...over,
  };
}

describe('suggestMilestones', () => {
  it('finds first indicator, detection and the last containment action with reasons and evidence', () => {
    const routine = item({ time: '2024-01-01T09:00:00.000Z', action: 'sts.amazonaws.com:GetCallerIdentity' });
    const early = item({ time: '2024-01-01T08:00:00.000Z', action: 'iam.amazonaws.com:DeleteAccessKey' });
    const stop = item({ time: '2024-01-01T10:00:00.000Z', action: 'cloudtrail.amazonaws.com:StopLogging' });
    const denied = item({
      time: '2024-01-01T10:05:00.000Z',
      kind: 'api_error',
      action: 'iam.amazonaws.com:ListUsers',
    });
    const finding = item({ time: '2024-01-01T11:00:00.000Z', source: 'guardduty', kind: 'finding' });
    const deactivate = item({
      time: '2024-01-01T12:00:00.000Z',
      action: 'iam.amazonaws.com:UpdateAccessKey',
      raw: { requestParameters: { status: 'Inactive', accessKeyId: 'AKIA1' } },
    });
    const reactivate = item({
      time: '2024-01-01T12:30:00.000Z',
      action: 'iam.amazonaws.com:UpdateAccessKey',
      raw: { requestParameters: { status: 'Active' } },
    });
    const deny = item({
      time: '2024-01-01T13:00:00.000Z',
      action: 'iam.amazonaws.com:PutUserPolicy',
      raw: {
        requestParameters: {
          policyDocument: '{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}',
        },
      },
    });
    const failedRevoke = item({
      time: '2024-01-01T14:00:00.000Z',
      kind: 'api_error',
      action: 'ec2.amazonaws.com:RevokeSecurityGroupIngress',
    });

    const s = suggestMilestones([
      failedRevoke,
      deny,
      reactivate,
      deactivate,
      finding,
      denied,
      stop,
      early,
      routine,
    ]);
    expect(s.first_indicator).toEqual({
      milestone: 'first_indicator',
      time: '2024-01-01T10:00:00.000Z',
      evidence: [{ id: stop.id, source: 'cloudtrail', source_id: stop.source_id }],
      reason: 'defence evasion call cloudtrail.amazonaws.com:StopLogging',
    });
    expect(s.detected).toMatchObject({ time: '2024-01-01T11:00:00.000Z', reason: 'first guardduty finding' });
    // the DeleteAccessKey before the first indicator, the re-activation and the failed revoke do not count
    expect(s.contained).toEqual({
      milestone: 'contained',
      time: '2024-01-01T13:00:00.000Z',
      evidence: [deactivate, deny].map((i) => ({ id: i.id, source: 'cloudtrail', source_id: i.source_id })),
      reason:
        'last containment action: iam.amazonaws.com:PutUserPolicy (Deny policy) (2 containment actions)',
    });
  });

  it('suggests nothing without supporting evidence, and attaching AWSDenyAll contains', () => {
    expect(suggestMilestones([])).toEqual({ first_indicator: null, detected: null, contained: null });
    const quarantine = item({
      action: 'iam.amazonaws.com:AttachRolePolicy',
      raw: { requestParameters: { policyArn: 'arn:aws:iam::aws:policy/AWSDenyAll' } },
    });
    const s = suggestMilestones([quarantine]);
    expect(s.first_indicator).toBeNull();
    expect(s.contained?.reason).toBe(
      'last containment action: iam.amazonaws.com:AttachRolePolicy (AWSDenyAll)',
    );
  });
});

describe('severity and time normalisation', () => {
  it('maps source scales by their documented bands', () => {
    expect([0.5, 1, 3.9, 4, 6.9, 7, 8.9, 9, 10].map(severityFromGuardDuty)).toEqual([
      null,
      'Low',
      'Low',
      'Medium',
      'Medium',
      'High',
      'High',
      'Critical',
      'Critical',
    ]);
    expect([0, 1, 39, 40, 69, 70, 89, 90].map(severityFromNormalized)).toEqual([
      null,
      'Low',
      'Low',
      'Medium',
      'Medium',
      'High',
      'High',
      'Critical',
    ]);
    expect(['INFORMATIONAL', 'low', 'CRITICAL'].map(severityFromLabel)).toEqual([null, 'Low', 'Critical']);
  });

  it('normalises instants to UTC and refuses zoneless times', () => {
    expect(toUtcInstant('2017-02-04T06:10:33.880000-05:00')).toBe('2017-02-04T11:10:33.880Z');
    expect(toUtcInstant(1480435544699)).toBe('2016-11-29T16:05:44.699Z');
    expect(toUtcInstant('2024-01-01T10:00:00')).toBeNull();
    expect(toUtcInstant('yesterday')).toBeNull();
  });
});
