/**
 * Every hall of the supervisor's scope, kept live: the list is read once (listHalls), then each
 * message of the hub's stream (WebSocket /api/v1/stream: hello with the session token, `ready`,
 * then `hall` rows with their latest calls, `alert`s and `resync`) replaces the hall's row. After
 * a lost connection it reconnects with capped backoff and reads the whole list again, since the
 * notices sent meanwhile are gone; `resync` does the same. Close code 4401 means the session is no
 * longer valid: `onSessionEnded`.
 */
import type { HallOverview, ProvinceStreamMessage } from '../../electron/common/province-wire.ts';
import { errorCodeOf } from '../shared/hall-api.ts';
import type { ProvinceApi } from './province-api.ts';
import { sortHalls, upsertHall } from './province-view.ts';

export type ProvinceStreamStatus = 'connecting' | 'live' | 'offline';

export interface LiveCall {
  readonly hallId: string;
  readonly hallName: string;
  readonly number: string;
  readonly counterId: string | null;
  readonly at: number;
}

/** How many of the latest calls across the province the feed keeps. */
export const CALL_FEED_SIZE = 12;
const UNAUTHORIZED_CLOSE = 4401;

export class ProvinceLive {
  halls = $state.raw<readonly HallOverview[]>([]);
  status = $state<ProvinceStreamStatus>('connecting');
  calls = $state.raw<readonly LiveCall[]>([]);
  /** False until the first read of the list has answered. */
  loaded = $state(false);
  /** The error code of the last failed read of the list, or null. */
  loadError = $state<string | null>(null);
  readonly #api: ProvinceApi;
  readonly #onSessionEnded: () => void;
  readonly #hallListeners = new Set<(hallId: string) => void>();
  readonly #alertListeners = new Set<() => void>();
  #socket: WebSocket | null = null;
  #retryMs = 500;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #stopped = false;

  constructor(api: ProvinceApi, onSessionEnded: () => void) {
    this.#api = api;
    this.#onSessionEnded = onSessionEnded;
  }

  start(): void {
    this.#stopped = false;
    void this.reload();
    this.#connect();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#socket?.close(1000);
    this.#socket = null;
  }

  /** Calls `fn(hallId)` whenever a hall's figures change (a drill-down re-reads its hall); returns the unsubscribe. */
  onHallChanged(fn: (hallId: string) => void): () => void {
    this.#hallListeners.add(fn);
    return () => this.#hallListeners.delete(fn);
  }

  /** Calls `fn` when the hub raises an alert (the alert list re-reads); returns the unsubscribe. */
  onAlert(fn: () => void): () => void {
    this.#alertListeners.add(fn);
    return () => this.#alertListeners.delete(fn);
  }

  async reload(): Promise<void> {
    try {
      this.halls = sortHalls(await this.#api.halls());
      this.loadError = null;
    } catch (error) {
      this.loadError = errorCodeOf(error);
    } finally {
      this.loaded = true;
    }
  }

  #connect(): void {
    if (this.#stopped) return;
    this.status = this.status === 'offline' ? 'offline' : 'connecting';
    const socket = new WebSocket(this.#api.streamUrl);
    this.#socket = socket;
    socket.onopen = () => socket.send(JSON.stringify({ type: 'hello', token: this.#api.token }));
    socket.onmessage = (ev) => {
      let message: ProvinceStreamMessage;
      try {
        message = JSON.parse(String(ev.data)) as ProvinceStreamMessage;
      } catch {
        return;
      }
      this.#apply(message);
    };
    socket.onclose = (ev) => {
      if (this.#socket !== socket) return;
      this.#socket = null;
      if (ev.code === UNAUTHORIZED_CLOSE) {
        this.#stopped = true;
        this.#onSessionEnded();
        return;
      }
      if (this.#stopped) return;
      this.status = 'offline';
      this.#retryTimer = setTimeout(() => this.#connect(), this.#retryMs);
      this.#retryMs = Math.min(this.#retryMs * 2, 10_000);
    };
  }

  #apply(message: ProvinceStreamMessage): void {
    switch (message.type) {
      case 'ready':
        this.status = 'live';
        this.#retryMs = 500;
        // Whatever changed between the first read and this connection (or while it was lost).
        void this.reload();
        return;
      case 'resync':
        void this.reload();
        return;
      case 'hall': {
        this.halls = upsertHall(this.halls, message.hall);
        if (message.calls.length > 0) {
          const fresh = message.calls.map((c) => ({
            hallId: message.hall.id,
            hallName: message.hall.name,
            number: c.number,
            counterId: c.counterId,
            at: c.at,
          }));
          this.calls = [...fresh.reverse(), ...this.calls].slice(0, CALL_FEED_SIZE);
        }
        for (const fn of this.#hallListeners) fn(message.hall.id);
        return;
      }
      case 'alert':
        if (message.hall) this.halls = upsertHall(this.halls, message.hall);
        for (const fn of this.#hallListeners) fn(message.hallId);
        for (const fn of this.#alertListeners) fn();
        return;
    }
  }
}
