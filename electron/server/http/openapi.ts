/**
 * The OpenAPI 3.1 document at /api/v1/openapi.json, made by @fastify/swagger from the routes' zod
 * schemas (fastify-type-provider-zod turns them into JSON Schema): the two security schemes, the
 * error envelope as the component `Error`, binary request and response bodies where a route
 * declares them.
 */
import type { SwaggerOptions } from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '../../common/errors.ts';
import { PROTOCOL_VERSION } from '../../common/wire.ts';
import type { Route } from './route.ts';

/** The stable error envelope every refusal is sent in. */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      details: z.record(z.string(), z.unknown()),
    }),
  })
  .meta({ id: 'Error', description: 'The error envelope: a stable code, an English message, and details naming what was wrong.' });

const BINARY = { type: 'string', format: 'binary' } as const;

type TransformInput = Parameters<typeof jsonSchemaTransform>[0];
type TransformOutput = ReturnType<typeof jsonSchemaTransform>;

/** The swagger plugin's options for the route table `routes` of the hall `hallName`. */
export function swaggerOptions(routes: readonly Route[], hallName: string): SwaggerOptions {
  const byOperation = new Map(routes.map((r) => [r.operationId, r]));
  return {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: `Hall server API (${hallName})`,
        version: `${PROTOCOL_VERSION}.0.0`,
        description:
          'Queue, counters and hall state of one one-stop-shop hall. Live events: WebSocket /api/v1/stream (hello → snapshot or replay → events with sequence numbers).',
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          deviceToken: { type: 'http', scheme: 'bearer', description: 'Device token from pairing (npm run hall -- enroll).' },
          staffSession: { type: 'apiKey', in: 'header', name: 'X-Staff-Session', description: 'Session token from staffLogin.' },
        },
      },
    },
    transform(input: TransformInput): TransformOutput {
      const out = jsonSchemaTransform(input);
      const r = byOperation.get(String((input.schema as { operationId?: unknown } | undefined)?.operationId ?? ''));
      if (!r || !out.schema) return out;
      const schema = out.schema as Record<string, unknown>;
      if (r.rawBody) {
        schema.consumes = [r.rawBody.contentType];
        schema.body = { ...BINARY, maxLength: r.rawBody.limit };
      }
      const response = (schema.response ?? {}) as Record<string, unknown>;
      const status = String(r.success?.status ?? 200);
      if (response[status] === undefined) {
        if (r.success?.contentType === 'text/event-stream')
          response[status] = { description: 'Server-sent events', content: { 'text/event-stream': { schema: { type: 'string' } } } };
        else if (r.success?.contentType) response[status] = { description: 'The file', content: { [r.success.contentType]: { schema: BINARY } } };
        else if (status === '204') response[status] = { type: 'null', description: 'Done; no content' };
        else response[status] = { description: 'Success', content: { 'application/json': { schema: { type: 'object' } } } };
      }
      schema.response = response;
      return out;
    },
    transformObject: (input) => withoutUnusedSchemas(jsonSchemaTransformObject(input)),
  };
}

type OpenApiObject = ReturnType<typeof jsonSchemaTransformObject>;

/**
 * The document without the component schemas no operation reaches. Every named schema is made
 * twice, as read (`…Input`) and as written; only the side an operation uses is kept, so the
 * generated client has no unused types.
 */
function withoutUnusedSchemas(document: OpenApiObject): OpenApiObject {
  const schemas = 'components' in document ? (document.components?.schemas as Record<string, unknown> | undefined) : undefined;
  if (!schemas) return document;
  const refsIn = (value: unknown): string[] => [...JSON.stringify(value).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1] ?? '');
  const rest = { ...document, components: { ...('components' in document ? document.components : {}), schemas: {} } };
  const reached = new Set<string>();
  const queue = refsIn(rest);
  while (queue.length > 0) {
    const name = queue.pop() ?? '';
    if (reached.has(name) || schemas[name] === undefined) continue;
    reached.add(name);
    queue.push(...refsIn(schemas[name]));
  }
  for (const name of Object.keys(schemas)) if (!reached.has(name)) delete schemas[name];
  return document;
}
