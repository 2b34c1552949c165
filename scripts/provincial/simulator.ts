/**
 * A provincial one-stop system simulator: a real HTTP server on loopback, for the demo
 * (`npm start`) and the tests. It speaks the protocol the hall's sync code expects:
 *
 *   POST /v1/dossiers/{aggregateId}/events   outbox delivery (topic dossier.*)
 *   POST /v1/queue-stats                     outbox delivery (topic queue.stats)
 *   POST /v1/log-checkpoints                 outbox delivery (topic log.checkpoint: the hall's day-close log checkpoints)
 *        headers Idempotency-Key, Authorization; body {topic, aggregateId, aggregateSeq, …, data}
 *        → 201 {received: true}; the same key again → 409 {error:{code:"ALREADY_RECEIVED"}} with the
 *          key echoed in Idempotency-Key; a rejected key → 422 {error:{code:"INVALID_DOSSIER"}}
 *   GET  /v1/dossiers/{code}/status          → 200 {code, state, statusText, updatedAt} | 404 {…, state:"not_found"}
 *   GET  /v1/appointments?agency=&date=YYYY-MM-DD → 200 {date, appointments:[…]}
 *   /_sim/…                                  control: faults, received messages, statuses, appointments
 *
 * As a receiver it deduplicates by idempotency key, keeps the raw arrivals (so tests can see the
 * retries) and the accepted order per aggregate. Fault injection, per request, cycling through a
 * list (optionally only a share `rate` of requests, drawn from an injected random source):
 *   reset      the connection is destroyed before anything is read or stored
 *   error      500 without storing
 *   timeout    no answer at all, nothing stored (the client's deadline ends it)
 *   slow       stored, answered after `slowMs`
 *   duplicate  stored, then answered 503 as if the answer were lost: the sender delivers again
 *              and that duplicate delivery is answered "already received"
 *   drop       stored, then the connection is closed without an answer
 * and `setDown(true)`: the listener closes (connections are refused) until `setDown(false)`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { businessDateOf } from '../../electron/core/business-time.ts';

export const SIMULATOR_FAULTS = ['reset', 'error', 'timeout', 'slow', 'duplicate', 'drop'] as const;
export type SimulatorFault = (typeof SIMULATOR_FAULTS)[number];

export const STATUS_TEXT: Readonly<Record<string, string>> = {
  received: 'Đã tiếp nhận',
  processing: 'Đang giải quyết',
  supplement_required: 'Yêu cầu bổ sung hồ sơ',
  completed: 'Đã có kết quả',
  returned: 'Đã trả kết quả',
  rejected: 'Từ chối giải quyết',
  not_found: 'Hồ sơ không tồn tại',
};

export interface SimulatorOptions {
  /** Accepted bearer token. */
  readonly token: string;
  /** Delay of `slow` answers, ms. */
  readonly slowMs?: number;
  /** For fault rates below 1 (default Math.random). */
  readonly random?: () => number;
  readonly timeZone?: string;
}

/** One delivery as it reached the receiver (every copy, duplicates included). */
export interface Arrival {
  readonly key: string;
  readonly topic: string;
  readonly aggregateId: string;
  readonly aggregateSeq: number;
  readonly duplicate: boolean;
}

/** One message kept by the receiver: the first copy of its key. */
export interface AcceptedMessage {
  readonly key: string;
  readonly topic: string;
  readonly aggregateId: string;
  readonly aggregateSeq: number;
  readonly body: Record<string, unknown>;
}

export interface SimulatedAppointment {
  readonly agency: string;
  readonly code: string;
  readonly procedureCode: string;
  /** ISO 8601 with offset. */
  readonly slotStart: string;
  readonly slotEnd: string;
  readonly idNumber?: string | null;
  readonly status: 'booked' | 'cancelled';
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers }).end(text);
};

function readAll(req: IncomingMessage, limit = 2 * 1024 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export class ProvincialSimulator {
  readonly #server: Server;
  readonly #options: { token: string; slowMs: number; timeZone: string; random: () => number };
  readonly #sockets = new Set<Socket>();
  readonly #held = new Set<ServerResponse>();
  #port = 0;
  #host = '127.0.0.1';
  #down = false;
  #faults: readonly SimulatorFault[] = [];
  #faultRate = 1;
  #faultIndex = 0;
  #rejected = new Map<string, number>();
  readonly #accepted = new Map<string, AcceptedMessage>();
  readonly #arrivals: Arrival[] = [];
  readonly #dossiers = new Map<string, { state: string; updatedAt: string }>();
  readonly #appointments = new Map<string, SimulatedAppointment>();
  /** Requests that met each fault. */
  readonly faultCounts: Record<SimulatorFault, number> = { reset: 0, error: 0, timeout: 0, slow: 0, duplicate: 0, drop: 0 };

  private constructor(options: SimulatorOptions) {
    this.#options = { slowMs: 200, timeZone: 'Asia/Ho_Chi_Minh', random: Math.random, ...options };
    this.#server = createServer((req, res) => {
      // A client that goes away mid-request is not the simulator's failure.
      this.#handle(req, res).catch(() => res.destroy());
    });
    this.#server.keepAliveTimeout = 5_000;
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.once('close', () => this.#sockets.delete(socket));
    });
  }

  /** Starts on loopback (port 0 = any free port). */
  static async start(options: SimulatorOptions & { port?: number; host?: string }): Promise<ProvincialSimulator> {
    const host = options.host ?? '127.0.0.1';
    if (!['127.0.0.1', '::1', 'localhost'].includes(host)) throw new Error(`the simulator listens on loopback only, not ${host}`);
    const sim = new ProvincialSimulator(options);
    sim.#host = host;
    await sim.#listen(options.port ?? 0);
    return sim;
  }

  get url(): string {
    return `http://${this.#host.includes(':') ? `[${this.#host}]` : this.#host}:${this.#port}`;
  }

  #listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, this.#host, () => {
        this.#server.off('error', reject);
        this.#port = (this.#server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  /** Down: the listener closes and every connection is cut (the sender sees refused connections). */
  async setDown(down: boolean): Promise<void> {
    if (down === this.#down) return;
    this.#down = down;
    if (down) {
      const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
      this.#dropEverything();
      await closed;
    } else {
      await this.#listen(this.#port);
    }
  }

  /** Faults for the next requests, taken in turn; `rate` < 1 applies one to that share of requests only. */
  setFaults(faults: readonly SimulatorFault[], rate = 1): void {
    this.#faults = [...faults];
    this.#faultRate = rate;
    this.#faultIndex = 0;
  }

  /** Deliveries with this idempotency key are refused with `status` (a permanent error) until accepted. */
  rejectKey(key: string, status = 422): void {
    this.#rejected.set(key, status);
  }

  acceptKey(key: string): void {
    this.#rejected.delete(key);
  }

  /** Delay of `slow` answers from now on, ms. */
  setSlowMs(ms: number): void {
    this.#options.slowMs = ms;
  }

  /** Every delivery that reached the receiver, duplicates included, in arrival order. */
  get arrivals(): readonly Arrival[] {
    return this.#arrivals;
  }

  /** The messages kept, one per idempotency key, in acceptance order. */
  accepted(): AcceptedMessage[] {
    return [...this.#accepted.values()];
  }

  /** The aggregate sequence numbers of one aggregate, in the order they were accepted. */
  acceptedSeqs(aggregateId: string): number[] {
    return this.accepted()
      .filter((m) => m.aggregateId === aggregateId)
      .map((m) => m.aggregateSeq);
  }

  setDossierStatus(code: string, state: keyof typeof STATUS_TEXT, updatedAt = new Date().toISOString()): void {
    this.#dossiers.set(code, { state, updatedAt });
  }

  addAppointment(a: SimulatedAppointment): void {
    this.#appointments.set(a.code, a);
  }

  #nextFault(): SimulatorFault | null {
    if (this.#faults.length === 0) return null;
    if (this.#faultRate < 1 && this.#options.random() >= this.#faultRate) return null;
    const fault = this.#faults[this.#faultIndex % this.#faults.length] ?? null;
    this.#faultIndex += 1;
    if (fault) this.faultCounts[fault] += 1;
    return fault;
  }

  #authorized(req: IncomingMessage): boolean {
    return req.headers.authorization === `Bearer ${this.#options.token}`;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator.local');
    if (url.pathname.startsWith('/_sim/')) return this.#control(req, res, url);
    const fault = this.#nextFault();
    if (fault === 'reset') {
      req.socket.destroy();
      return;
    }
    const text = await readAll(req);
    if (!this.#authorized(req)) return json(res, 401, { error: { code: 'UNAUTHORIZED', message: 'unknown credentials' } });
    if (fault === 'error') return json(res, 500, { error: { code: 'INTERNAL', message: 'simulated failure' } });
    if (fault === 'timeout') {
      this.#held.add(res);
      res.once('close', () => this.#held.delete(res));
      return;
    }
    const answer = this.#route(req.method ?? 'GET', url, text, req.headers['idempotency-key']);
    if (fault === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault === 'duplicate') return json(res, 503, { error: { code: 'UNAVAILABLE', message: 'simulated lost answer' } });
    if (fault === 'slow') await new Promise((resolve) => setTimeout(resolve, this.#options.slowMs));
    if (!res.destroyed) json(res, answer.status, answer.body, answer.headers);
  }

  #route(method: string, url: URL, text: string, key: string | string[] | undefined): { status: number; body: unknown; headers?: Record<string, string> } {
    const dossierEvents = /^\/v1\/dossiers\/([^/]+)\/events$/.exec(url.pathname);
    if (method === 'POST' && (dossierEvents || url.pathname === '/v1/queue-stats' || url.pathname === '/v1/log-checkpoints')) {
      return this.#receive(dossierEvents ? decodeURIComponent(dossierEvents[1] ?? '') : null, text, typeof key === 'string' ? key : null);
    }
    const status = /^\/v1\/dossiers\/([^/]+)\/status$/.exec(url.pathname);
    if (method === 'GET' && status) {
      const code = decodeURIComponent(status[1] ?? '');
      const known = this.#dossiers.get(code);
      if (!known) return { status: 404, body: { code, state: 'not_found', statusText: STATUS_TEXT.not_found, updatedAt: null } };
      return { status: 200, body: { code, state: known.state, statusText: STATUS_TEXT[known.state] ?? known.state, updatedAt: known.updatedAt } };
    }
    if (method === 'GET' && url.pathname === '/v1/appointments') {
      const agency = url.searchParams.get('agency') ?? '';
      const date = url.searchParams.get('date') ?? '';
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return { status: 400, body: { error: { code: 'BAD_DATE', message: 'date=YYYY-MM-DD' } } };
      const appointments = [...this.#appointments.values()]
        .filter((a) => a.agency === agency && businessDateOf(Date.parse(a.slotStart), this.#options.timeZone) === date)
        .map(({ agency: _agency, ...a }) => a);
      return { status: 200, body: { date, appointments } };
    }
    return { status: 404, body: { error: { code: 'NOT_FOUND', message: `${method} ${url.pathname}` } } };
  }

  #receive(pathAggregate: string | null, text: string, key: string | null): { status: number; body: unknown; headers?: Record<string, string> } {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return { status: 400, body: { error: { code: 'BAD_REQUEST', message: 'not JSON' } } };
    }
    const { topic, aggregateId, aggregateSeq } = body;
    if (
      key === null ||
      typeof topic !== 'string' ||
      typeof aggregateId !== 'string' ||
      typeof aggregateSeq !== 'number' ||
      (pathAggregate !== null && pathAggregate !== aggregateId)
    ) {
      return { status: 400, body: { error: { code: 'BAD_REQUEST', message: 'Idempotency-Key, topic, aggregateId and aggregateSeq are required' } } };
    }
    const rejected = this.#rejected.get(key);
    if (rejected !== undefined) return { status: rejected, body: { error: { code: 'INVALID_DOSSIER', message: 'refused by the simulator' } } };
    const duplicate = this.#accepted.has(key);
    this.#arrivals.push({ key, topic, aggregateId, aggregateSeq, duplicate });
    if (duplicate)
      return { status: 409, body: { error: { code: 'ALREADY_RECEIVED', message: 'this key was received before' } }, headers: { 'idempotency-key': key } };
    this.#accepted.set(key, { key, topic, aggregateId, aggregateSeq, body });
    const data = body.data as { dossierCode?: unknown } | undefined;
    if (topic.startsWith('dossier.') && typeof data?.dossierCode === 'string' && !this.#dossiers.has(data.dossierCode)) {
      this.setDossierStatus(data.dossierCode, 'received');
    }
    return { status: 201, body: { received: true, key } };
  }

  /** Control: POST /_sim/faults {faults, rate}, GET /_sim/received, POST /_sim/dossiers/{code} {state}, POST /_sim/appointments {...}. */
  async #control(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const text = await readAll(req);
    if (!this.#authorized(req)) return json(res, 401, { error: { code: 'UNAUTHORIZED' } });
    let body: Record<string, unknown> = {};
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      return json(res, 400, { error: { code: 'BAD_REQUEST' } });
    }
    if (req.method === 'GET' && url.pathname === '/_sim/received') {
      return json(res, 200, { accepted: this.accepted().map(({ body: _b, ...m }) => m), arrivals: this.#arrivals.length, faults: this.faultCounts });
    }
    if (req.method === 'POST' && url.pathname === '/_sim/faults') {
      const faults = Array.isArray(body.faults) ? body.faults.filter((f): f is SimulatorFault => SIMULATOR_FAULTS.includes(f as SimulatorFault)) : [];
      this.setFaults(faults, typeof body.rate === 'number' ? body.rate : 1);
      return json(res, 200, { faults, rate: this.#faultRate });
    }
    const dossier = /^\/_sim\/dossiers\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'POST' && dossier && typeof body.state === 'string' && body.state in STATUS_TEXT) {
      this.setDossierStatus(decodeURIComponent(dossier[1] ?? ''), body.state);
      return json(res, 200, { ok: true });
    }
    if (req.method === 'POST' && url.pathname === '/_sim/appointments') {
      this.addAppointment(body as unknown as SimulatedAppointment);
      return json(res, 200, { ok: true });
    }
    return json(res, 404, { error: { code: 'NOT_FOUND' } });
  }

  #dropEverything(): void {
    for (const res of this.#held) res.destroy();
    this.#held.clear();
    for (const socket of this.#sockets) socket.destroy();
  }

  async close(): Promise<void> {
    this.#down = true;
    const closed = new Promise<void>((resolve) => {
      if (!this.#server.listening) resolve();
      else this.#server.close(() => resolve());
    });
    this.#dropEverything();
    await closed;
  }
}
