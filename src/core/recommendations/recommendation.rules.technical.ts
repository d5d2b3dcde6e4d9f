import type { RecommendationRule } from './recommendation.schema.js';

const CONFIG_SUBJECT = {
  pattern:
    /security\s+groups?|network\s+acls?|firewall\s+rules?|open\s+ports?|s3\s+buckets?|buckets?|iam\s+polic(?:y|ies)/i,
  otherwise: 'this configuration',
};

const technical = (rule: Omit<RecommendationRule, 'category'>): RecommendationRule => ({
  ...rule,
  category: 'technical',
});

export const TECHNICAL_RULES: readonly RecommendationRule[] = [
  technical({
    id: 'technical.config_policy_as_code',
    keywords:
      /security\s+groups?|misconfigur\w*|network\s+acls?|firewall\s+rules?|open\s+ports?|public(?:ly)?\s+(?:accessible|bucket|s3)/i,
    type: 'preventive',
    subject: CONFIG_SUBJECT,
    title: (m) =>
      `Add an AWS Config rule / policy-as-code check for ${m} before and after changes are applied`,
    rationale:
      'A misconfiguration recurs until a check rejects it automatically; review alone does not scale.',
  }),
  technical({
    id: 'technical.config_change_alert',
    keywords:
      /security\s+groups?|misconfigur\w*|network\s+acls?|firewall\s+rules?|configuration\s+drift|drift/i,
    type: 'detective',
    subject: CONFIG_SUBJECT,
    title: (m) =>
      `Alert on changes to ${m} (AWS Config change notifications or EventBridge rules on CloudTrail events)`,
    rationale: 'Detecting the change within minutes shortens exposure when a preventive check is bypassed.',
  }),
  technical({
    id: 'technical.monitoring_gap',
    keywords:
      /monitoring|alarms?|alerting|alerts?|observability|visibility|undetected|not\s+detected|logging|logs/i,
    type: 'detective',
    title: (m) => `Close the ${m} gap: add the metric, log or alarm that would have detected this incident`,
    rationale: 'Time to detect drives impact; each incident shows a signal that should have paged someone.',
  }),
  technical({
    id: 'technical.credentials_least_privilege',
    keywords:
      /credentials?|access\s+keys?|secrets?|passwords?|tokens?|iam|permissions?|privileges?|over-?privileged/i,
    type: 'preventive',
    title: (m) =>
      `Enforce least privilege and short-lived ${m}: scope policies with IAM Access Analyzer and rotate automatically`,
    rationale: 'Broad or long-lived credentials turn a small slip or leak into a large incident.',
  }),
  technical({
    id: 'technical.patching',
    keywords: /unpatched|patch(?:es|ing)?|vulnerabilit(?:y|ies)|cves?|outdated|end[-\s]of[-\s]life/i,
    type: 'preventive',
    title: (m) =>
      `Automate ${m} management: continuous vulnerability scanning (e.g. Amazon Inspector) with patch SLAs`,
    rationale: 'Known vulnerabilities are exploited soon after disclosure; manual patching lags.',
  }),
  technical({
    id: 'technical.capacity',
    keywords: /capacity|scaling|throttl\w*|saturat\w*|exhaust\w*|quotas?|rate\s+limits?|overload\w*/i,
    type: 'preventive',
    title: (m) => `Load-test for ${m} and add auto scaling with alarms on quota and utilisation headroom`,
    rationale: 'Capacity limits fail suddenly; headroom alarms give time to act before they are reached.',
  }),
  technical({
    id: 'technical.single_point_of_failure',
    keywords:
      /single\s+points?\s+of\s+failure|no\s+redundancy|redundan\w*|failover|single\s+(?:az|availability\s+zone|region|instance)/i,
    type: 'preventive',
    title: (m) => `Remove the ${m} weakness: run across availability zones and exercise failover regularly`,
    rationale: 'A component without a tested alternative turns any fault into an outage.',
  }),
  technical({
    id: 'technical.backup_restore',
    keywords: /backups?|restor\w*|snapshots?|data\s+loss/i,
    type: 'corrective',
    title: (m) => `Test ${m} on a schedule and record the measured recovery time against the objective`,
    rationale: 'Backups that are never restored are assumptions; only a restore test proves recovery.',
  }),
  technical({
    id: 'technical.safe_deployment',
    keywords: /deploy\w*|releases?|rollouts?|rollbacks?|canary/i,
    type: 'preventive',
    title: (m) => `Make ${m} safer: canary stages with automatic rollback on alarm`,
    rationale:
      'Most incidents follow a change; limiting the blast radius of a bad change limits the incident.',
  }),
  technical({
    id: 'technical.certificate_expiry',
    keywords: /certificates?|\bcerts?\b|tls|ssl|expir\w*/i,
    type: 'preventive',
    title: (m) => `Automate renewal of ${m} (e.g. ACM) and alarm 30 days before any expiry`,
    rationale: 'Expiry is predictable; it only causes outages when renewal depends on someone remembering.',
  }),
  technical({
    id: 'technical.encryption',
    keywords: /unencrypted|encrypt\w*|plain\s?text|kms/i,
    type: 'preventive',
    title: (m) =>
      `Enforce encryption by default where data was ${m} (KMS keys, S3/EBS default encryption, SCPs)`,
    rationale: 'Defaults enforced by policy hold even when a new resource is created in a hurry.',
  }),
  technical({
    id: 'technical.dependency_health',
    keywords: /dependenc(?:y|ies)|third[-\s]party|upstream|vendor|supplier|librar(?:y|ies)/i,
    type: 'detective',
    title: (m) => `Monitor ${m} health and add timeouts, retries with backoff and a fallback for its failure`,
    rationale: 'Dependencies fail outside your control; detection and graceful degradation are within it.',
  }),
];
