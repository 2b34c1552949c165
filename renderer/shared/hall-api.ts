/**
 * HTTP client of the hall server API (docs/api.md). Every failure becomes a HallApiError carrying
 * the server's stable error code (or NETWORK when the server could not be reached), so screens map
 * codes to messages and never show raw text.
 */
import type {
  AdminDevicesResponse,
  AdminStaffResponse,
  CreateStaffRequest,
  CreateStaffResponse,
  EnrolDeviceRequest,
  EnrolDeviceResponse,
  ResetPinResponse,
  RevokeDeviceResponse,
  StaffChangeResponse,
} from '../../electron/common/admin-wire.ts';
import type { DeviceHealth } from '../../electron/common/device-contract.ts';
import type { RatingLevel } from '../../electron/common/domain.ts';
import type {
  Alert,
  AnswerOf,
  ApiPath,
  BodyOf,
  CounterOperationResult,
  DevicesHealthResponse,
  HallConfigView,
  HallSnapshotView,
  IssueTicketRequest,
  IssueTicketResponse,
  KpiGroupBy,
  KpiReport,
  MethodOf,
  PairResult,
  PeriodReportView,
  PriorityDeclarationsResponse,
  QueryOf,
  ServiceWaitsView,
  StaffingView,
  StaffSession,
  TodayTimeline,
} from './api/types.ts';

export type { PairResult, StaffSession } from './api/types.ts';

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
  /** The device token; null for the public routes (pairing) and for an app whose credential is the device cookie. */
  readonly token: string | null;
  readonly fetch?: typeof fetch;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * One call of the API as the OpenAPI document declares it: `params` fill the path's {names}
 * (encoded), `query` the query string (undefined members left out), `body` is the JSON body.
 */
export interface CallOptions<P extends ApiPath, M extends MethodOf<P>> extends SendOptions {
  readonly params?: Readonly<Record<string, string>>;
  readonly query?: QueryOf<P, M>;
  readonly body?: BodyOf<P, M>;
}

/** The path with its {names} replaced by `params` (encoded) and the query string appended. */
export function apiPath(template: string, params: Readonly<Record<string, string>> = {}, query: object | undefined = undefined): string {
  const path = template.replace(/\{([A-Za-z]+)\}/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`no value for {${name}} of ${template}`);
    return encodeURIComponent(value);
  });
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null) q.set(k, String(v));
  return q.size > 0 ? `${path}?${q.toString()}` : path;
}

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

export type CounterAction =
  | 'open'
  | 'pause'
  | 'resume'
  | 'close'
  | 'call-next'
  | 'call'
  | 'recall'
  | 'start'
  | 'finish'
  | 'no-show'
  | 'hold'
  | 'transfer'
  | 'priority-review';

type CounterPath<A extends CounterAction> = `/api/v1/counters/{counterId}/${A}`;
/** The body of a counter operation: required when the operation takes fields, optional when it takes none. */
type CounterBody<A extends CounterAction> = BodyOf<CounterPath<A>, 'post'> extends infer B ? (Partial<B> extends B ? [body?: B] : [body: B]) : never;

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

  /**
   * Calls `method path` (a path of the OpenAPI document) and answers its success body, typed by the
   * types generated from that document; a failure throws HallApiError with the server's code.
   */
  async call<P extends ApiPath, M extends MethodOf<P>>(method: M, path: P, options: CallOptions<P, M> = {}): Promise<AnswerOf<P, M>> {
    return this.#call(method, path, options) as Promise<AnswerOf<P, M>>;
  }

  async #call(
    method: string,
    template: string,
    options: SendOptions & { readonly params?: Readonly<Record<string, string>>; readonly query?: unknown; readonly body?: unknown },
  ): Promise<unknown> {
    const url = apiPath(template, options.params, options.query as object | undefined);
    const verb = method.toUpperCase() as HttpMethod;
    const body = options.body === undefined ? (verb === 'GET' ? undefined : {}) : options.body;
    const send = {
      ...(options.idempotencyKey === undefined ? {} : { idempotencyKey: options.idempotencyKey }),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    };
    const res = await this.#send(verb, url, { ...send, ...(body === undefined ? {} : { body: JSON.stringify(body), contentType: 'application/json' }) });
    return this.#json(res, verb, url);
  }

  /** Sends raw bytes (a paper's PDF) with extra headers to `method path`; the answer is JSON. */
  async callBytes<P extends ApiPath, M extends MethodOf<P> & ('put' | 'post')>(
    method: M,
    path: P,
    params: Readonly<Record<string, string>>,
    bytes: Uint8Array<ArrayBuffer>,
    contentType: string,
    headers: Readonly<Record<string, string>> = {},
  ): Promise<AnswerOf<P, M>> {
    const url = apiPath(path, params);
    const verb = method.toUpperCase() as 'PUT' | 'POST';
    const res = await this.#send(verb, url, { body: bytes, contentType, headers });
    return this.#json(res, verb, url) as Promise<AnswerOf<P, M>>;
  }

  /** Downloads a binary resource (a paper's PDF) of `GET path` with this client's credentials. */
  async download<P extends ApiPath>(path: P, params: Readonly<Record<string, string>> = {}, query: QueryOf<P, 'get'> | undefined = undefined): Promise<Blob> {
    const url = apiPath(path, params, query as object | undefined);
    const res = await this.#send('GET', url, {});
    if (!res.ok) await this.#json(res, 'GET', url);
    return res.blob();
  }

  async #send(
    method: HttpMethod,
    path: string,
    options: SendOptions & {
      readonly body?: string | Uint8Array<ArrayBuffer>;
      readonly contentType?: string;
      readonly headers?: Readonly<Record<string, string>>;
    },
  ): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.#token) headers.authorization = `Bearer ${this.#token}`;
    if (this.session) headers['x-staff-session'] = this.session;
    if (options.contentType) headers['content-type'] = options.contentType;
    if (method !== 'GET') headers['idempotency-key'] = options.idempotencyKey ?? newIdempotencyKey();
    // Without a token the device cookie is the credential: the server wants this header on state changes (CSRF).
    if (method !== 'GET' && this.#token === null) headers['x-hall-request'] = '1';
    const signal = options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs);
    try {
      return await this.#fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        ...(signal ? { signal } : {}),
        ...(options.body === undefined ? {} : { body: options.body }),
      });
    } catch (error) {
      if (signal?.aborted) throw new HallApiError('TIMEOUT', 0, `no answer from the hall server within ${options.timeoutMs} ms`);
      throw new HallApiError('NETWORK', 0, `hall server unreachable: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** The answer's JSON (null when empty); a failure as HallApiError. */
  async #json(res: Response, method: string, path: string): Promise<unknown> {
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
    return json;
  }

  snapshot(): Promise<HallSnapshotView> {
    return this.call('get', '/api/v1/hall/snapshot');
  }

  config(): Promise<HallConfigView> {
    return this.call('get', '/api/v1/hall/config');
  }

  /** The estimated wait of a new ticket in each service (the kiosk's queue buttons). */
  serviceWaits(): Promise<ServiceWaitsView> {
    return this.call('get', '/api/v1/hall/waits');
  }

  /** The hall's logo (PNG) at the version getHallConfig names (logoUrl's `v`). */
  hallLogo(version: string | undefined): Promise<Blob> {
    return this.download('/api/v1/hall/logo.png', {}, version === undefined ? {} : { v: version });
  }

  issueTicket(body: IssueTicketRequest, options: SendOptions = {}): Promise<IssueTicketResponse> {
    return this.call('post', '/api/v1/tickets', { ...options, body });
  }

  /** A counter operation; every one answers CounterOperationResult (the document says so for each path). */
  counter<A extends CounterAction>(counterId: string, action: A, ...body: CounterBody<A>): Promise<CounterOperationResult> {
    const path: CounterPath<A> = `/api/v1/counters/{counterId}/${action}`;
    return this.#call('post', path, { params: { counterId }, body: body[0] }) as Promise<AnswerOf<CounterPath<CounterAction>, 'post'>>;
  }

  returnTicket(ticketId: string, position: 'first' | 'last'): Promise<AnswerOf<'/api/v1/tickets/{ticketId}/return', 'post'>> {
    return this.call('post', '/api/v1/tickets/{ticketId}/return', { params: { ticketId }, body: { position } });
  }

  cancelTicket(ticketId: string, reason?: string): Promise<AnswerOf<'/api/v1/tickets/{ticketId}/cancel', 'post'>> {
    return this.call('post', '/api/v1/tickets/{ticketId}/cancel', { params: { ticketId }, body: reason ? { reason } : {} });
  }

  submitRating(counterId: string, level: RatingLevel, reason?: string): Promise<AnswerOf<'/api/v1/counters/{counterId}/ratings', 'post'>> {
    return this.call('post', '/api/v1/counters/{counterId}/ratings', { params: { counterId }, body: reason ? { level, reason } : { level } });
  }

  kpis(query: { from?: string; to?: string; groupBy?: KpiGroupBy } = {}): Promise<KpiReport> {
    return this.call('get', '/api/v1/kpis', { query });
  }

  /** Verified, declared, confirmed and cleared priorities per business day (dashboard). */
  priorityDeclarations(from: string, to: string): Promise<PriorityDeclarationsResponse> {
    return this.call('get', '/api/v1/reports/priorities', { query: { from, to } });
  }

  /** Today on the floor per quarter hour: people waiting and the mean wait of the tickets called (dashboard, display). */
  todayTimeline(): Promise<TodayTimeline> {
    return this.call('get', '/api/v1/kpis/today/timeline');
  }

  /** The period report (a year, quarter or month, or from/to) as the regulations count it (dashboard). */
  periodReport(query: { period: string } | { from: string; to: string }): Promise<PeriodReportView> {
    return this.call('get', '/api/v1/reports/period', { query });
  }

  async login(username: string, pin: string): Promise<StaffSession> {
    const s = await this.call('post', '/api/v1/sessions', { body: { username, pin } });
    this.session = s.sessionToken;
    return s;
  }

  async logout(): Promise<void> {
    if (this.session === null) return;
    try {
      await this.call('delete', '/api/v1/sessions/current');
    } finally {
      this.session = null;
    }
  }

  /** Active supervisor alerts, newest first (dashboard). */
  alerts(): Promise<{ alerts: Alert[] }> {
    return this.call('get', '/api/v1/alerts');
  }

  /** A supervisor (logged in on this dashboard) acknowledges an active alert; kept as alert.acknowledged. */
  acknowledgeAlert(alertId: string): Promise<{ alert: Alert }> {
    return this.call('post', '/api/v1/alerts/{alertId}/acknowledge', { params: { alertId } });
  }

  /** A citizen at this kiosk asks for an officer (kiosk). */
  requestHelp(): Promise<AnswerOf<'/api/v1/help-requests', 'post'>> {
    return this.call('post', '/api/v1/help-requests');
  }

  /** Kiosks whose citizen called an officer, the longest waiting first (counter, dashboard). */
  helpRequests(): Promise<{ helpRequests: Alert[] }> {
    return this.call('get', '/api/v1/help-requests');
  }

  /** A supervisor, or an officer going to the kiosk, marks the help request of this alert handled (dashboard, counter). */
  resolveHelp(alertId: string): Promise<AnswerOf<'/api/v1/help-requests/{kioskId}/resolve', 'post'>> {
    // A help request's alert id is "help_requested:<kiosk id>"; the route names the kiosk.
    const kioskId = alertId.replace(/^help_requested:/, '');
    return this.call('post', '/api/v1/help-requests/{kioskId}/resolve', { params: { kioskId } });
  }

  /** Counters each service needs this hour (dashboard). */
  staffing(): Promise<StaffingView> {
    return this.call('get', '/api/v1/staffing');
  }

  /** This terminal's devices, as the device side reports them (kiosk, counter, display). */
  async reportDeviceHealth(devices: readonly DeviceHealth[]): Promise<void> {
    await this.call('put', '/api/v1/devices/self/health', { body: { devices: [...devices] } });
  }

  /** The board of every terminal's devices (dashboard). */
  devicesHealth(): Promise<DevicesHealthResponse> {
    return this.call('get', '/api/v1/devices/health');
  }

  pair(code: string): Promise<PairResult> {
    return this.call('post', '/api/v1/devices/pair', { body: { code } });
  }

  /** Every device and its state (dashboard, a supervisor or administrator signed in). */
  adminDevices(): Promise<AdminDevicesResponse> {
    return this.call('get', '/api/v1/admin/devices');
  }

  /** A terminal awaiting pairing and its one-time pairing code, in this answer only; kept as device.enrolled (without the code). */
  enrolDevice(body: EnrolDeviceRequest): Promise<EnrolDeviceResponse> {
    return this.call('post', '/api/v1/admin/devices', { body });
  }

  /** Revokes a device: its token is refused and its streams close at once; kept as device.revoked. */
  revokeDevice(deviceId: string): Promise<RevokeDeviceResponse> {
    return this.call('post', '/api/v1/admin/devices/{deviceId}/revoke', { params: { deviceId } });
  }

  /** Every staff account (dashboard, a supervisor or administrator signed in). */
  adminStaff(): Promise<AdminStaffResponse> {
    return this.call('get', '/api/v1/admin/staff');
  }

  /** A new account and its one-time PIN, in this answer only; kept as staff.created (without the PIN). */
  createStaff(body: CreateStaffRequest): Promise<CreateStaffResponse> {
    return this.call('post', '/api/v1/admin/staff', { body });
  }

  /** Disables (sessions end) or enables an account; kept as staff.disabled / staff.enabled. */
  setStaffActive(staffId: string, active: boolean): Promise<StaffChangeResponse> {
    return active
      ? this.call('post', '/api/v1/admin/staff/{staffId}/enable', { params: { staffId } })
      : this.call('post', '/api/v1/admin/staff/{staffId}/disable', { params: { staffId } });
  }

  /** A new one-time PIN for the account, in this answer only; kept as staff.pin_reset (without the PIN). */
  resetStaffPin(staffId: string): Promise<ResetPinResponse> {
    return this.call('post', '/api/v1/admin/staff/{staffId}/reset-pin', { params: { staffId } });
  }
}
