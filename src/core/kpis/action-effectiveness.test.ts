import { describe, expect, it } from 'vitest';
import type { SignatureSubject } from '../similarity/signature.js';
import { actionEffectiveness } from './action-effectiveness.js';

const at = (day: number): string => `2024-06-${String(day).padStart(2, '0')}T00:00:00Z`;
const pool = { category: 'Error', attack_vector: null, affected_services: ['orders-db'] };
const INCIDENTS: SignatureSubject[] = [
  { id: 'I1', occurred_at: at(1), ...pool },
  {
    id: 'I2',
    occurred_at: at(2),
    category: 'Hacking',
    attack_vector: 'Backdoor',
    affected_services: ['iam'],
  },
  { id: 'I3', occurred_at: at(3), category: 'Error', affected_services: ['api-gateway'] },
  { id: 'I4', occurred_at: at(10), ...pool }, // same signature as I1
  {
    id: 'I5',
    occurred_at: at(12),
    category: 'Hacking',
    attack_vector: 'Use of stolen creds',
    affected_services: ['sts'],
  },
];

describe('actionEffectiveness', () => {
  it('counts verified actions not followed by a recurrence by signature or confirmed link', () => {
    const result = actionEffectiveness(
      [
        { id: 'A1', incident_id: 'I1', verified_at: at(5) }, // I4 recurs after → followed
        { id: 'A2', incident_id: 'I1', verified_at: at(11) }, // verified after I4 → not followed
        { id: 'A3', incident_id: 'I2', verified_at: at(5) }, // I5 confirmed as recurrence → followed
        { id: 'A4', incident_id: 'I3', verified_at: at(5) }, // nothing recurred
      ],
      INCIDENTS,
      [{ incident_id: 'I5', recurs_incident_id: 'I2' }],
    );
    expect(result).toEqual({
      n: 4,
      not_followed: 2,
      value: 50,
      followed: [
        { action_id: 'A1', recurrence_ids: ['I4'] },
        { action_id: 'A3', recurrence_ids: ['I5'] },
      ],
    });
  });

  it('has no value without verified actions', () => {
    expect(actionEffectiveness([], INCIDENTS)).toEqual({ n: 0, not_followed: 0, value: null, followed: [] });
  });
});
