import type { Actor } from '../../src/core/shared/actor.js';
import type { Role } from '../../src/core/shared/vocabulary.js';

/** An actor for service-level tests; ids are stable so assertions can name them. */
export function buildActor(overrides: Partial<Actor> & { role?: Role } = {}): Actor {
  return { id: 'user-alice', name: 'Alice', role: 'admin', teamIds: [], via: 'token', ...overrides };
}
