import type { FastifyReply, FastifyRequest } from 'fastify';
import { invalid } from '../core/shared/errors.js';

/** Our ETags are the entity version, quoted: `"3"`. */
export function setEtag(reply: FastifyReply, version: number): void {
  void reply.header('etag', `"${version}"`);
}

/** The version a write is based on, from `If-Match`; undefined when the caller sent none. */
export function expectedVersion(request: FastifyRequest): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match?.[1]) {
    throw invalid('invalid_if_match', 'If-Match must be the ETag you read, e.g. "3"', [
      { path: 'headers.if-match', problem: 'expected a quoted version number such as "3"' },
    ]);
  }
  return Number(match[1]);
}
