/**
 * A WebSocket client of /api/v1/stream for integration tests: connects, sends the hello,
 * records every frame (raw text and parsed), tracks the last sequence applied and whether the
 * sequence stayed consecutive, and offers promise helpers to wait for a message or a seq.
 *
 *   const display = await StreamClient.connect(hall.url, { token, lastSeq: 12 });
 *   await display.waitForSeq(40);
 *   display.terminate();
 *   await display.closed;
 */
import WebSocket from 'ws';
import type { HallSnapshot, StreamEvent, StreamServerMessage } from '../../electron/common/wire.ts';

export type WelcomeMessage = Extract<StreamServerMessage, { type: 'welcome' }>;
export type SnapshotMessage = Extract<StreamServerMessage, { type: 'snapshot' }>;
export type EventMessage = Extract<StreamServerMessage, { type: 'event' }>;
export type ErrorMessage = Extract<StreamServerMessage, { type: 'error' }>;

export interface CloseInfo {
  readonly code: number;
  readonly reason: string;
}

/** What goes in the hello: a token and an optional lastSeq; or any raw frame to send instead. */
export type HelloSpec = { readonly token: string; readonly lastSeq?: number } | { readonly raw: string } | null;

interface Waiter {
  readonly predicate: (m: StreamServerMessage) => boolean;
  readonly resolve: (m: StreamServerMessage) => void;
  readonly reject: (e: Error) => void;
  readonly timer: NodeJS.Timeout;
}

export function streamUrl(baseUrl: string): string {
  return `${baseUrl.replace(/^http/, 'ws')}/api/v1/stream`;
}

export class StreamClient {
  readonly socket: WebSocket;
  /** Every frame received, as sent by the server. */
  readonly raw: string[] = [];
  readonly messages: StreamServerMessage[] = [];
  /** Resolves when the socket has closed (by either side), with the close code and reason. */
  readonly closed: Promise<CloseInfo>;
  /** The last sequence applied: the snapshot's seq, then each event's seq. */
  lastSeq: number | null = null;
  /** Breaks in the sequence: an event whose seq was not lastSeq + 1. */
  readonly seqBreaks: { readonly expected: number; readonly got: number }[] = [];
  #waiters = new Set<Waiter>();
  #closeInfo: CloseInfo | null = null;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => {
        this.#closeInfo = { code, reason: reason.toString() };
        for (const w of this.#waiters) {
          clearTimeout(w.timer);
          w.reject(new Error(`stream closed (${code} ${reason.toString()}) before the awaited message; got ${this.summary()}`));
        }
        this.#waiters.clear();
        resolve(this.#closeInfo);
      });
    });
    socket.on('message', (data) => this.#onMessage(String(data)));
    // Errors (a refused or reset connection) end in 'close'; keep them from being unhandled.
    socket.on('error', () => {});
  }

  /** Opens the socket (with extra upgrade `headers`: Cookie, Origin; `ca`: the hall CA of a wss:// hall) and, unless hello is null, sends the hello as the first frame. */
  static connect(baseUrl: string, hello: HelloSpec, headers: Readonly<Record<string, string>> = {}, ca?: string): Promise<StreamClient> {
    const socket = new WebSocket(streamUrl(baseUrl), { headers, ...(ca === undefined ? {} : { ca }) });
    const client = new StreamClient(socket);
    // A resuming client has applied everything up to its lastSeq: the replay must start right after it.
    if (hello !== null && 'token' in hello && hello.lastSeq !== undefined) client.lastSeq = hello.lastSeq;
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      socket.once('error', onError);
      socket.once('open', () => {
        socket.off('error', onError);
        if (hello !== null) {
          socket.send(
            'raw' in hello
              ? hello.raw
              : JSON.stringify({ type: 'hello', protocol: 1, token: hello.token, ...(hello.lastSeq === undefined ? {} : { lastSeq: hello.lastSeq }) }),
          );
        }
        resolve(client);
      });
    });
  }

  get closeInfo(): CloseInfo | null {
    return this.#closeInfo;
  }

  get welcome(): WelcomeMessage | undefined {
    return this.messages.find((m): m is WelcomeMessage => m.type === 'welcome');
  }

  get snapshot(): HallSnapshot | undefined {
    return this.messages.find((m): m is SnapshotMessage => m.type === 'snapshot')?.snapshot;
  }

  /** The events received, in arrival order. */
  events(): StreamEvent[] {
    return this.messages.filter((m): m is EventMessage => m.type === 'event').map((m) => m.event);
  }

  eventSeqs(): number[] {
    return this.messages.filter((m): m is EventMessage => m.type === 'event').map((m) => m.seq);
  }

  /** Resolves with the first message, already received or still to come, that satisfies the predicate. */
  waitFor<M extends StreamServerMessage = StreamServerMessage>(
    predicate: (m: StreamServerMessage) => boolean,
    timeoutMs = 5000,
    what = 'a message',
  ): Promise<M> {
    const found = this.messages.find(predicate);
    if (found) return Promise.resolve(found as M);
    if (this.#closeInfo) return Promise.reject(new Error(`stream already closed (${this.#closeInfo.code}) while waiting for ${what}; got ${this.summary()}`));
    return new Promise<M>((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve: (m) => resolve(m as M),
        reject,
        timer: setTimeout(() => {
          this.#waiters.delete(waiter);
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; got ${this.summary()}`));
        }, timeoutMs),
      };
      this.#waiters.add(waiter);
    });
  }

  /** Resolves when the client has applied `seq` (an event with it, or a snapshot at or after it). */
  async waitForSeq(seq: number, timeoutMs = 5000): Promise<void> {
    await this.waitFor((m) => (m.type === 'event' && m.seq >= seq) || (m.type === 'snapshot' && m.seq >= seq), timeoutMs, `seq ${seq}`);
  }

  /** Resolves with the first event satisfying the predicate. */
  async waitForEvent(predicate: (e: StreamEvent) => boolean, timeoutMs = 5000, what = 'an event'): Promise<StreamEvent> {
    const m = await this.waitFor<EventMessage>((x) => x.type === 'event' && predicate(x.event), timeoutMs, what);
    return m.event;
  }

  send(frame: string): void {
    this.socket.send(frame);
  }

  /** Drops the connection without a closing handshake (a display losing its network). */
  terminate(): void {
    this.socket.terminate();
  }

  /** Closes politely and waits for the socket to be closed. */
  async close(): Promise<CloseInfo> {
    if (this.socket.readyState === WebSocket.CONNECTING || this.socket.readyState === WebSocket.OPEN) this.socket.close(1000);
    const timer = setTimeout(() => this.socket.terminate(), 1000);
    const info = await this.closed;
    clearTimeout(timer);
    return info;
  }

  summary(): string {
    const types = this.messages.map((m) => (m.type === 'event' ? `${m.seq}:${m.event.type}` : m.type));
    const shown = types.length > 12 ? [...types.slice(0, 4), '…', ...types.slice(-8)] : types;
    return `${this.messages.length} message(s) [${shown.join(', ')}]`;
  }

  #onMessage(text: string): void {
    this.raw.push(text);
    const m = JSON.parse(text) as StreamServerMessage;
    this.messages.push(m);
    if (m.type === 'snapshot') this.lastSeq = m.seq;
    if (m.type === 'event') {
      if (this.lastSeq !== null && m.seq !== this.lastSeq + 1) this.seqBreaks.push({ expected: this.lastSeq + 1, got: m.seq });
      this.lastSeq = m.seq;
    }
    for (const w of this.#waiters) {
      if (!w.predicate(m)) continue;
      clearTimeout(w.timer);
      this.#waiters.delete(w);
      w.resolve(m);
    }
  }
}

/** Closes every client given, ignoring those already closed. */
export async function closeAll(clients: Iterable<StreamClient>): Promise<void> {
  await Promise.all([...clients].map((c) => c.close()));
}
