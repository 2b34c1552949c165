/**
 * Every failure leaves the server as the stable envelope `{ error: { code, message, details } }`:
 * domain errors as they are, Fastify's own refusals (body too large, bad media type, schema
 * validation, malformed URL) translated to the matching code, anything else INTERNAL.
 */
import type { FastifyError, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, isDomainError } from '../../common/errors.ts';

/** The part of the request a validation issue names when its path is empty. */
const WHOLE: Record<string, string> = { body: '(body)', querystring: '(query)', params: '(params)', headers: '(headers)' };

export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
  readonly code: string;
}

/** The issues of a zod validation failure, each naming its field ("a.b", a header name, "(body)"). */
export function validationIssues(error: FastifyError): ValidationIssue[] {
  const where = WHOLE[error.validationContext ?? 'body'] ?? '(body)';
  return (error.validation ?? []).map((v) => ({
    path:
      v.instancePath
        .split('/')
        .filter((p) => p !== '')
        .join('.') || where,
    message: v.message ?? 'invalid',
    code: v.keyword,
  }));
}

/** Whether the request carries a body (a declared length above zero, or chunked framing). */
export function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
}

/** The envelope's error for anything a request can fail with. */
export function toDomainError(error: unknown, request: FastifyRequest): DomainError {
  if (isDomainError(error)) return error;
  const fe = error as Partial<FastifyError>;
  if (fe && typeof fe === 'object' && hasZodFastifySchemaValidationErrors(fe)) {
    return new DomainError('VALIDATION_FAILED', { issues: validationIssues(fe as FastifyError) });
  }
  switch (fe?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH': {
      const declared = Number(request.headers['content-length']);
      const limitBytes = request.routeOptions.bodyLimit;
      if (fe.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH' && !(declared > limitBytes)) {
        return new DomainError('VALIDATION_FAILED', { reason: 'the body length does not match Content-Length' });
      }
      return new DomainError(
        'PAYLOAD_TOO_LARGE',
        Number.isFinite(declared) && declared > limitBytes ? { limitBytes, declaredBytes: declared } : { limitBytes },
      );
    }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_TYPE':
      return new DomainError('UNSUPPORTED_MEDIA_TYPE', { contentType: request.headers['content-type'] ?? null });
    case 'FST_ERR_CTP_EMPTY_TYPE':
      return new DomainError('UNSUPPORTED_MEDIA_TYPE', { contentType: null });
    default:
      return new DomainError('INTERNAL');
  }
}
