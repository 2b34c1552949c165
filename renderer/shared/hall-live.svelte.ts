/**
 * The live hall as a screen sees it: the server's snapshot ($state.raw, replaced whole, never
 * mutated) kept current by the stream. The server's snapshot is the only projection: each event
 * triggers a coalesced re-read of getHallSnapshot rather than a second copy of the queue engine
 * in the browser. Screens that react to single events (announcements, rating window) subscribe
 * with onEvent.
 *
 * An app that shows nothing of the hall's state (the kiosk only says when the hall is lost) follows
 * the connection only (`snapshot: false`): it keeps no snapshot and never re-reads one, so the
 * hall's whole queue is not fetched by every kiosk at every ticket, nor held in its memory.
 */
import type { AlertMessage, HallSnapshot, KpisUpdatedMessage, StreamEvent } from '../../electron/common/wire.ts';
import type { HallApi } from './hall-api.ts';
import { HallStream, type SocketLike, type StreamStatus } from './hall-stream.ts';

export interface HallLiveOptions {
  /** Keep the hall's snapshot current (default); false follows the connection only. */
  readonly snapshot?: boolean;
  /** The WebSocket to use (tests); the browser's by default. */
  readonly createSocket?: (url: string) => SocketLike;
}

export class HallLive {
  snapshot = $state.raw<HallSnapshot | null>(null);
  status = $state<StreamStatus>('connecting');
  /** The stream was live once and is not now: the hall server was lost (retries run meanwhile). */
  lost = $state(false);
  readonly #api: HallApi;
  readonly #stream: HallStream;
  readonly #listeners = new Set<(event: StreamEvent) => void>();
  readonly #alertListeners = new Set<(message: AlertMessage) => void>();
  readonly #kpiListeners = new Set<(message: KpisUpdatedMessage) => void>();
  #refreshing = false;
  #wasLive = false;
  #dirty = false;
  readonly #follows: boolean;

  /** `token` null: the stream's upgrade request carries the device cookie instead (a paired dashboard). */
  constructor(api: HallApi, token: string | null, options: HallLiveOptions = {}) {
    this.#api = api;
    this.#follows = options.snapshot ?? true;
    this.#stream = new HallStream({
      url: api.streamUrl,
      token,
      ...(options.createSocket ? { createSocket: options.createSocket } : {}),
      handlers: {
        onSnapshot: (snapshot) => this.#accept(snapshot),
        onEvent: (event) => {
          for (const listener of this.#listeners) listener(event);
          void this.refresh();
        },
        onAlert: (message) => {
          for (const listener of this.#alertListeners) listener(message);
        },
        onKpis: (message) => {
          for (const listener of this.#kpiListeners) listener(message);
        },
        onStatus: (status) => {
          this.status = status;
          if (status === 'live') this.lost = false;
          else if (status !== 'unauthorized' && this.#wasLive) this.lost = true;
          if (status === 'live') this.#wasLive = true;
          if (status === 'live') void this.refresh();
        },
      },
    });
  }

  start(): void {
    this.#stream.start();
  }

  stop(): void {
    this.#stream.stop();
  }

  onEvent(listener: (event: StreamEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Alerts as the server raises and clears them (a screen re-reads its list on each). */
  onAlert(listener: (message: AlertMessage) => void): () => void {
    this.#alertListeners.add(listener);
    return () => this.#alertListeners.delete(listener);
  }

  /** Today's KPIs as the hall pushes them (`kpis.updated`: the rows of getKpis for today, the same as the reports). */
  onKpis(listener: (message: KpisUpdatedMessage) => void): () => void {
    this.#kpiListeners.add(listener);
    return () => this.#kpiListeners.delete(listener);
  }

  /** Re-reads the snapshot (when following it); concurrent requests collapse into one follow-up read. */
  async refresh(): Promise<void> {
    if (!this.#follows) return;
    if (this.#refreshing) {
      this.#dirty = true;
      return;
    }
    this.#refreshing = true;
    try {
      do {
        this.#dirty = false;
        try {
          this.#accept(await this.#api.snapshot());
        } catch {
          return; // offline: the stream reconnects and triggers the next read
        }
      } while (this.#dirty);
    } finally {
      this.#refreshing = false;
    }
  }

  #accept(snapshot: HallSnapshot): void {
    if (!this.#follows) return;
    const current = this.snapshot;
    if (current !== null && snapshot.seq < current.seq) return;
    this.snapshot = snapshot;
  }
}
