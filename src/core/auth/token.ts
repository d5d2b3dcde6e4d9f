import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'hs_';

/**
 * A new API token secret: 32 random bytes, so a plain SHA-256 is a safe way to store it (a slow password
 * hash is only needed for secrets people choose).
 */
export function newTokenSecret(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

export function hashToken(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function looksLikeToken(secret: string): boolean {
  return secret.startsWith(PREFIX) && secret.length >= PREFIX.length + 40 && secret.length <= 200;
}
