import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isDomainError, type ErrorKind, type Problem } from '../core/shared/errors.js';

/** The one place that knows how domain error kinds become HTTP statuses. */
export const STATUS_BY_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
};

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), problem: z.string() })),
  }),
});

export function errorBody(code: string, message: string, details: readonly Problem[] = []) {
  return { error: { code, message, details: [...details] } };
}

/** Fastify's own errors (body parsing, limits) mapped to the same error shape. */
function fastifyError(error: FastifyError): { status: number; code: string; message: string } | null {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        code: 'body_too_large',
        message: `the request body is larger than the limit: ${error.message}`,
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, code: 'unsupported_media_type', message: 'send the body as application/json' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return {
        status: 400,
        code: 'invalid_json',
        message: 'the body is empty but the content type is application/json',
      };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, code: 'invalid_json', message: `the body is not valid JSON: ${error.message}` };
    default:
      break;
  }
  if (error instanceof SyntaxError || (error.statusCode === 400 && /JSON/i.test(error.message))) {
    return { status: 400, code: 'invalid_json', message: `the body is not valid JSON: ${error.message}` };
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return { status: error.statusCode, code: 'bad_request', message: error.message };
  }
  return null;
}

export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (isDomainError(error)) {
    void reply.status(STATUS_BY_KIND[error.kind]).send(errorBody(error.code, error.message, error.details));
    return;
  }
  const mapped = fastifyError(error);
  if (mapped) {
    void reply.status(mapped.status).send(errorBody(mapped.code, mapped.message));
    return;
  }
  request.log.error({ err: error }, 'unhandled error');
  void reply
    .status(500)
    .send(errorBody('internal_error', 'something went wrong on the server; it has been logged'));
}
