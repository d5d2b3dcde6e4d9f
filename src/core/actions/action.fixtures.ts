import type { Actor } from '../shared/actor.js';
import { createAction } from './action.lifecycle.js';
import type { Action, ActionCreate } from './action.schema.js';

/** Test factory: a valid open action; override any field. Not used by production code. */
export function buildActionInput(overrides: Partial<ActionCreate> = {}): ActionCreate {
  return {
    incident_ids: ['INC-2026-0042'],
    title: 'Alert on root-account console logins',
    description: 'CloudTrail → EventBridge rule → on-call page',
    type: 'detective',
    category: 'monitoring',
    owner: { kind: 'user', id: 'alice' },
    due_date: '2026-12-01',
    priority: 'High',
    risk_reduction: 4,
    feasibility: 3,
    success_criteria: 'A test login pages on-call within 5 minutes',
    ...overrides,
  };
}

export const alice: Actor = { id: 'alice', name: 'Alice', role: 'responder', teamIds: ['sre'], via: 'token' };
export const bob: Actor = { id: 'bob', name: 'Bob', role: 'reviewer', teamIds: ['security'], via: 'token' };

export function buildAction(
  overrides: Partial<ActionCreate> = {},
  id = 'ACT-000001',
  now = new Date('2026-11-20T09:00:00Z'),
): Action {
  return createAction(id, buildActionInput(overrides), alice, now);
}
