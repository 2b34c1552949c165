/**
 * A route is data: method, path pattern, operationId, access rule, body schema and handler.
 * The router, the OpenAPI document and the metrics all read the same table.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { z } from 'zod';
import type { AccessRule, Caller } from '../access.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteContext<B> {
  readonly params: Readonly<Record<string, string>>;
  readonly body: B;
  readonly caller: Caller;
  readonly sessionToken: string | null;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /**
   * Routes with `rawBody` only: reads the body, at most `rawBody.limit` bytes (PAYLOAD_TOO_LARGE as
   * soon as it is crossed, without reading on). Called after the handler's own checks, so a request
   * refused for another reason is answered without reading its body.
   */
  readonly readRawBody: () => Promise<Buffer>;
}

export interface RouteResult {
  readonly status: number;
  readonly body: unknown;
  /** A download instead of JSON (exports): sent as is with Content-Disposition: attachment. */
  readonly file?: { readonly contentType: string; readonly fileName: string; readonly bytes: Uint8Array | string };
}

export interface QueryParameter {
  readonly name: string;
  readonly description: string;
  readonly required?: boolean;
  readonly enum?: readonly string[];
}

export interface Route<S extends z.ZodType = z.ZodType> {
  readonly method: HttpMethod;
  /** Path under the server root with :params, e.g. /api/v1/counters/:counterId/call-next */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tag: string;
  readonly access: AccessRule;
  /** Query parameters, for the OpenAPI document (handlers read and validate them). */
  readonly query?: readonly QueryParameter[];
  /** Request headers the route reads, for the OpenAPI document. */
  readonly headers?: readonly QueryParameter[];
  /** The success response for the OpenAPI document when it is not 200 application/json. */
  readonly success?: { readonly status?: number; readonly contentType?: string };
  readonly body?: S;
  /** A non-JSON body (a PDF upload): its content type and size limit; the handler reads it. */
  readonly rawBody?: { readonly contentType: string; readonly limit: number };
  readonly handler: (ctx: RouteContext<z.output<S>>) => RouteResult | Promise<RouteResult>;
}

/** Keeps the body type of each route precise inside a heterogeneous table. */
export function route<S extends z.ZodType>(r: Route<S>): Route {
  return r as unknown as Route;
}

export interface MatchedRoute {
  readonly route: Route;
  readonly params: Record<string, string>;
}

interface CompiledRoute {
  readonly route: Route;
  readonly regex: RegExp;
  readonly names: readonly string[];
}

export class Router {
  readonly routes: readonly Route[];
  readonly #compiled: readonly CompiledRoute[];

  constructor(routes: readonly Route[]) {
    this.routes = routes;
    this.#compiled = routes.map((r) => {
      const names: string[] = [];
      const pattern = r.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:([a-zA-Z]+)/g, (_m, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      return { route: r, regex: new RegExp(`^${pattern}$`), names };
    });
  }

  /** The matching route, 'method' when the path exists with another method, or null. */
  match(method: string, path: string): MatchedRoute | 'method' | null {
    let pathExists = false;
    for (const c of this.#compiled) {
      const m = c.regex.exec(path);
      if (!m) continue;
      const params = decodeParams(c.names, m);
      // A parameter that is not valid percent-encoding names nothing: no such path.
      if (params === null) continue;
      pathExists = true;
      if (c.route.method !== method) continue;
      return { route: c.route, params };
    }
    return pathExists ? 'method' : null;
  }
}

function decodeParams(names: readonly string[], m: RegExpExecArray): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (const [i, n] of names.entries()) {
    try {
      params[n] = decodeURIComponent(m[i + 1] ?? '');
    } catch {
      return null;
    }
  }
  return params;
}
