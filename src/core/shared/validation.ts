import type { z } from 'zod';
import { DomainError, type Problem } from './errors.js';

/** Turns zod issues into problems that name the field: `timeline[1].time: expected string, received number`. */
export function problemsOf(error: z.ZodError, prefix = ''): Problem[] {
  return error.issues.flatMap((issue) =>
    // An unknown field is reported at its own path, so the message names it like any other field.
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          path: joinPath(prefix, [...issue.path, key]),
          problem: 'is not a known field',
        }))
      : [{ path: joinPath(prefix, issue.path), problem: issue.message }],
  );
}

export function joinPath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(root)';
}

/**
 * Parses untrusted input with a schema; on failure throws one `validation_failed` error listing every
 * problem, so a caller can fix all of them at once.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = problemsOf(result.error);
  throw new DomainError(
    'invalid',
    'validation_failed',
    `${what} is invalid: ${details.map((d) => `${d.path}: ${d.problem}`).join('; ')}`,
    details,
  );
}
