import type { Actor } from '../shared/actor.js';
import { forbidden } from '../shared/errors.js';
import type { Role } from '../shared/vocabulary.js';

/**
 * Everything a caller can be allowed to do. Services check these; handlers never do, so the CLI, jobs
 * and the API obey the same rules.
 */
export type Permission =
  | 'incident:read'
  | 'incident:write'
  | 'review:write'
  | 'review:approve'
  | 'lesson:write'
  | 'lesson:approve_redaction'
  | 'action:write'
  | 'action:verify'
  | 'evidence:write'
  | 'audit:read'
  | 'audit:verify'
  | 'user:manage'
  | 'token:manage_own'
  | 'settings:write'
  /** Read how the server is wired (notification hosts, topics): admins only. */
  | 'settings:read_infrastructure';

const VIEWER: Permission[] = ['incident:read', 'audit:read', 'token:manage_own'];
const RESPONDER: Permission[] = [
  ...VIEWER,
  'incident:write',
  'review:write',
  'lesson:write',
  'action:write',
  'evidence:write',
];
const REVIEWER: Permission[] = [...RESPONDER, 'review:approve', 'lesson:approve_redaction', 'action:verify'];
const ADMIN: Permission[] = [
  ...REVIEWER,
  'audit:verify',
  'user:manage',
  'settings:write',
  'settings:read_infrastructure',
];

export const GRANTS: Record<Role, ReadonlySet<Permission>> = {
  viewer: new Set(VIEWER),
  responder: new Set(RESPONDER),
  reviewer: new Set(REVIEWER),
  admin: new Set(ADMIN),
};

export function can(actor: Actor, permission: Permission): boolean {
  return GRANTS[actor.role].has(permission);
}

/** Throws `permission_denied` (403) naming the role and what it may not do. */
export function authorize(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) {
    throw forbidden(
      'permission_denied',
      `the ${actor.role} role may not ${permission.replace(':', ' ').replace(/_/g, ' ')}`,
    );
  }
}
