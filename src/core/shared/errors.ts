/**
 * Errors the domain raises. `code` is stable and specific (`incident_not_found`); `kind` is the family the
 * transports map to a status (HTTP 404, CLI exit 1, ...). Only src/api knows HTTP.
 */
export type ErrorKind =
  | 'invalid'
  | 'not_found'
  | 'conflict'
  | 'unauthenticated'
  | 'forbidden'
  | 'too_large'
  | 'rate_limited'
  | 'unavailable';

/** One problem with an input: where (`severity`, `timeline[2].time`) and what is wrong with it. */
export interface Problem {
  path: string;
  problem: string;
}

export class DomainError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly details: readonly Problem[];

  constructor(kind: ErrorKind, code: string, message: string, details: readonly Problem[] = []) {
    super(message);
    this.name = 'DomainError';
    this.kind = kind;
    this.code = code;
    this.details = details;
  }
}

export const invalid = (code: string, message: string, details: readonly Problem[] = []): DomainError =>
  new DomainError('invalid', code, message, details);

export const notFound = (entity: string, id: string): DomainError =>
  new DomainError('not_found', `${entity}_not_found`, `${entity.replace(/_/g, ' ')} ${id} does not exist`);

export const conflict = (code: string, message: string): DomainError =>
  new DomainError('conflict', code, message);

export const forbidden = (code: string, message: string): DomainError =>
  new DomainError('forbidden', code, message);

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}
