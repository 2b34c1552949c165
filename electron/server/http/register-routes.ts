/**
 * Turns the route table (http/route.ts) into Fastify routes. Per request, in Fastify's order:
 *   onRequest   access: device token, role, counter binding, staff session (before any body byte
 *               is read, so a wrong role learns nothing about validation and uploads are refused cheaply);
 *   preParsing  declared headers, the body's media type, and the route's own beforeBody checks;
 *   parsing     the body within the route's limit; validation of params, query, headers and body (zod);
 *   handler     an Idempotency-Key retry gets the first answer; otherwise the route's handler,
 *               whose result is sent as JSON, 204, or a file download.
 * A path that exists with other methods answers those with 405 METHOD_NOT_ALLOWED.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../common/errors.ts';
import type { Access, AccessRule, Caller } from '../access.ts';
import { IDEMPOTENCY_HEADER, REPLAYED_HEADER, type IdempotencyGate } from '../idempotency-gate.ts';
import { checkCookieRequest, COOKIE_ROLES, DEVICE_COOKIE, deviceCookieOf, deviceCookieOptions } from './device-cookie.ts';
import { hasBody } from './error-mapping.ts';
import { errorBodySchema } from './openapi.ts';
import type { HttpMethod, Route, RouteResult } from './route.ts';

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller;
    sessionToken: string | null;
    /** The JSON body's text as received (null without one). */
    jsonText: string | null;
  }
  interface FastifyContextConfig {
    /** The operationId metrics and logs name the request by. */
    operationId?: string;
  }
}

/** Runs `work` on behalf of `caller`. */
export type ActingAs = <T>(caller: Caller, work: () => T) => T;

/** What every route's request path uses besides the route itself. */
export interface RouteServices {
  readonly access: Access;
  readonly idempotency: IdempotencyGate;
  readonly actingAs: ActingAs;
}

const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE'];
const JSON_TYPE = /^application\/json\s*(;|$)/i;

function bearer(request: FastifyRequest): string | null {
  const h = request.headers.authorization;
  const m = h ? /^Bearer\s+(\S+)$/i.exec(h) : null;
  return m?.[1] ?? null;
}

function sessionOf(request: FastifyRequest): string | null {
  const h = request.headers['x-staff-session'];
  return typeof h === 'string' ? h : null;
}

/** Every :name of the path as a non-empty string: the params schema of routes that declare none. */
function pathParams(path: string): z.ZodType | undefined {
  const names = [...path.matchAll(/:([a-zA-Z]+)/g)].map((m) => m[1] ?? '');
  if (names.length === 0) return undefined;
  return z.object(Object.fromEntries(names.map((n) => [n, z.string().min(1)])));
}

function mediaTypeOf(request: FastifyRequest): string | undefined {
  return request.headers['content-type'];
}

/** The body's media type must be the route's: JSON, or its raw type (checked before reading it). */
function checkMediaType(r: Route, request: FastifyRequest): void {
  if (!hasBody(request)) return;
  const contentType = mediaTypeOf(request);
  if (r.rawBody) {
    const expected = r.rawBody.contentType;
    if (!contentType || contentType.split(';')[0]?.trim().toLowerCase() !== expected) {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', { contentType: contentType ?? null, expected }, `Send the body as ${expected}.`);
    }
    return;
  }
  if (contentType !== undefined && !JSON_TYPE.test(contentType)) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', { contentType });
}

function issuesOf(error: z.ZodError, where: string): { path: string; message: string; code: string }[] {
  return error.issues.map((i) => ({ path: i.path.join('.') || where, message: i.message, code: i.code }));
}

function send(reply: FastifyReply, result: RouteResult): FastifyReply {
  if (result.stream) {
    reply.hijack();
    result.stream.open(reply.raw, reply.request.raw);
    return reply;
  }
  reply.code(result.status);
  if (result.deviceCookie) reply.setCookie(DEVICE_COOKIE, result.deviceCookie.token, deviceCookieOptions(reply.request, result.deviceCookie.maxAgeSeconds));
  if (result.file) {
    const bytes =
      typeof result.file.bytes === 'string'
        ? Buffer.from(result.file.bytes, 'utf8')
        : Buffer.from(result.file.bytes.buffer, result.file.bytes.byteOffset, result.file.bytes.byteLength);
    if (result.file.cacheControl) reply.header('cache-control', result.file.cacheControl);
    const disposition = result.file.inline ? 'inline' : 'attachment';
    return reply.type(result.file.contentType).header('content-disposition', `${disposition}; filename="${result.file.fileName}"`).send(bytes);
  }
  if (result.status === 204 || result.body === null) return reply.send();
  return reply.send(result.body);
}

/** The success answers' schemas by status: the serializer of each, and what the OpenAPI document shows. */
function successSchemas(r: Route): Record<number, z.ZodType> {
  const body = r.success?.body;
  if (!body) return {};
  return Object.fromEntries([r.success?.status ?? 200, ...(r.success?.alsoStatus ?? [])].map((status) => [status, body]));
}

/** "Who may call: …" from the route's access rule (never written by hand, so it cannot drift). */
export function whoMayCall(rule: AccessRule): string {
  if (!rule.devices) return 'Who may call: anyone (public; no token).';
  const staff = rule.staff ? ` with a staff session of a ${rule.staff.join(', ')}` : '';
  const bound = rule.boundCounter ? ', bound to the counter of the path' : '';
  return `Who may call: a ${rule.devices.join(', ')} device${bound}${staff}.`;
}

/** "Logs: …" from the route's declared events and log lines. */
export function whatItLogs(r: Pick<Route, 'logs' | 'logLines'>): string {
  const events = r.logs.length > 0 ? `event log: ${r.logs.join(', ')} (with the caller as actor)` : 'event log: nothing';
  const lines = r.logLines && r.logLines.length > 0 ? `; server log: ${r.logLines.map((l) => `"${l}"`).join(', ')}` : '';
  return `Logs: ${events}${lines}.`;
}

/** The operation's OpenAPI description: its summary, who may call it and what it logs. */
export function operationDescription(r: Route): string {
  return `${r.summary}\n\n${whoMayCall(r.access)}\n\n${whatItLogs(r)}`;
}

/** The Fastify options of one route. */
export function fastifyRoute(r: Route, { access, idempotency, actingAs }: RouteServices): RouteOptions {
  const params = r.params ?? pathParams(r.path);
  const security: Record<string, string[]>[] = r.access.devices ? [r.access.staff ? { deviceToken: [], staffSession: [] } : { deviceToken: [] }] : [];
  return {
    method: r.method,
    url: r.path,
    config: {
      operationId: r.operationId,
      ...(r.rateLimit ? { rateLimit: { max: r.rateLimit.max, timeWindow: r.rateLimit.windowMs, groupId: r.rateLimit.group } } : {}),
    },
    ...(r.rawBody ? { bodyLimit: r.rawBody.limit } : {}),
    schema: {
      operationId: r.operationId,
      summary: r.summary,
      description: operationDescription(r),
      tags: [r.tag],
      security,
      ...(params ? { params } : {}),
      ...(r.query ? { querystring: r.query } : {}),
      ...(r.headers ? { headers: r.headers } : {}),
      ...(r.body && r.method !== 'GET' ? { body: r.body } : {}),
      response: { ...successSchemas(r), '4xx': errorBodySchema, '5xx': errorBodySchema },
    },
    onRequest(request, _reply, done) {
      try {
        const sessionToken = sessionOf(request);
        const counterId = (request.params as Record<string, string | undefined>).counterId ?? null;
        // A plain-browser app sends its device cookie instead of a bearer token (device-cookie.ts).
        const token = bearer(request);
        const cookie = token === null && r.access.devices ? deviceCookieOf(request) : null;
        if (cookie !== null) checkCookieRequest(request);
        request.caller =
          cookie !== null
            ? access.authorize(r.access, cookie, sessionToken, counterId, COOKIE_ROLES)
            : access.authorize(r.access, token, sessionToken, counterId);
        request.sessionToken = sessionToken;
        done();
      } catch (error) {
        done(error as Error);
      }
    },
    preParsing(request, _reply, payload, done) {
      try {
        if (r.headers) {
          const parsed = r.headers.safeParse(request.headers);
          if (!parsed.success) throw new DomainError('VALIDATION_FAILED', { issues: issuesOf(parsed.error, '(headers)') });
        }
        checkMediaType(r, request);
        if (r.beforeBody) {
          const query = r.query ? r.query.safeParse(request.query) : { success: true as const, data: undefined };
          if (!query.success) throw new DomainError('VALIDATION_FAILED', { issues: issuesOf(query.error, '(query)') });
          r.beforeBody({
            params: request.params as never,
            query: query.data as never,
            caller: request.caller,
            sessionToken: request.sessionToken,
            headers: request.headers,
            clientAddress: request.ip,
          });
        }
        done(null, payload);
      } catch (error) {
        done(error as Error);
      }
    },
    preValidation(request, _reply, done) {
      // An empty body counts as {}: routes without fields accept a bodiless POST.
      if (r.body && request.body === undefined) request.body = {};
      done();
    },
    async handler(request, reply) {
      // A retry of an answered state-changing call gets the first answer; the handler does not run
      // again. Not for uploads, nor for answers holding a one-time secret (never kept in clear).
      const gate =
        r.rawBody || r.answerHoldsSecret
          ? null
          : idempotency.begin({
              method: r.method,
              path: request.url.split('?')[0] ?? request.url,
              deviceId: request.caller.device?.id ?? null,
              header: request.headers[IDEMPOTENCY_HEADER],
              body: Buffer.from(request.jsonText ?? '', 'utf8'),
            });
      if (gate?.kind === 'replay') return send(reply.header(REPLAYED_HEADER, 'true'), { status: gate.status, body: gate.body });
      let result: RouteResult;
      try {
        result = await actingAs(request.caller, () =>
          r.handler({
            params: request.params as never,
            body: request.body as never,
            query: request.query as never,
            caller: request.caller,
            sessionToken: request.sessionToken,
            headers: request.headers,
            clientAddress: request.ip,
          }),
        );
      } catch (error) {
        gate?.abandon();
        throw error;
      }
      gate?.finish(result.status, result.file ? null : result.body);
      return send(reply, result);
    },
  };
}

/** Registers the table, and a 405 answer for the methods a declared path does not take. */
export function registerRoutes(app: FastifyInstance, routes: readonly Route[], services: RouteServices): void {
  const methodsOf = new Map<string, Set<HttpMethod>>();
  for (const r of routes) {
    app.route(fastifyRoute(r, services));
    const set = methodsOf.get(r.path) ?? new Set<HttpMethod>();
    set.add(r.method);
    methodsOf.set(r.path, set);
  }
  for (const [path, declared] of methodsOf) {
    const others = METHODS.filter((m) => !declared.has(m));
    if (others.length === 0) continue;
    app.route({
      method: others,
      url: path,
      schema: { hide: true },
      exposeHeadRoute: false,
      handler: (request) => {
        throw new DomainError('METHOD_NOT_ALLOWED', { method: request.method });
      },
    });
  }
}
