/**
 * A route is data: method, path pattern, operationId, access rule, the zod schemas of its request
 * (params, query, headers, body) and responses, its body limit and its handler. http/register-routes.ts
 * turns each one into Fastify route options; Fastify validates with the schemas, @fastify/swagger
 * publishes them, and the metrics label requests with the operationId. docs/api.md shows how a
 * route is declared.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { DomainEventType } from '../../common/events.ts';
import type { AccessRule, Caller } from '../access.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteContext<B, Q, P> {
  readonly params: P;
  readonly body: B;
  readonly caller: Caller;
  readonly sessionToken: string | null;
  readonly query: Q;
  readonly headers: IncomingHttpHeaders;
  /** The peer's IP address (the socket's; no proxy header is trusted). */
  readonly clientAddress: string;
}

/** What a check that runs before the body is read sees (no body yet). */
export type BeforeBodyContext<Q, P> = Omit<RouteContext<undefined, Q, P>, 'body'>;

export interface RouteResult {
  readonly status: number;
  readonly body: unknown;
  /** A download instead of JSON (exports): sent as is with Content-Disposition: attachment. */
  readonly file?: {
    readonly contentType: string;
    readonly fileName: string;
    readonly bytes: Uint8Array | string;
    /** Shown in the page (an image) rather than saved: Content-Disposition inline. */
    readonly inline?: boolean;
    /** Cache-Control of a file that may be kept (the API's answers are no-store otherwise). */
    readonly cacheControl?: string;
  };
  /**
   * An event stream instead of a body: the handler takes the connection over (Fastify's hijack)
   * and `open` writes the status, headers and events itself until it ends the response.
   */
  readonly stream?: { readonly open: (response: ServerResponse, request: IncomingMessage) => void };
  /** A device token to set as the HttpOnly device cookie (pairing a plain-browser app; http/device-cookie.ts). */
  readonly deviceCookie?: { readonly token: string; readonly maxAgeSeconds: number };
}

/** Path parameters as strings, for routes that declare no params schema. */
export type PathParams = Readonly<Record<string, string>>;

export interface Route<B extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, P extends z.ZodType = z.ZodType<PathParams>> {
  readonly method: HttpMethod;
  /** Path under the server root with :params, e.g. /api/v1/counters/:counterId/call-next */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tag: string;
  /** Devices, staff roles and counter binding; checked before the body is read (http/access-hook.ts). */
  readonly access: AccessRule;
  /**
   * The event types a successful call records in the hall's event log (electron/common/events.ts),
   * each with the calling device and staff member as its actor; [] for none. The OpenAPI
   * description of the operation lists them (register-routes.ts), and a test holds every route to it.
   */
  readonly logs: readonly DomainEventType[];
  /** Lines the call may write to the server's log (English messages, never a secret or personal data). */
  readonly logLines?: readonly string[];
  /** Path parameters; by default every :name of the path as a non-empty string. */
  readonly params?: P;
  /** The query string, validated (an object schema of optional strings, usually). */
  readonly query?: Q;
  /** Request headers the route reads, validated before its body is read. */
  readonly headers?: z.ZodType;
  /** A JSON body. An empty body counts as `{}`, so routes without fields accept no body. */
  readonly body?: B;
  /** A non-JSON body (a PDF upload): its content type and size limit; the handler gets it as a Buffer. */
  readonly rawBody?: { readonly contentType: string; readonly limit: number };
  /**
   * The success answer: its status, its content type (downloads, event streams) and, for JSON, its
   * schema: the answer is serialized through it (a field it does not list is an error, not a leak)
   * and published in the OpenAPI document. `alsoStatus`: other 2xx statuses answered with the same
   * body (enqueueQueueStats: 201 when queued, 200 when the day already was).
   */
  readonly success?: { readonly status?: number; readonly alsoStatus?: readonly number[]; readonly contentType?: string; readonly body?: z.ZodType };
  /**
   * The success answer carries a one-time secret that the hall keeps only as a hash (a pairing code,
   * a PIN). Such a call is not gated by Idempotency-Key: a kept answer would be the secret in clear
   * in the database. A retry runs again and answers a new secret (an account's retry is refused as
   * its username is then taken).
   */
  readonly answerHoldsSecret?: boolean;
  /**
   * Requests per address and window (@fastify/rate-limit), counted before anything else is done
   * with the request; routes with the same `group` share one budget. Over it: 429 TOO_MANY_ATTEMPTS
   * (details.retryAfterMs).
   */
  readonly rateLimit?: { readonly max: number; readonly windowMs: number; readonly group: string };
  /**
   * Checks that need no body and must refuse before it is read (a 25 MB upload to a dossier that
   * is not the caller's is answered at once, without reading the upload).
   */
  readonly beforeBody?: (ctx: BeforeBodyContext<z.output<Q>, z.output<P>>) => void;
  readonly handler: (ctx: RouteContext<z.output<B>, z.output<Q>, z.output<P>>) => RouteResult | Promise<RouteResult>;
}

/** Keeps the schema types of each route precise inside a heterogeneous table. */
export function route<B extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, P extends z.ZodType = z.ZodType<PathParams>>(r: Route<B, Q, P>): Route {
  return r as unknown as Route;
}
