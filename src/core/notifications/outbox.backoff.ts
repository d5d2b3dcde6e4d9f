import { z } from 'zod';

/** When to try a failed delivery again. */
export const RetryPolicy = z.object({
  /** Attempts in all, the first included; after the last failure the item is marked failed. */
  max_attempts: z.number().int().min(1).default(6),
  base_delay_ms: z.number().int().min(0).default(30_000),
  factor: z.number().min(1).default(4),
  max_delay_ms: z
    .number()
    .int()
    .min(0)
    .default(6 * 60 * 60 * 1000),
});
export type RetryPolicy = z.infer<typeof RetryPolicy>;

export const defaultRetryPolicy: RetryPolicy = RetryPolicy.parse({});

/**
 * The time of the next attempt after `attempt` failed attempts, or null when they are used up. Exponential
 * and without jitter, so every worker computes the same schedule and tests can assert it:
 * delay = min(base × factor^(attempt − 1), max). With the defaults: 30 s, 2 min, 8 min, 32 min, 2 h 8 min.
 * @example nextAttemptAt(2, now, { max_attempts: 5, base_delay_ms: 1000, factor: 2, max_delay_ms: 60000 }) // now + 2 s
 */
export function nextAttemptAt(
  attempt: number,
  now: Date,
  policy: RetryPolicy = defaultRetryPolicy,
): Date | null {
  if (attempt >= policy.max_attempts) return null;
  const delay = Math.min(
    policy.base_delay_ms * policy.factor ** Math.max(0, attempt - 1),
    policy.max_delay_ms,
  );
  return new Date(now.getTime() + delay);
}
