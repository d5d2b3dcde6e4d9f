import { describe, expect, it } from 'vitest';
import {
  groupRepeatPatterns,
  incidentSignatures,
  recurringIncidentIds,
  type SignatureSubject,
} from './signature.js';

const inc = (id: string, day: number, extra: Partial<SignatureSubject>): SignatureSubject => ({
  id,
  occurred_at: `2024-05-${String(day).padStart(2, '0')}T10:00:00Z`,
  ...extra,
});

const INCIDENTS: SignatureSubject[] = [
  inc('A', 1, { category: 'Hacking', attack_vector: 'Use of stolen creds', affected_services: ['IAM'] }),
  inc('B', 3, {
    category: 'hacking ',
    attack_vector: 'use of  stolen creds',
    affected_services: ['iam', 'cloudtrail'],
  }),
  inc('C', 5, { category: 'Error', attack_vector: null, affected_services: ['checkout-api'] }),
  inc('D', 7, { category: 'Error', affected_services: ['checkout-api'] }),
  inc('E', 9, { category: 'Error', attack_vector: 'Misconfiguration', affected_services: [] }),
  inc('F', 11, {
    category: 'Hacking',
    attack_vector: 'Use of stolen creds',
    affected_services: ['cloudtrail'],
  }),
];

describe('signatures', () => {
  it('builds the seed signature with normalised values and unknown for missing ones', () => {
    expect(incidentSignatures(INCIDENTS[2] as SignatureSubject)).toEqual(['error-unknown-checkout_api']);
    expect(incidentSignatures(INCIDENTS[4] as SignatureSubject)).toEqual(['error-misconfiguration-unknown']);
    expect(incidentSignatures({ id: 'X', occurred_at: '2024-01-01T00:00:00Z' })).toEqual([
      'unknown-unknown-unknown',
    ]);
  });

  it('gives one signature per affected service', () => {
    expect(incidentSignatures(INCIDENTS[1] as SignatureSubject)).toEqual([
      'hacking-use_of_stolen_creds-iam',
      'hacking-use_of_stolen_creds-cloudtrail',
    ]);
    expect(incidentSignatures(INCIDENTS[1] as SignatureSubject, ['category', 'severity'])).toEqual([
      'hacking-unknown',
    ]);
  });

  it('groups repeat patterns with count > 1, most frequent first, oldest incident first', () => {
    expect(groupRepeatPatterns(INCIDENTS)).toEqual([
      {
        signature: 'error-unknown-checkout_api',
        count: 2,
        incident_ids: ['C', 'D'],
        first_seen: '2024-05-05T10:00:00Z',
        last_seen: '2024-05-07T10:00:00Z',
      },
      {
        signature: 'hacking-use_of_stolen_creds-cloudtrail',
        count: 2,
        incident_ids: ['B', 'F'],
        first_seen: '2024-05-03T10:00:00Z',
        last_seen: '2024-05-11T10:00:00Z',
      },
      {
        signature: 'hacking-use_of_stolen_creds-iam',
        count: 2,
        incident_ids: ['A', 'B'],
        first_seen: '2024-05-01T10:00:00Z',
        last_seen: '2024-05-03T10:00:00Z',
      },
    ]);
    expect(groupRepeatPatterns(INCIDENTS, ['category']).map((p) => [p.signature, p.count])).toEqual([
      ['error', 3],
      ['hacking', 3],
    ]);
  });

  it('marks incidents that recur an earlier one, counting each incident once', () => {
    expect([...recurringIncidentIds(INCIDENTS)].sort()).toEqual(['B', 'D', 'F']);
    // Same instant is not "earlier".
    const twins = [inc('P', 1, { category: 'x' }), inc('Q', 1, { category: 'x' })];
    expect(recurringIncidentIds(twins).size).toBe(0);
  });
});
