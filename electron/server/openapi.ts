/** The OpenAPI 3.1 document, generated from the route table and the zod request schemas. */
import { z } from 'zod';
import { ERROR_CODES } from '../common/errors.ts';
import { PROTOCOL_VERSION } from '../common/wire.ts';
import type { Route } from './http/route.ts';

export function openApiDocument(routes: readonly Route[], hallName: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:([a-zA-Z]+)/g, '{$1}');
    const params = [
      ...[...r.path.matchAll(/:([a-zA-Z]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } })),
      ...(r.query ?? []).map((q) => ({
        name: q.name, in: 'query', required: q.required ?? false, description: q.description,
        schema: q.enum ? { type: 'string', enum: [...q.enum] } : { type: 'string' },
      })),
      ...(r.headers ?? []).map((h) => ({ name: h.name, in: 'header', required: h.required ?? false, description: h.description, schema: { type: 'string' } })),
    ];
    const successType = r.success?.contentType ?? 'application/json';
    const successSchema = successType === 'application/json' ? { type: 'object' } : { type: 'string', format: 'binary' };
    const security = r.access.devices
      ? [r.access.staff ? { deviceToken: [], staffSession: [] } : { deviceToken: [] }]
      : [];
    const roles = r.access.devices ? ` Devices: ${r.access.devices.join(', ')}.` : ' Public.';
    const staff = r.access.staff ? ` Staff: ${r.access.staff.join(', ')}.` : '';
    paths[path] ??= {};
    paths[path][r.method.toLowerCase()] = {
      operationId: r.operationId,
      summary: r.summary,
      description: `${r.summary}${roles}${staff}${r.access.boundCounter ? ' The device must be bound to the counter.' : ''}`,
      tags: [r.tag],
      parameters: params,
      security,
      ...(r.rawBody
        ? { requestBody: { required: true, content: { [r.rawBody.contentType]: { schema: { type: 'string', format: 'binary', maxLength: r.rawBody.limit } } } } }
        : {}),
      ...(r.body && r.method !== 'GET'
        ? { requestBody: { required: false, content: { 'application/json': { schema: z.toJSONSchema(r.body, { io: 'input', unrepresentable: 'any' }) } } } }
        : {}),
      responses: {
        [String(r.success?.status ?? 200)]: { description: 'Success', content: { [successType]: { schema: successSchema } } },
        default: { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: `Hall server API (${hallName})`,
      version: `${PROTOCOL_VERSION}.0.0`,
      description: 'Queue, counters and hall state of one one-stop-shop hall. Live events: WebSocket /api/v1/stream (hello → snapshot or replay → events with sequence numbers).',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: {
        deviceToken: { type: 'http', scheme: 'bearer', description: 'Device token from pairing (npm run hall -- enroll).' },
        staffSession: { type: 'apiKey', in: 'header', name: 'X-Staff-Session', description: 'Session token from staffLogin.' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message', 'details'],
              properties: {
                code: { type: 'string', enum: Object.keys(ERROR_CODES) },
                message: { type: 'string' },
                details: { type: 'object' },
              },
            },
          },
        },
      },
    },
  };
}
