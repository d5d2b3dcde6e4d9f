import type { FactorCategory, Priority, Severity } from '../../core/shared/vocabulary.js';

/** One demo incident: what happened, how long each phase took, and what the review found. */
export interface DemoIncident {
  title: string;
  description: string;
  severity: Severity;
  category: string;
  kind?: 'incident' | 'drill';
  attack_vector: string | null;
  services: string[];
  team: string;
  restricted?: boolean;
  /** Days before now that impact started, and minutes to detection, containment and resolution. */
  days_ago: number;
  /** null contain/resolve: the incident is still open at that stage. */
  minutes: { detect: number; contain: number | null; resolve: number | null } | null;
  review?: {
    impact: string;
    went_well: string[];
    could_improve: string[];
    factors: Array<[FactorCategory, string, boolean?]>;
    lessons: Array<[string, string, Priority, string]>;
    actions: Array<[string, string, string]>;
  };
}

export const DEMO_INCIDENTS: DemoIncident[] = [
  {
    title: 'Unauthorized database access through an over-privileged service account',
    description: 'A leaked service-account key was used to read the customers table in production.',
    severity: 'High',
    category: 'Access Control',
    attack_vector: 'Credential theft',
    services: ['customer-db'],
    team: 'security',
    restricted: true,
    days_ago: 80,
    minutes: { detect: 95, contain: 240, resolve: 1440 },
    review: {
      impact: 'Potential exposure of 10,000 customer records; regulators notified.',
      went_well: ['GuardDuty finding raised within the hour', 'Key rotated quickly once found'],
      could_improve: ['No alert on unusual query volume', 'Runbook for key compromise was out of date'],
      factors: [
        ['technical', 'Service account had read access to every table', true],
        ['process', 'No periodic access certification for service accounts'],
        ['organizational', 'Unclear ownership of legacy service accounts'],
      ],
      lessons: [
        ['Apply least privilege to every service account', 'Access Management', 'Critical', 'Identity Team'],
        ['Certify service-account access quarterly', 'Process Improvement', 'High', 'Security Team'],
      ],
      actions: [
        [
          'Scope the reporting account to the two views it needs',
          'Identity Team',
          'IAM Access Analyzer shows no unused permissions',
        ],
        [
          'Alert on unusual read volume from service accounts',
          'Security Team',
          'A replayed attack query raises an alert within 5 minutes',
        ],
      ],
    },
  },
  {
    title: 'Checkout latency spike after connection-pool change',
    description: 'A config change halved the database connection pool; checkout p99 rose to 9 s.',
    severity: 'Critical',
    category: 'Change Management',
    attack_vector: null,
    services: ['checkout'],
    team: 'payments',
    days_ago: 64,
    minutes: { detect: 6, contain: 35, resolve: 90 },
    review: {
      impact: '23% of checkouts failed for 35 minutes; estimated revenue loss significant.',
      went_well: ['Latency SLO alert fired within 6 minutes', 'Rollback was one click'],
      could_improve: ['The change had no canary stage', 'Pool size was not covered by config validation'],
      factors: [
        ['technical', 'Pool size set in two places with different defaults', true],
        ['process', 'Config changes bypass the canary pipeline'],
      ],
      lessons: [
        [
          'Route configuration changes through the canary pipeline',
          'Change Management',
          'High',
          'Platform Team',
        ],
      ],
      actions: [
        ['Validate pool size against service limits in CI', 'Platform Team', 'CI rejects a pool below 20'],
      ],
    },
  },
  {
    title: 'Public S3 bucket exposed build artifacts',
    description: 'AWS Config flagged a bucket with a public-read ACL holding internal build artifacts.',
    severity: 'Medium',
    category: 'Misconfiguration',
    attack_vector: 'Misconfiguration',
    services: ['ci-artifacts'],
    team: 'platform',
    days_ago: 51,
    minutes: { detect: 720, contain: 20, resolve: 180 },
    review: {
      impact: 'No evidence of download by outside parties; artifacts contained no secrets.',
      went_well: ['AWS Config rule caught the ACL'],
      could_improve: ['Detection took 12 hours', 'Account-level Block Public Access was off'],
      factors: [
        ['technical', 'Account-level S3 Block Public Access disabled', true],
        ['process', 'Bucket created by hand outside infrastructure as code'],
      ],
      lessons: [
        [
          'Enforce S3 Block Public Access at the organization level',
          'Cloud Security',
          'High',
          'Platform Team',
        ],
      ],
      actions: [
        [
          'Enable organization-wide S3 Block Public Access',
          'Platform Team',
          'SCP denies PutBucketAcl with public grants',
        ],
      ],
    },
  },
  {
    title: 'Certificate expiry took down the partner API',
    description: 'The TLS certificate of the partner API expired; partners saw handshake failures.',
    severity: 'High',
    category: 'Availability',
    attack_vector: null,
    services: ['partner-api'],
    team: 'platform',
    days_ago: 43,
    minutes: { detect: 25, contain: 60, resolve: 75 },
    review: {
      impact: 'All partner integrations failed for one hour.',
      went_well: ['Clear incident command'],
      could_improve: ['Expiry reminders went to a former employee'],
      factors: [
        ['technical', 'Certificate issued manually, outside ACM auto-renewal', true],
        ['organizational', 'Renewal reminders addressed to a departed owner'],
      ],
      lessons: [
        [
          'Issue every public certificate through ACM with auto-renewal',
          'Reliability',
          'High',
          'Platform Team',
        ],
      ],
      actions: [
        [
          'Move partner-api certificate to ACM',
          'Platform Team',
          'Certificate shows managed renewal eligible',
        ],
      ],
    },
  },
  {
    title: 'Credential stuffing against the login endpoint',
    description: 'A botnet tried 2 million leaked credentials; 140 accounts were taken over.',
    severity: 'High',
    category: 'Access Control',
    attack_vector: 'Credential stuffing',
    services: ['auth'],
    team: 'security',
    days_ago: 33,
    minutes: { detect: 180, contain: 90, resolve: 600 },
    review: {
      impact: '140 accounts taken over; forced password resets for affected users.',
      went_well: ['WAF rate-based rule deployed within 90 minutes'],
      could_improve: ['No alert on login failure ratio', 'MFA optional for customers'],
      factors: [
        ['technical', 'No rate limiting on the login endpoint', true],
        ['process', 'Login failure ratio not monitored'],
        ['organizational', 'MFA rollout deprioritised twice'],
      ],
      lessons: [
        ['Rate-limit and monitor authentication endpoints', 'Access Management', 'Critical', 'Security Team'],
      ],
      actions: [
        [
          'Alert when the login failure ratio exceeds 30% for 5 minutes',
          'Security Team',
          'Replay triggers the alert',
        ],
      ],
    },
  },
  {
    title: 'Queue backlog delayed order emails',
    description: 'A poison message blocked the email worker; order confirmations were delayed 3 hours.',
    severity: 'Medium',
    category: 'Availability',
    attack_vector: null,
    services: ['notifications'],
    team: 'payments',
    days_ago: 26,
    minutes: { detect: 150, contain: 30, resolve: 60 },
    review: {
      impact: 'Order confirmation emails delayed for 3 hours; support tickets doubled.',
      went_well: ['Replay of the backlog worked first time'],
      could_improve: ['Queue age was not alerted on'],
      factors: [
        ['technical', 'No dead-letter queue for malformed messages', true],
        ['process', 'Queue age missing from the service dashboard'],
      ],
      lessons: [
        ['Give every queue a dead-letter queue and an age alarm', 'Reliability', 'Medium', 'Payments Team'],
      ],
      actions: [
        [
          'Add a DLQ and age alarm to the email queue',
          'Payments Team',
          'A poison message lands in the DLQ in test',
        ],
      ],
    },
  },
  {
    title: 'Leaked access key used for crypto-mining instances',
    description: 'An access key committed to a public repository launched GPU instances in an unused region.',
    severity: 'Critical',
    category: 'Access Control',
    attack_vector: 'Credential theft',
    services: ['customer-db'],
    team: 'security',
    days_ago: 18,
    minutes: { detect: 45, contain: 30, resolve: 300 },
    review: {
      impact: 'Compute charges of several thousand dollars; no data accessed.',
      went_well: ['GuardDuty detected the unusual region quickly'],
      could_improve: [
        'Secret scanning was not enabled on the repository',
        'Unused regions were not disabled',
      ],
      factors: [
        ['technical', 'Long-lived access key in source code', true],
        ['process', 'No secret scanning in the commit pipeline'],
        ['human', 'Developers unaware that example configs were public'],
      ],
      lessons: [
        [
          'Replace long-lived keys with short-lived role credentials',
          'Access Management',
          'Critical',
          'Identity Team',
        ],
      ],
      actions: [
        [
          'Enable secret scanning on every repository',
          'Security Team',
          'A planted test key is blocked at push',
        ],
      ],
    },
  },
  {
    title: 'Tabletop exercise: ransomware on file servers',
    description: 'Quarterly tabletop exercise walking through a ransomware scenario.',
    severity: 'Low',
    category: 'Exercise',
    kind: 'drill',
    attack_vector: 'Malware',
    services: ['file-share'],
    team: 'security',
    days_ago: 14,
    minutes: null,
  },
  {
    title: 'DNS misrouting after registrar change',
    description: 'A registrar migration dropped the MX records; inbound mail bounced for two hours.',
    severity: 'Medium',
    category: 'Change Management',
    attack_vector: null,
    services: ['email'],
    team: 'platform',
    days_ago: 9,
    minutes: { detect: 40, contain: 50, resolve: 80 },
    review: {
      impact: 'Inbound mail bounced for two hours.',
      went_well: ['Records restored from the zone export'],
      could_improve: ['No pre-change record diff'],
      factors: [['process', 'Registrar migration had no checklist or record diff', true]],
      lessons: [
        [
          'Diff DNS zones before and after every registrar change',
          'Change Management',
          'Medium',
          'Platform Team',
        ],
      ],
      actions: [
        [
          'Add a zone diff step to the DNS change checklist',
          'Platform Team',
          'Checklist used in the next change',
        ],
      ],
    },
  },
  {
    title: 'Suspicious AssumeRole calls from an unknown address',
    description:
      'CloudTrail showed AssumeRole into the admin role from an address outside the corporate range.',
    severity: 'High',
    category: 'Access Control',
    attack_vector: 'Credential theft',
    services: ['iam'],
    team: 'security',
    restricted: true,
    days_ago: 5,
    minutes: { detect: 30, contain: 45, resolve: null },
  },
  {
    title: 'Search index rebuild exhausted disk',
    description: 'A full reindex filled the data volume; search returned errors.',
    severity: 'Low',
    category: 'Capacity',
    attack_vector: null,
    services: ['search'],
    team: 'platform',
    days_ago: 3,
    minutes: { detect: 15, contain: 20, resolve: 120 },
  },
  {
    title: 'Checkout errors during payment provider outage',
    description: 'The card processor returned 5xx; checkout failed without a fallback message.',
    severity: 'High',
    category: 'Availability',
    attack_vector: null,
    services: ['checkout'],
    team: 'payments',
    days_ago: 1,
    minutes: { detect: 4, contain: null, resolve: null },
  },
];
