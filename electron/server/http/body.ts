/**
 * Reading and validating a JSON request body: size cap before parsing, content type, JSON syntax,
 * then the route's schema. Every failure is a DomainError naming the field and the fix.
 */
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { DomainError } from '../../common/errors.ts';
import { MAX_BODY_BYTES } from '../../common/wire.ts';

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) {
      reject(new DomainError('PAYLOAD_TOO_LARGE', { limitBytes: limit, declaredBytes: declared }));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(new DomainError('PAYLOAD_TOO_LARGE', { limitBytes: limit }));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', (error) => {
      if (!failed) reject(error);
    });
  });
}

/**
 * Reads a raw body of at most `limit` bytes. When the declared length or the bytes received cross
 * the limit it stops reading at once (the request is paused, nothing more is buffered) and rejects
 * with PAYLOAD_TOO_LARGE; the server then answers and closes the connection.
 */
export function readRawBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) {
      reject(new DomainError('PAYLOAD_TOO_LARGE', { limitBytes: limit, declaredBytes: declared }));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.pause();
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        stop();
        chunks.length = 0;
        reject(new DomainError('PAYLOAD_TOO_LARGE', { limitBytes: limit }));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      stop();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error): void => {
      stop();
      reject(error);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** Parses and validates; an empty body counts as `{}` so routes without fields accept no body. */
export function parseBody<S extends z.ZodType>(raw: Buffer, contentType: string | undefined, schema: S): z.output<S> {
  let value: unknown = {};
  if (raw.length > 0) {
    if (contentType !== undefined && !/^application\/json\s*(;|$)/i.test(contentType)) {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', { contentType });
    }
    try {
      value = JSON.parse(raw.toString('utf8'));
    } catch (error) {
      throw new DomainError('INVALID_JSON', { reason: error instanceof Error ? error.message : String(error) });
    }
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new DomainError('VALIDATION_FAILED', {
      issues: result.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message, code: i.code })),
    });
  }
  return result.data;
}
