import type { IncidentCreateInput } from '../../src/core/incidents/incident.schema.js';

let counter = 0;

/** A valid incident input; override what the test is about. */
export function buildIncidentInput(overrides: Partial<IncidentCreateInput> = {}): IncidentCreateInput {
  counter += 1;
  return {
    title: `Unauthorized access via leaked key #${counter}`,
    description: 'An access key committed to a public repository was used from an unknown address.',
    severity: 'High',
    category: 'Access Control',
    attack_vector: 'Credential theft',
    affected_services: ['billing-api'],
    team: 'security',
    timestamps: {
      impact_started: '2024-01-15T08:40:00Z',
      detected: '2024-01-15T09:00:00Z',
      declared: '2024-01-15T09:15:00Z',
    },
    ...overrides,
  };
}
