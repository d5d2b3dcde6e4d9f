import type { FactorCategory } from '../../src/core/shared/vocabulary.js';

/**
 * Incident families: what kinds of things go wrong, with the words people use for them. A family drives a
 * generated incident's text, category, attack vector and likely contributing factors, so similar incidents
 * really share vocabulary (the similarity benchmark depends on it) and repeat signatures recur.
 */
export interface Family {
  key: string;
  category: string;
  /** Share of incidents in this family (relative weight). */
  weight: number;
  attackVectors: readonly string[];
  titles: readonly string[];
  sentences: readonly string[];
  factors: ReadonlyArray<readonly [FactorCategory, string]>;
}

export const FAMILIES: readonly Family[] = [
  {
    key: 'disk-full',
    category: 'Availability',
    weight: 12,
    attackVectors: [],
    titles: [
      'Disk full on {svc} brokers',
      '{svc} volume ran out of space',
      'Write failures on {svc}: no space left on device',
    ],
    sentences: [
      'Log retention grew after a config change and the data volume filled up.',
      'Producers saw write timeouts while the broker disk reached 100 percent.',
      'The on-call engineer expanded the volume and purged old segments.',
    ],
    factors: [
      ['technical', 'No alert on disk usage growth rate'],
      ['process', 'Retention change was not reviewed against capacity'],
    ],
  },
  {
    key: 'cert-expired',
    category: 'Availability',
    weight: 8,
    attackVectors: [],
    titles: ['TLS certificate expired on {svc}', '{svc} handshake failures after certificate expiry'],
    sentences: [
      'Clients failed the TLS handshake because the certificate had expired overnight.',
      'Automatic renewal had silently failed for three weeks.',
      'A new certificate was issued and deployed manually.',
    ],
    factors: [
      ['technical', 'Renewal job failures were not alerted'],
      ['organizational', 'Certificate ownership unclear after team reorganisation'],
    ],
  },
  {
    key: 'db-pool',
    category: 'Performance',
    weight: 14,
    attackVectors: [],
    titles: [
      '{svc} database connection pool exhausted',
      'Latency spike on {svc}: connection pool saturation',
    ],
    sentences: [
      'A slow query held connections and the pool was exhausted under peak traffic.',
      'Requests queued and p99 latency rose above ten seconds.',
      'The query was killed and an index was added.',
    ],
    factors: [
      ['technical', 'Missing index on a frequently filtered column'],
      ['process', 'Load test did not cover the new query path'],
    ],
  },
  {
    key: 'bad-deploy',
    category: 'Change',
    weight: 16,
    attackVectors: [],
    titles: ['Deploy of {svc} caused elevated errors', 'Rollback of {svc} release after 5xx spike'],
    sentences: [
      'A release changed a default and error rates rose immediately after deploy.',
      'The canary stage was skipped to ship a hotfix faster.',
      'The release was rolled back and errors returned to baseline.',
    ],
    factors: [
      ['process', 'Canary analysis skipped under time pressure'],
      ['human', 'Reviewer unfamiliar with the changed configuration'],
      ['technical', 'Feature flag default not covered by tests'],
    ],
  },
  {
    key: 'dns',
    category: 'Availability',
    weight: 5,
    attackVectors: [],
    titles: ['DNS resolution failures for {svc}', '{svc} unreachable after DNS record change'],
    sentences: [
      'A record was deleted during a zone cleanup and resolution failed for internal clients.',
      'Cached entries hid the problem for the first hour.',
    ],
    factors: [
      ['process', 'Zone changes applied without a dry run'],
      ['technical', 'No synthetic check resolving critical names'],
    ],
  },
  {
    key: 'cloudtrail-stop',
    category: 'Security',
    weight: 3,
    attackVectors: ['Use of stolen creds', 'Insider misuse'],
    titles: ['CloudTrail logging stopped in {svc} account', 'Trail deleted by unknown principal'],
    sentences: [
      'GuardDuty reported StopLogging on the organisation trail from an unfamiliar address.',
      'Logging was off until the on-call engineer restarted the trail.',
    ],
    factors: [
      ['technical', 'No SCP denies cloudtrail:StopLogging'],
      ['process', 'Security alarm routed to a low-priority queue'],
    ],
  },
  {
    key: 'leaked-key',
    category: 'Security',
    weight: 4,
    attackVectors: ['Use of stolen creds', 'Public code repository'],
    titles: ['IAM access key leaked in public repository', 'Leaked credentials used against {svc}'],
    sentences: [
      'An access key was committed to a public repository and used within minutes.',
      'The key was revoked and CloudTrail was searched for its activity.',
    ],
    factors: [
      ['technical', 'Secret scanning not enabled on the repository'],
      ['human', 'Engineer copied a working credential into a test fixture'],
      ['organizational', 'Long-lived keys still allowed for service accounts'],
    ],
  },
  {
    key: 'public-bucket',
    category: 'Security',
    weight: 3,
    attackVectors: ['Misconfiguration'],
    titles: ['S3 bucket for {svc} made public', 'Public snapshot of {svc} data shared'],
    sentences: [
      'A bucket policy change granted public read to an export bucket.',
      'Config flagged the change and access logs were reviewed for downloads.',
    ],
    factors: [
      ['technical', 'Block public access not enforced at the account level'],
      ['process', 'Policy changes merged without security review'],
    ],
  },
  {
    key: 'memory-leak',
    category: 'Performance',
    weight: 10,
    attackVectors: [],
    titles: ['Memory leak in {svc} workers', '{svc} pods OOM-killed repeatedly'],
    sentences: [
      'Workers grew steadily in memory and were killed every few hours.',
      'A cache without eviction kept every request key.',
    ],
    factors: [
      ['technical', 'Unbounded in-process cache'],
      ['process', 'Memory dashboards not part of the release checklist'],
    ],
  },
  {
    key: 'queue-backlog',
    category: 'Capacity',
    weight: 9,
    attackVectors: [],
    titles: ['{svc} queue backlog growing', 'Consumer lag on {svc} topic'],
    sentences: [
      'Consumers fell behind after a traffic surge and the backlog grew for hours.',
      'Autoscaling was capped below the needed replica count.',
    ],
    factors: [
      ['technical', 'Autoscaling maximum set years ago'],
      ['organizational', 'No capacity review before the marketing campaign'],
    ],
  },
  {
    key: 'phishing',
    category: 'Security',
    weight: 2,
    attackVectors: ['Phishing', 'Email'],
    titles: [
      'Phishing campaign targeting {svc} administrators',
      'Compromised mailbox sent internal phishing',
    ],
    sentences: [
      'Several staff entered credentials on a lookalike sign-in page.',
      'Sessions were revoked and passwords reset for affected accounts.',
    ],
    factors: [
      ['human', 'Lookalike domain hard to distinguish on mobile'],
      ['technical', 'Phishing-resistant MFA not yet rolled out'],
    ],
  },
  {
    key: 'game-day',
    category: 'Game day',
    weight: 2,
    attackVectors: [],
    titles: ['Game day: failover of {svc}', 'Drill: region evacuation for {svc}'],
    sentences: ['A planned exercise of the failover runbook.', 'Observers recorded gaps in the runbook.'],
    factors: [['process', 'Runbook step out of date']],
  },
];

/** Service names; a Zipf sampler makes the first ones the busiest. */
export const SERVICES: readonly string[] = Array.from({ length: 120 }, (_, i) => {
  const base = [
    'checkout',
    'payments',
    'search',
    'auth',
    'kafka',
    'orders',
    'catalog',
    'billing',
    'email',
    'api-gateway',
  ];
  return i < base.length ? (base[i] as string) : `svc-${String(i).padStart(3, '0')}`;
});

/** Teams; a service belongs to one team (service index modulo team count). */
export const TEAMS: readonly string[] = [
  'platform',
  'payments',
  'search',
  'identity',
  'data',
  'commerce',
  'messaging',
  'edge',
  'security',
  'sre',
  'mobile',
  'growth',
  'billing',
  'infra',
  'storage',
];

export const PARTICIPANTS: readonly string[] = Array.from(
  { length: 400 },
  (_, i) => `user-${String(i).padStart(3, '0')}`,
);
