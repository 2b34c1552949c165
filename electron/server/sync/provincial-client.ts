/**
 * HTTP(S) client of the provincial one-stop system: deliveries with an Idempotency-Key, and reads
 * (dossier status, appointments). Every exchange has one deadline covering connection, request
 * and the whole answer. Credentials go only into the Authorization header: they are never part of
 * an error text, a log line or an outcome.
 *
 * How an answer to a delivery is read:
 *   2xx                                   delivered (a replay of an earlier copy counts too)
 *   409 naming our key or "already received"  delivered: the receiver has it from an earlier attempt
 *   408, 425, 429, 5xx, 401, 403, 3xx, network errors, timeouts   retry later (401/403 are the
 *                                         hall's credentials, not the message: fixing them must
 *                                         not require retrying every item by hand)
 *   any other 4xx                         permanent: the message itself is refused (dead letter)
 */
import { request as httpRequest, Agent as HttpAgent, type IncomingMessage } from 'node:http';
import { request as httpsRequest, Agent as HttpsAgent } from 'node:https';

export interface ProvincialClientOptions {
  /** e.g. https://motcua.example.gov.vn/api; paths are appended to it. */
  readonly baseUrl: string;
  /** The whole Authorization header value ("Bearer …", "Basic …"). */
  readonly authorization: string;
  /** Deadline of one delivery, ms. */
  readonly timeoutMs: number;
}

export type DeliveryOutcome =
  | { readonly kind: 'delivered'; readonly status: number; readonly duplicate: boolean }
  | { readonly kind: 'retry'; readonly error: string; readonly retryAfterMs: number | null }
  | { readonly kind: 'permanent'; readonly error: string };

export interface JsonAnswer {
  readonly status: number;
  readonly json: unknown;
}

/** The provincial system could not be reached or did not answer in time. */
export class ProvincialUnreachableError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ProvincialUnreachableError';
  }
}

const MAX_ANSWER_BYTES = 256 * 1024;

interface RawAnswer {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  readonly text: string;
}

/** A network failure as a short English reason without secrets or payload. */
function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof ProvincialUnreachableError) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused (ECONNREFUSED)';
    case 'ECONNRESET':
      return 'connection closed before an answer (ECONNRESET)';
    case 'EPIPE':
      return 'connection closed while sending (EPIPE)';
    case 'ENOTFOUND':
      return 'host name not found (ENOTFOUND)';
    case 'EAI_AGAIN':
      return 'host name lookup failed (EAI_AGAIN)';
    case 'EHOSTUNREACH':
      return 'host unreachable (EHOSTUNREACH)';
    case 'ETIMEDOUT':
      return `no answer within ${timeoutMs} ms`;
    default:
      return typeof code === 'string' ? `network error (${code})` : `network error (${error instanceof Error ? error.message.slice(0, 80) : 'unknown'})`;
  }
}

/** A safe error code from a JSON error answer ({error:{code}} or {code}), for the dashboard. */
function answerCode(json: unknown): string | null {
  const j = json as { error?: { code?: unknown }; code?: unknown } | null;
  const code = typeof j?.error?.code === 'string' ? j.error.code : typeof j?.code === 'string' ? j.code : null;
  return code !== null && /^[A-Za-z0-9_.-]{1,64}$/.test(code) ? code : null;
}

function parseJson(text: string): unknown {
  try {
    return text.length > 0 ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/** Retry-After in seconds or as an HTTP date, in ms from `now`; null when absent or unreadable. */
function retryAfterMs(value: string | undefined, now: number): number | null {
  if (value === undefined) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export class ProvincialClient {
  readonly baseUrl: string;
  readonly #authorization: string;
  readonly #timeoutMs: number;
  readonly #secure: boolean;
  readonly #agent: HttpAgent;
  readonly #inFlight = new Set<{ destroy(error?: Error): void }>();
  #closed = false;

  constructor(options: ProvincialClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#authorization = options.authorization;
    this.#timeoutMs = options.timeoutMs;
    this.#secure = this.baseUrl.startsWith('https:');
    // Room for every destination's deliveries in flight (outbox-worker.ts: 8 per destination) plus
    // lookups, so a destination's hanging requests never queue another's behind them for a socket.
    this.#agent = this.#secure ? new HttpsAgent({ keepAlive: true, maxSockets: 32 }) : new HttpAgent({ keepAlive: true, maxSockets: 32 });
  }

  /** Delivers one message; never throws (every failure is an outcome). */
  async deliver(path: string, body: string, idempotencyKey: string): Promise<DeliveryOutcome> {
    let answer: RawAnswer;
    try {
      answer = await this.#exchange(
        'POST',
        path,
        { 'content-type': 'application/json; charset=utf-8', 'idempotency-key': idempotencyKey },
        body,
        this.#timeoutMs,
      );
    } catch (error) {
      return { kind: 'retry', error: describeFailure(error, this.#timeoutMs), retryAfterMs: null };
    }
    const { status } = answer;
    const json = parseJson(answer.text);
    const code = answerCode(json);
    const what = `HTTP ${status}${code ? ` (${code})` : ''} from the provincial system`;
    if (status >= 200 && status < 300) {
      const replayed = answer.headers['idempotent-replayed'] === 'true' || (json as { duplicate?: unknown } | null)?.duplicate === true;
      return { kind: 'delivered', status, duplicate: replayed };
    }
    if (status === 409 && (answer.headers['idempotency-key'] === idempotencyKey || /ALREADY_RECEIVED|DUPLICATE/i.test(code ?? ''))) {
      return { kind: 'delivered', status, duplicate: true };
    }
    const retryable = status >= 500 || status < 200 || (status >= 300 && status < 400) || [401, 403, 408, 425, 429].includes(status);
    if (retryable) return { kind: 'retry', error: what, retryAfterMs: retryAfterMs(answer.headers['retry-after'], Date.now()) };
    return { kind: 'permanent', error: what };
  }

  /** GET a JSON document; throws ProvincialUnreachableError on network failure or timeout. */
  async getJson(path: string, timeoutMs = this.#timeoutMs): Promise<JsonAnswer> {
    try {
      const answer = await this.#exchange('GET', path, { accept: 'application/json' }, null, timeoutMs);
      return { status: answer.status, json: parseJson(answer.text) };
    } catch (error) {
      throw new ProvincialUnreachableError(describeFailure(error, timeoutMs));
    }
  }

  /** Aborts exchanges in flight (they fail as retries) and closes idle connections. */
  close(): void {
    this.#closed = true;
    for (const r of this.#inFlight) r.destroy(new ProvincialUnreachableError('the hall server is stopping'));
    this.#agent.destroy();
  }

  #exchange(method: 'GET' | 'POST', path: string, headers: Record<string, string>, body: string | null, timeoutMs: number): Promise<RawAnswer> {
    if (this.#closed) return Promise.reject(new ProvincialUnreachableError('the hall server is stopping'));
    const url = new URL(this.baseUrl + path);
    const send = this.#secure ? httpsRequest : httpRequest;
    return new Promise<RawAnswer>((resolve, reject) => {
      const req = send(url, {
        method,
        agent: this.#agent,
        headers: {
          ...headers,
          authorization: this.#authorization,
          ...(body === null ? {} : { 'content-length': String(Buffer.byteLength(body)) }),
        },
      });
      this.#inFlight.add(req);
      let settled = false;
      const finish = (error: Error | null, answer?: RawAnswer): void => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        this.#inFlight.delete(req);
        if (error) reject(error);
        else if (answer) resolve(answer);
      };
      const deadline = setTimeout(() => {
        const timeout = Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' });
        req.destroy(timeout);
        finish(timeout);
      }, timeoutMs);
      req.on('error', (error) => finish(error));
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
        });
        res.on('end', () => finish(null, { status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (error) => finish(error));
        res.on('aborted', () => finish(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
      });
      req.end(body ?? undefined);
    });
  }
}
