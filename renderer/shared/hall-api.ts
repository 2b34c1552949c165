/**
 * HTTP client of the hall server API (docs/api.md). Every failure becomes a HallApiError carrying
 * the server's stable error code (or NETWORK when the server could not be reached), so screens map
 * codes to messages and never show raw text.
 */
import type { DeviceHealth } from '../../electron/common/device-contract.ts';
import type { DevicesHealthResponse } from '../../electron/common/device-health-wire.ts';
import type { RatingLevel } from '../../electron/common/domain.ts';
import type { Alert, HallSnapshot, IssueTicketRequest, IssueTicketResponse, PriorityDeclarationsResponse } from '../../electron/common/wire.ts';
import type { HallConfigView, KpiReport, KpiGroupBy, CounterOperationResult, StaffingView, TodayTimeline, PeriodReportView } from './hall-types.ts';

/** Server error codes plus the client-side ones. */
export class HallApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: string, status: number, message: string, details: Readonly<Record<string, unknown>> = {}) {
    super(message);
    this.name = 'HallApiError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

/** A 404 answer: the thing asked for does not exist (no dossier for that ticket), or the route does not (an older server). */
export function isNotFound(error: unknown): boolean {
  return error instanceof HallApiError && error.status === 404;
}

export function errorCodeOf(error: unknown): string {
  return error instanceof HallApiError ? error.code : 'INTERNAL';
}

export interface HallApiOptions {
  /** Origin of the hall server, e.g. http://127.0.0.1:8080 */
  readonly baseUrl: string;
  /** The device token; null for the public routes (pairing). */
  readonly token: string | null;
  readonly fetch?: typeof fetch;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * Per-call options of a state-changing request. Every POST, PUT and DELETE carries an
 * Idempotency-Key: a fresh one per call unless the caller passes the key of the request it is
 * retrying (the hall then answers a retry of a committed request with the first answer).
 */
export interface SendOptions {
  readonly idempotencyKey?: string;
  /** Abort and fail with TIMEOUT after this many ms (the caller may retry with the same key). */
  readonly timeoutMs?: number;
}

/** A new idempotency key (UUID v4 from the platform's CSPRNG). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

export type CounterAction = 'open' | 'pause' | 'resume' | 'close' | 'call-next' | 'call' | 'recall' | 'start' | 'finish' | 'no-show' | 'hold' | 'transfer' | 'priority-review';

export interface PairResult {
  readonly token: string;
  readonly device: { readonly id: string; readonly role: string; readonly name: string; readonly counterId: string | null };
}

export interface StaffSession {
  readonly sessionToken: string;
  readonly expiresAt: number;
  readonly staff: { readonly id: string; readonly displayName: string; readonly role: string };
  readonly counterId: string | null;
}

export class HallApi {
  readonly baseUrl: string;
  readonly #token: string | null;
  readonly #fetch: typeof fetch;
  /** Staff session of the logged-in officer or supervisor; kept in memory only. */
  session: string | null = null;

  constructor(options: HallApiOptions) {
    this.baseUrl = options.baseUrl.replace(/\/$/, '');
    this.#token = options.token;
    this.#fetch = options.fetch ?? fetch.bind(globalThis);
  }

  /** ws(s) URL of the live stream. */
  get streamUrl(): string {
    return `${this.baseUrl.replace(/^http/, 'ws')}/api/v1/stream`;
  }

  async request<T>(method: HttpMethod, path: string, body?: unknown, options: SendOptions = {}): Promise<T> {
    const res = await this.#send(method, path, { ...options, ...(body === undefined ? {} : { body: JSON.stringify(body), contentType: 'application/json' }) });
    return this.#json<T>(res, method, path);
  }

  /** Sends raw bytes (a paper's PDF) with extra headers; the answer is JSON. */
  async requestBytes<T>(method: 'PUT' | 'POST', path: string, bytes: Uint8Array<ArrayBuffer>, contentType: string, headers: Readonly<Record<string, string>> = {}): Promise<T> {
    const res = await this.#send(method, path, { body: bytes, contentType, headers });
    return this.#json<T>(res, method, path);
  }

  /** Downloads a binary resource (a paper's PDF) with this client's credentials. */
  async download(path: string): Promise<Blob> {
    const res = await this.#send('GET', path, {});
    if (!res.ok) await this.#json<never>(res, 'GET', path);
    return res.blob();
  }

  async #send(method: HttpMethod, path: string, options: SendOptions & { readonly body?: string | Uint8Array<ArrayBuffer>; readonly contentType?: string; readonly headers?: Readonly<Record<string, string>> }): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.#token) headers.authorization = `Bearer ${this.#token}`;
    if (this.session) headers['x-staff-session'] = this.session;
    if (options.contentType) headers['content-type'] = options.contentType;
    if (method !== 'GET') headers['idempotency-key'] = options.idempotencyKey ?? newIdempotencyKey();
    const signal = options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs);
    try {
      return await this.#fetch(`${this.baseUrl}${path}`, { method, headers, ...(signal ? { signal } : {}), ...(options.body === undefined ? {} : { body: options.body }) });
    } catch (error) {
      if (signal?.aborted) throw new HallApiError('TIMEOUT', 0, `no answer from the hall server within ${options.timeoutMs} ms`);
      throw new HallApiError('NETWORK', 0, `hall server unreachable: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async #json<T>(res: Response, method: string, path: string): Promise<T> {
    const text = await res.text();
    let json: unknown = null;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        throw new HallApiError('INVALID_RESPONSE', res.status, `not JSON from ${method} ${path}`);
      }
    }
    if (!res.ok) {
      const err = (json as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | null)?.error;
      throw new HallApiError(err?.code ?? `HTTP_${res.status}`, res.status, err?.message ?? `${method} ${path} answered ${res.status}`, err?.details ?? {});
    }
    return json as T;
  }

  snapshot(): Promise<HallSnapshot> {
    return this.request('GET', '/api/v1/hall/snapshot');
  }

  config(): Promise<HallConfigView> {
    return this.request('GET', '/api/v1/hall/config');
  }

  issueTicket(body: IssueTicketRequest, options: SendOptions = {}): Promise<IssueTicketResponse> {
    return this.request('POST', '/api/v1/tickets', body, options);
  }

  counter(counterId: string, action: CounterAction, body: Record<string, unknown> = {}): Promise<CounterOperationResult> {
    return this.request('POST', `/api/v1/counters/${encodeURIComponent(counterId)}/${action}`, body);
  }

  returnTicket(ticketId: string, position: 'first' | 'last'): Promise<unknown> {
    return this.request('POST', `/api/v1/tickets/${encodeURIComponent(ticketId)}/return`, { position });
  }

  submitRating(counterId: string, level: RatingLevel, reason?: string): Promise<{ ticketId: string; level: RatingLevel }> {
    return this.request('POST', `/api/v1/counters/${encodeURIComponent(counterId)}/ratings`, reason ? { level, reason } : { level });
  }

  kpis(query: { from?: string; to?: string; groupBy?: KpiGroupBy } = {}): Promise<KpiReport> {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) q.set(k, v);
    const suffix = q.size > 0 ? `?${q.toString()}` : '';
    return this.request('GET', `/api/v1/kpis${suffix}`);
  }

  /** Verified, declared, confirmed and cleared priorities per business day (dashboard). */
  priorityDeclarations(from: string, to: string): Promise<PriorityDeclarationsResponse> {
    return this.request('GET', `/api/v1/reports/priorities?${new URLSearchParams({ from, to }).toString()}`);
  }

  /** Today on the floor per quarter hour: people waiting and the mean wait of the tickets called (dashboard, display). */
  todayTimeline(): Promise<TodayTimeline> {
    return this.request('GET', '/api/v1/kpis/today/timeline');
  }

  /** The period report (a year, quarter or month, or from/to) as the regulations count it (dashboard). */
  periodReport(query: { period: string } | { from: string; to: string }): Promise<PeriodReportView> {
    return this.request('GET', `/api/v1/reports/period?${new URLSearchParams(query).toString()}`);
  }

  async login(username: string, pin: string): Promise<StaffSession> {
    const s = await this.request<StaffSession>('POST', '/api/v1/sessions', { username, pin });
    this.session = s.sessionToken;
    return s;
  }

  async logout(): Promise<void> {
    if (this.session === null) return;
    try {
      await this.request('DELETE', '/api/v1/sessions/current', {});
    } finally {
      this.session = null;
    }
  }

  /** Active supervisor alerts, newest first (dashboard). */
  alerts(): Promise<{ alerts: Alert[] }> {
    return this.request('GET', '/api/v1/alerts');
  }

  /** A supervisor (logged in on this dashboard) acknowledges an active alert; kept as alert.acknowledged. */
  acknowledgeAlert(alertId: string): Promise<{ alert: Alert }> {
    return this.request('POST', `/api/v1/alerts/${encodeURIComponent(alertId)}/acknowledge`, {});
  }

  /** A citizen at this kiosk asks for an officer (kiosk). */
  requestHelp(): Promise<{ alertId: string; at: number }> {
    return this.request('POST', '/api/v1/help-requests', {});
  }

  /** Kiosks whose citizen called an officer, the longest waiting first (counter, dashboard). */
  helpRequests(): Promise<{ helpRequests: Alert[] }> {
    return this.request('GET', '/api/v1/help-requests');
  }

  /** A supervisor, or an officer going to the kiosk, marks the help request of this alert handled (dashboard, counter). */
  resolveHelp(alertId: string): Promise<{ resolved: true }> {
    // A help request's alert id is "help_requested:<kiosk id>"; the route names the kiosk.
    const kioskId = alertId.replace(/^help_requested:/, '');
    return this.request('POST', `/api/v1/help-requests/${encodeURIComponent(kioskId)}/resolve`, {});
  }

  /** Counters each service needs this hour (dashboard). */
  staffing(): Promise<StaffingView> {
    return this.request('GET', '/api/v1/staffing');
  }

  /** This terminal's devices, as the device side reports them (kiosk, counter, display). */
  async reportDeviceHealth(devices: readonly DeviceHealth[]): Promise<void> {
    await this.request('PUT', '/api/v1/devices/self/health', { devices });
  }

  /** The board of every terminal's devices (dashboard). */
  devicesHealth(): Promise<DevicesHealthResponse> {
    return this.request('GET', '/api/v1/devices/health');
  }

  pair(code: string): Promise<PairResult> {
    return this.request('POST', '/api/v1/devices/pair', { code });
  }
}
