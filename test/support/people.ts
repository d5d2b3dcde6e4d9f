import { systemActor } from '../../src/core/shared/actor.js';
import type { Role } from '../../src/core/shared/vocabulary.js';
import type { TestServer } from './http.js';

export const ROLES: readonly Role[] = ['viewer', 'responder', 'reviewer', 'admin'];

export interface Person {
  username: string;
  role: Role;
  token: string;
}

/** Creates a user with a token on the test server (admin-made, as in production). */
export async function addPerson(
  t: TestServer,
  username: string,
  role: Role,
  teams: string[] = [],
): Promise<Person> {
  await t.server.services.users.create(systemActor, { username, role, teams });
  const { token } = await t.server.services.users.createToken(systemActor, username, 'test');
  return { username, role, token };
}
