/**
 * Client of the live stream (WebSocket /api/v1/stream, docs/api.md): hello with the device token
 * and the last applied sequence, then snapshot or replayed events, then live events. It reconnects
 * by itself with capped exponential backoff and resumes from the last sequence it applied; a gap
 * in the sequence (seq ≠ last + 1) is treated as a lost connection and resumed the same way.
 * Close code 4401 (token refused) stops it: the screen must be enrolled again.
 */
import type { AlertMessage, HallSnapshot, KpisUpdatedMessage, StreamEvent, StreamServerMessage } from '../../electron/common/wire.ts';

export type StreamStatus = 'connecting' | 'live' | 'offline' | 'unauthorized';

export interface HallStreamHandlers {
  onSnapshot(snapshot: HallSnapshot): void;
  onEvent(event: StreamEvent): void;
  onStatus?(status: StreamStatus): void;
  /** An alert raised or cleared (dashboards; counters get kiosks' calls for help). Not sequenced. */
  onAlert?(message: AlertMessage): void;
  /** Today's KPIs as the hall recomputed them (dashboards and displays), at most every few seconds. Not sequenced. */
  onKpis?(message: KpisUpdatedMessage): void;
}

/** The subset of the WebSocket API used here (browser WebSocket or the `ws` package in tests). */
export interface SocketLike {
  readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(code?: number): void;
}

export interface HallStreamOptions {
  readonly url: string;
  /** Null: the hello carries no token and the upgrade request's device cookie counts (same origin only). */
  readonly token: string | null;
  readonly handlers: HallStreamHandlers;
  readonly createSocket?: (url: string) => SocketLike;
  /** First retry delay and its cap, in milliseconds. */
  readonly retryMs?: { readonly min: number; readonly max: number };
}

const PROTOCOL = 1;
const UNAUTHORIZED_CLOSE = 4401;

export class HallStream {
  readonly #options: HallStreamOptions;
  #socket: SocketLike | null = null;
  #lastSeq: number | null = null;
  #retryDelay: number;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #stopped = true;
  #status: StreamStatus = 'offline';

  constructor(options: HallStreamOptions) {
    this.#options = options;
    this.#retryDelay = options.retryMs?.min ?? 250;
  }

  get lastSeq(): number | null {
    return this.#lastSeq;
  }

  get status(): StreamStatus {
    return this.#status;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#connect();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#retryTimer !== null) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    const s = this.#socket;
    this.#socket = null;
    s?.close(1000);
    this.#setStatus('offline');
  }

  #setStatus(status: StreamStatus): void {
    if (status === this.#status) return;
    this.#status = status;
    this.#options.handlers.onStatus?.(status);
  }

  #connect(): void {
    this.#setStatus('connecting');
    const create = this.#options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
    let socket: SocketLike;
    try {
      socket = create(this.#options.url);
    } catch {
      this.#scheduleRetry();
      return;
    }
    this.#socket = socket;
    socket.onopen = () => {
      const hello: Record<string, unknown> = { type: 'hello', protocol: PROTOCOL };
      if (this.#options.token !== null) hello.token = this.#options.token;
      if (this.#lastSeq !== null) hello.lastSeq = this.#lastSeq;
      socket.send(JSON.stringify(hello));
    };
    socket.onmessage = (ev) => {
      if (socket !== this.#socket) return;
      let msg: StreamServerMessage;
      try {
        msg = JSON.parse(String(ev.data)) as StreamServerMessage;
      } catch {
        return;
      }
      this.#receive(socket, msg);
    };
    socket.onerror = () => {
      /* a close follows */
    };
    socket.onclose = (ev) => {
      if (socket !== this.#socket) return;
      this.#socket = null;
      if (this.#stopped) return;
      if (ev.code === UNAUTHORIZED_CLOSE) {
        this.#stopped = true;
        this.#setStatus('unauthorized');
        return;
      }
      this.#scheduleRetry();
    };
  }

  #receive(socket: SocketLike, msg: StreamServerMessage): void {
    switch (msg.type) {
      case 'welcome':
        this.#retryDelay = this.#options.retryMs?.min ?? 250;
        this.#setStatus('live');
        return;
      case 'snapshot':
        this.#lastSeq = msg.seq;
        this.#options.handlers.onSnapshot(msg.snapshot);
        return;
      case 'event':
        if (this.#lastSeq !== null && msg.seq <= this.#lastSeq) return; // already applied
        if (this.#lastSeq !== null && msg.seq !== this.#lastSeq + 1) {
          socket.close(4000); // gap: resume from the last applied sequence
          return;
        }
        this.#lastSeq = msg.seq;
        this.#options.handlers.onEvent(msg.event);
        return;
      case 'alert':
        this.#options.handlers.onAlert?.(msg);
        return;
      case 'kpis.updated':
        this.#options.handlers.onKpis?.(msg);
        return;
      case 'error':
        return;
    }
  }

  #scheduleRetry(): void {
    this.#setStatus('offline');
    const delay = this.#retryDelay;
    this.#retryDelay = Math.min(this.#retryDelay * 2, this.#options.retryMs?.max ?? 5000);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      if (!this.#stopped) this.#connect();
    }, delay);
  }
}
