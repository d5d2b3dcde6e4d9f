import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { TokenIssuer } from '../../core/feedback/feedback.ports.js';

/** Feedback-link tokens: 32 random bytes, base64url; stored as their SHA-256 only. */
export const feedbackTokens: TokenIssuer = {
  issue() {
    const token = randomBytes(32).toString('base64url');
    return { token, hash: feedbackTokens.hash(token) };
  },
  hash: (token) => createHash('sha256').update(token, 'utf8').digest('hex'),
  id: () => randomUUID(),
};
