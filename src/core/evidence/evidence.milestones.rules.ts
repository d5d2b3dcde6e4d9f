import type { EvidenceItem } from './evidence.schema.js';

/**
 * API calls that switch off or blind logging and detection (the GuardDuty "Stealth" family and the
 * Stratus defense-evasion techniques). A successful one is an indicator even before any finding.
 */
export const DEFENCE_EVASION_CALLS: ReadonlySet<string> = new Set([
  'cloudtrail.amazonaws.com:StopLogging',
  'cloudtrail.amazonaws.com:DeleteTrail',
  'cloudtrail.amazonaws.com:UpdateTrail',
  'cloudtrail.amazonaws.com:PutEventSelectors',
  'ec2.amazonaws.com:DeleteFlowLogs',
  'guardduty.amazonaws.com:DeleteDetector',
  'guardduty.amazonaws.com:DisassociateFromMasterAccount',
  'securityhub.amazonaws.com:DisableSecurityHub',
  'config.amazonaws.com:StopConfigurationRecorder',
  'config.amazonaws.com:DeleteConfigurationRecorder',
  'organizations.amazonaws.com:LeaveOrganization',
  'route53resolver.amazonaws.com:DeleteResolverQueryLogConfig',
]);

/** Calls that contain by their very nature: a credential or path removed. */
const ALWAYS_CONTAINING: ReadonlySet<string> = new Set([
  'iam.amazonaws.com:DeleteAccessKey',
  'iam.amazonaws.com:DeleteLoginProfile',
  'ec2.amazonaws.com:RevokeSecurityGroupIngress',
  'ec2.amazonaws.com:RevokeSecurityGroupEgress',
  'ec2.amazonaws.com:StopInstances',
  's3.amazonaws.com:PutBucketPublicAccessBlock',
]);

const INLINE_POLICY_CALLS: ReadonlySet<string> = new Set([
  'iam.amazonaws.com:PutUserPolicy',
  'iam.amazonaws.com:PutRolePolicy',
  'iam.amazonaws.com:PutGroupPolicy',
]);

const ATTACH_POLICY_CALLS: ReadonlySet<string> = new Set([
  'iam.amazonaws.com:AttachUserPolicy',
  'iam.amazonaws.com:AttachRolePolicy',
  'iam.amazonaws.com:AttachGroupPolicy',
]);

/** AWS managed policies incident responders attach to quarantine a principal. */
const QUARANTINE_POLICIES = /policy\/(AWSDenyAll|AWSCompromisedKeyQuarantine(V\d+)?)$/;

function requestParameters(item: EvidenceItem): Record<string, unknown> {
  const raw = item.raw as { requestParameters?: unknown } | null;
  const params = raw && typeof raw === 'object' ? raw.requestParameters : undefined;
  return params && typeof params === 'object' ? (params as Record<string, unknown>) : {};
}

/** True when an IAM policy document (a JSON string, URL-encoded or not) has a Deny statement. */
function hasDenyStatement(document: unknown): boolean {
  if (typeof document !== 'string') return false;
  let text = document;
  if (/^%7B/i.test(text)) {
    try {
      text = decodeURIComponent(text);
    } catch {
      return false;
    }
  }
  try {
    const policy = JSON.parse(text) as { Statement?: unknown };
    const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
    return statements.some(
      (s) => s && typeof s === 'object' && (s as { Effect?: unknown }).Effect === 'Deny',
    );
  } catch {
    return false;
  }
}

/**
 * Why a successful API call counts as containment, or null when it does not:
 * access key deactivated or deleted, console password removed, an inline Deny policy or a quarantine
 * managed policy attached, a security-group rule revoked, an instance stopped, S3 public access blocked.
 */
export function containmentReason(item: EvidenceItem): string | null {
  if (item.kind !== 'api_call' || item.action === null) return null;
  const action = item.action;
  if (ALWAYS_CONTAINING.has(action)) return action;
  const params = requestParameters(item);
  if (action === 'iam.amazonaws.com:UpdateAccessKey' && params['status'] === 'Inactive') {
    return `${action} (status Inactive)`;
  }
  if (INLINE_POLICY_CALLS.has(action) && hasDenyStatement(params['policyDocument'])) {
    return `${action} (Deny policy)`;
  }
  const policyArn = params['policyArn'];
  if (
    ATTACH_POLICY_CALLS.has(action) &&
    typeof policyArn === 'string' &&
    QUARANTINE_POLICIES.test(policyArn)
  ) {
    return `${action} (${policyArn.slice(policyArn.lastIndexOf('/') + 1)})`;
  }
  return null;
}

/** Why an item is an indicator of the incident, or null when it is routine. */
export function indicatorReason(item: EvidenceItem): string | null {
  switch (item.kind) {
    case 'finding':
      return `${item.source} finding`;
    case 'compliance_violation':
      return 'AWS Config rule evaluated NON_COMPLIANT';
    case 'api_error':
      return 'API call denied or failed';
    case 'api_call':
      return item.action !== null && DEFENCE_EVASION_CALLS.has(item.action)
        ? `defence evasion call ${item.action}`
        : null;
    case 'compliance':
    case 'configuration_change':
    case 'log_event':
    case 'log_bin':
    case 'investigation':
      return null;
  }
}

/** Detection means a detective control fired: a finding or a Config rule violation. */
export function detectionReason(item: EvidenceItem): string | null {
  if (item.kind === 'finding') return `first ${item.source} finding`;
  if (item.kind === 'compliance_violation') return 'first AWS Config NON_COMPLIANT evaluation';
  return null;
}
