import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { ApiProvenance, Provenance } from '../../../core/evidence/evidence.schema.js';
import type { Actor } from '../../../core/shared/actor.js';
import type { Clock } from '../../../core/shared/clock.js';
import { DomainError } from '../../../core/shared/errors.js';

/**
 * What every fetcher takes. Credentials come from the SDK's usual chain (environment, profile, SSO,
 * instance role) unless `profile` or explicit `credentials` are given; `endpoint` points at another
 * endpoint (LocalStack, a test server).
 */
export interface AwsFetchOptions {
  incidentId: string;
  actor: Actor;
  clock: Clock;
  region: string;
  endpoint?: string;
  profile?: string;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Attempts per request under the SDK's standard retry strategy (throttling is retried); default 3. */
  maxAttempts?: number;
  /** Account id recorded in provenance when known. */
  account?: string;
}

/** SDK client configuration from fetch options. */
export function clientConfig(options: AwsFetchOptions) {
  return {
    region: options.region,
    maxAttempts: options.maxAttempts ?? 3,
    ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
    ...(options.credentials !== undefined ? { credentials: options.credentials } : {}),
  };
}

/** API provenance for items fetched by one call. */
export function apiProvenance(
  options: AwsFetchOptions,
  api: Omit<ApiProvenance, 'region' | 'account'>,
): Provenance {
  return {
    method: 'api',
    api: {
      ...api,
      region: options.region,
      ...(options.account !== undefined ? { account: options.account } : {}),
    },
    obtained_at: options.clock.now().toISOString(),
    obtained_by: options.actor.id,
  };
}

/**
 * Runs one AWS call and turns an AWS failure (after the SDK's retries) into a DomainError 'unavailable'
 * naming the service, operation and AWS error code, e.g.
 * `cloudtrail LookupEvents failed: AccessDeniedException: User is not authorized`.
 */
export async function callAws<T>(service: string, operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof DomainError) throw error;
    const err = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    const code = err.name ?? 'UnknownError';
    const status = err.$metadata?.httpStatusCode;
    throw new DomainError(
      'unavailable',
      'aws_request_failed',
      `${service} ${operation} failed: ${code}: ${err.message ?? 'no message'}${status !== undefined ? ` (HTTP ${status})` : ''}`,
      [{ path: `${service}.${operation}`, problem: code }],
    );
  }
}

/** Waits between polls; injectable so tests do not wait. */
export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((done) => setTimeout(done, ms));
