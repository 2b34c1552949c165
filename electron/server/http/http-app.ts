/**
 * The hall server's HTTP layer on Fastify: the route table with zod validation, the error envelope,
 * CORS, Server-Timing, request metrics, /healthz, /metrics, the OpenAPI document, the WebSocket
 * stream and the renderer's static files. Everything here is plumbing; what a request does is in
 * its route (routes/*.ts).
 */
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import websocket from '@fastify/websocket';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { resolve, sep } from 'node:path';
import { DomainError, ERROR_CODES } from '../../common/errors.ts';
import { MAX_BODY_BYTES } from '../../common/wire.ts';
import { canonicalPagePath, contentSecurityPolicy } from '../../common/page-policy.ts';
import type { Access, Caller } from '../access.ts';
import { IDEMPOTENCY_HEADER, type IdempotencyGate } from '../idempotency-gate.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import { STREAM_MAX_PAYLOAD_BYTES, type StreamHub } from '../stream-hub.ts';
import { CSRF_HEADER, deviceCookieOf, ownOrigin } from './device-cookie.ts';
import { hasBody, toDomainError } from './error-mapping.ts';
import { SharedRateLimitStore } from './rate-limit-store.ts';
import { swaggerOptions } from './openapi.ts';
import { registerRoutes, type ActingAs } from './register-routes.ts';
import type { Route } from './route.ts';

export interface HttpAppOptions {
  readonly routes: readonly Route[];
  readonly access: Access;
  /** Replays the first answer to a retried state-changing call (idempotency-gate.ts). */
  readonly idempotency: IdempotencyGate;
  readonly metrics: Metrics;
  readonly stream: StreamHub;
  readonly log: Logger;
  readonly hallName: string;
  /** Folder of built renderer apps served at /; none when null. */
  readonly staticDir: string | null;
  /** Origins of pages elsewhere allowed to call the API (CORS); empty = same origin only. */
  readonly allowedOrigins: readonly string[];
  /** The body of /healthz. */
  readonly health: () => Record<string, unknown>;
  /** Runs a handler on behalf of its caller (the events it causes name them). */
  readonly actingAs: ActingAs;
  /** Called when a response has been sent (the idle collector counts its idle moments from there). */
  readonly onResponseSent?: () => void;
  /**
   * What every answer waits for before it is sent, or null when nothing is pending: the durability
   * of the commands committed so far (group commit, store/wal-sync.ts). No answer, not even a read,
   * shows a command before it is on disk; a failed sync turns the answer into an error.
   */
  readonly beforeAnswer?: () => Promise<void> | null;
  /**
   * Addresses or CIDR ranges of reverse proxies whose X-Forwarded-For is believed (the client's
   * address then counts for rate limits); none by default: the socket's address counts.
   */
  readonly trustedProxies?: readonly string[];
  /** TLS key and certificate chain (PEM): the app serves HTTPS and WSS; plain HTTP when absent. */
  readonly tls?: { readonly key: string; readonly cert: string } | null;
}

/** Headers an allowed origin's page may send (the browser asks first with OPTIONS). */
const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  IDEMPOTENCY_HEADER,
  CSRF_HEADER,
  'x-staff-session',
  'x-paper-sha256',
  'x-paper-pages',
  'x-paper-dpi',
  'x-paper-ocr-confidence',
];

/** How long a connection whose request body was left unread stays open after the answer. */
const UNREAD_BODY_LINGER_MS = 2_000;

/**
 * Closing a socket that still has unread request bytes makes the kernel answer with a reset, and a
 * client still uploading may then lose the answer it was sent (a 413 it never sees). So after the
 * answer only our side is closed (FIN): the client reads the answer and the end of the stream while
 * its upload stays blocked (nothing more is read), and the socket is destroyed a little later.
 * Node would destroy it right away for `Connection: close` (socket.destroySoon); this socket's
 * destroySoon is replaced for that reason.
 */
function lingerThenClose(request: FastifyRequest): void {
  request.raw.pause();
  const socket = request.raw.socket;
  socket.destroySoon = () => {
    socket.end();
    setTimeout(() => socket.destroy(), UNREAD_BODY_LINGER_MS).unref();
  };
}

/**
 * Headers of the public ticket page (/t/<token>, renderer/ticket): its token must not leak through
 * a Referer, search engines must not keep it, and the page may load only the hall's own files.
 */
const TICKET_PAGE_HEADERS = {
  'cache-control': 'no-cache',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex, nofollow',
  'x-content-type-options': 'nosniff',
  'content-security-policy':
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
} as const;

function isApi(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || request.url === '/healthz';
}

/** The page's own origin as the browser sees it, for the policy's WebSocket source. */
function pageOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/** Not built on import: the caller registers routes, then awaits `ready()` before listening. */
export function createHttpApp(options: HttpAppOptions): FastifyInstance {
  const { log, metrics } = options;
  // The HTTPS instance is typed as Fastify's HTTP one: routes, hooks and plugins do not differ.
  const app = Fastify({
    ...(options.tls ? { https: { key: options.tls.key, cert: options.tls.cert, minVersion: 'TLSv1.2' as const } } : {}),
    loggerInstance: log.child({ module: 'http' }) as FastifyBaseLogger,
    // Requests are counted in /metrics; a log line per request would cost more than the request.
    logController: new LogController({ disableRequestLogging: true }),
    // Nor a child logger per request (Fastify's default, to bind the request id): nothing here
    // logs through request.log, and building one is a visible share of an issue's time.
    childLoggerFactory: (logger) => logger,
    bodyLimit: MAX_BODY_BYTES,
    trustProxy: options.trustedProxies && options.trustedProxies.length > 0 ? [...options.trustedProxies] : false,
    keepAliveTimeout: 65_000,
    forceCloseConnections: true,
    // A URL that does not decode names nothing: 404 in the envelope, not Fastify's 400.
    frameworkErrors: (error, request, reply) => {
      const e = error.code === 'FST_ERR_BAD_URL' ? new DomainError('NOT_FOUND', { reason: 'malformed URL' }) : toDomainError(error, request);
      void (reply as FastifyReply).code(ERROR_CODES[e.code].http).send(e.toBody());
    },
  }) as unknown as FastifyInstance;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('caller', null as unknown as Caller);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('jsonText', null);

  // JSON bodies: an empty one is {}, a malformed one INVALID_JSON; no other parsers but the raw
  // types routes declare (text/plain and the like are 415).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, text, done) => {
    request.jsonText = text as string; // the bytes an Idempotency-Key's fingerprint covers
    if (text === '') {
      done(null, {});
      return;
    }
    try {
      done(null, JSON.parse(text as string));
    } catch (error) {
      done(new DomainError('INVALID_JSON', { reason: error instanceof Error ? error.message : String(error) }), undefined);
    }
  });
  const rawTypes = new Set(options.routes.flatMap((r) => (r.rawBody ? [r.rawBody.contentType] : [])));
  for (const type of rawTypes) app.addContentTypeParser(type, { parseAs: 'buffer' }, (_request, bytes, done) => done(null, bytes));

  app.setErrorHandler((error, request, reply) => {
    const e = toDomainError(error, request);
    if (e.code === 'INTERNAL') {
      log.error(
        { err: error instanceof Error ? error.stack : String(error), operation: request.routeOptions.config.operationId ?? 'unmatched' },
        'request failed',
      );
    }
    // A refusal that says when to come back (rate limits, backoff) says it in Retry-After too, in whole seconds.
    const retryAfterMs = e.details.retryAfterMs;
    if (typeof retryAfterMs === 'number' && retryAfterMs >= 0) reply.header('retry-after', String(Math.ceil(retryAfterMs / 1000)));
    return reply.code(ERROR_CODES[e.code].http).send(e.toBody());
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? request.url;
    return reply.code(404).send(new DomainError('NOT_FOUND', { path }).toBody());
  });

  if (options.staticDir) {
    // A page path that does not survive decoding unchanged in meaning (`/kiosk/..%2fcounter/`, a
    // backslash, a NUL) names no file of the apps: 404 before the static server normalises it.
    app.addHook('onRequest', (request, reply, done) => {
      if (isApi(request) || canonicalPagePath(request.url.split('?')[0] ?? request.url) !== null) {
        done();
        return;
      }
      void reply.code(404).send(new DomainError('NOT_FOUND', { reason: 'encoded or dot segments in path' }).toBody());
    });
  }
  app.addHook('onSend', (request, reply, payload, done) => {
    if (isApi(request)) {
      reply.header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer');
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    }
    // An answer sent before the request's body was read (refused, or over the limit): the rest of
    // the body is not read; the connection closes after the answer instead.
    if (!request.raw.complete && hasBody(request)) {
      reply.header('connection', 'close');
      lingerThenClose(request);
    }
    // The server's time includes the wait for durability: it is part of what an answer costs. An
    // answer that waited names that wait too (`durable`), so handling and sync can be told apart.
    const pending = options.beforeAnswer?.() ?? null;
    const handledMs = pending === null ? 0 : reply.elapsedTime;
    const send = (): void => {
      const totalMs = reply.elapsedTime;
      reply.header(
        'server-timing',
        pending === null ? `app;dur=${totalMs.toFixed(3)}` : `app;dur=${totalMs.toFixed(3)}, durable;dur=${(totalMs - handledMs).toFixed(3)}`,
      );
      done(null, payload);
    };
    if (pending === null) send();
    else
      pending.then(send, (error: unknown) => {
        // The answer's content is withheld: what it reports may not be on disk.
        log.error(
          { err: error instanceof Error ? error.message : String(error), operation: request.routeOptions.config.operationId ?? 'unmatched' },
          'answer withheld: the event log is not durable',
        );
        reply
          .code(500)
          .header('content-type', 'application/json; charset=utf-8')
          .header('server-timing', `app;dur=${reply.elapsedTime.toFixed(3)}`);
        done(null, JSON.stringify(new DomainError('INTERNAL').toBody()));
      });
  });
  app.addHook('onResponse', (request, reply, done) => {
    const operation =
      request.routeOptions.config.operationId ?? (request.url.startsWith('/api/') && request.routeOptions.url !== '/api/v1/openapi.json' ? 'unmatched' : null);
    if (operation !== null) metrics.observe(operation, reply.statusCode, reply.elapsedTime / 1000);
    options.onResponseSent?.();
    done();
  });

  // Only routes that declare `rateLimit` are limited (register-routes.ts); a refusal is the envelope.
  void app.register(rateLimit, {
    global: false,
    // One store for every limited route, so routes of one group share a budget (rate-limit-store.ts).
    store: SharedRateLimitStore,
    errorResponseBuilder: (_request, context) => new DomainError('TOO_MANY_ATTEMPTS', { retryAfterMs: context.ttl }),
    onExceeded: (request) => log.warn({ operation: request.routeOptions.config.operationId ?? 'unmatched' }, 'requests refused by the per-address rate limit'),
  });
  // Sets the paired dashboard's device cookie; unsigned: it holds a random token. No parsing hook:
  // the one request cookie the hall reads is parsed where it is read (deviceCookieOf), only for a
  // request without a bearer token, so the terminals' requests skip it.
  void app.register(cookie, { hook: false });
  // Only the configured origins (hall.allowedOrigins). With none (the default: the apps are
  // same-origin) there is no CORS hook at all: no answer carries CORS headers, a preflight is 404.
  if (options.allowedOrigins.length > 0) {
    void app.register(cors, { origin: [...options.allowedOrigins], methods: ['GET', 'POST', 'PUT', 'DELETE'], allowedHeaders: ALLOWED_HEADERS, maxAge: 600 });
  }
  void app.register(swagger, swaggerOptions(options.routes, options.hallName));
  void app.register(websocket, { options: { maxPayload: STREAM_MAX_PAYLOAD_BYTES } });
  void app.register(async (scope) => {
    registerRoutes(scope, options.routes, { access: options.access, idempotency: options.idempotency, actingAs: options.actingAs });
    let openapi: string | null = null;
    scope.get('/api/v1/openapi.json', { schema: { hide: true } }, (_request, reply) => {
      openapi ??= JSON.stringify(app.swagger());
      return reply.type('application/json; charset=utf-8').send(openapi);
    });
    // The device cookie counts for a stream opened by the hall's own page only (its Origin is checked).
    scope.get('/api/v1/stream', { websocket: true, schema: { hide: true } }, (socket, request) =>
      options.stream.accept(socket, request.headers.origin === ownOrigin(request) ? deviceCookieOf(request) : null),
    );
    scope.get('/healthz', { schema: { hide: true } }, (_request, reply) => reply.send(options.health()));
    scope.get('/metrics', { schema: { hide: true } }, async (_request, reply) => reply.type(metrics.contentType).send(await metrics.render()));
    if (options.staticDir) {
      // The ticket page answers every /t/<token> with its one HTML file; the page reads the token from its URL.
      scope.get('/t/:token', { schema: { hide: true } }, (_request, reply) =>
        reply.headers(TICKET_PAGE_HEADERS).sendFile('ticket/index.html', { cacheControl: false }),
      );
      await scope.register(fastifyStatic, {
        root: resolve(options.staticDir),
        prefix: '/',
        cacheControl: false,
        // Hashed build assets never change under their name; everything else is revalidated.
        setHeaders: (reply, path) => {
          reply.header('cache-control', path.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
          reply.header('x-content-type-options', 'nosniff');
          // The apps' pages get the Electron shell's policy (page-policy.ts), plus the loopback device host
          // a terminal app in a plain browser talks to; the ticket page keeps its stricter one.
          if (!reply.hasHeader('content-security-policy'))
            reply.header('content-security-policy', contentSecurityPolicy(pageOrigin(reply.request), { loopbackDeviceHost: true }));
        },
      });
    }
  });
  return app;
}
