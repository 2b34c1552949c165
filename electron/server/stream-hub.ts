/**
 * WebSocket /api/v1/stream.
 *
 * Protocol (version 1):
 *   client → { type: 'hello', protocol: 1, token, lastSeq? }          (within 10 s of connecting)
 *   server → { type: 'welcome', resume: 'replay' | 'snapshot', … }
 *   server → { type: 'snapshot', seq, snapshot }                        when resuming is impossible
 *          | { type: 'event', seq, event } for every event after lastSeq (the gap)
 *   server → { type: 'event', seq, event } live, in sequence order, without gaps or duplicates.
 * A client that reconnects sends the last seq it applied; if the gap is longer than MAX_REPLAY or
 * the seq is unknown (a newer/other database), it gets a fresh snapshot instead.
 * Errors: { type: 'error', error } then close 4401 (auth), 4400 (bad hello), 4408 (hello timeout).
 * The upgrade and the frame size limit (STREAM_MAX_PAYLOAD_BYTES) are @fastify/websocket's.
 */
import type { WebSocket } from 'ws';
import { DomainError } from '../common/errors.ts';
import { PROTOCOL_VERSION, streamHello, type StreamEvent, type StreamServerMessage } from '../common/wire.ts';
import { DEVICE_CACHE_MS, type Access } from './access.ts';
import type { HallService } from './hall-service.ts';
import { COOKIE_ROLES } from './http/device-cookie.ts';
import type { Logger } from './logger.ts';

export const MAX_REPLAY = 5000;
/** Largest frame a client may send (a hello is a few hundred bytes). */
export const STREAM_MAX_PAYLOAD_BYTES = 16 * 1024;
const HELLO_TIMEOUT_MS = 10_000;
const PING_INTERVAL_MS = 15_000;
/** A client this far behind is dropped; it reconnects and resumes. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/** Roles that see that a rating arrived but never its level or reason (rating API). */
const RATING_BLIND_ROLES: ReadonlySet<string> = new Set(['counter', 'kiosk']);

/** The event as a client of `role` may see it: ticket.rated loses level and reason for officers and kiosks. */
export function eventForRole(event: StreamEvent, role: string): StreamEvent {
  if (event.type !== 'ticket.rated' || !RATING_BLIND_ROLES.has(role)) return event;
  const { level: _level, reason: _reason, ...rest } = event.data as { level: unknown; reason: unknown };
  return { ...event, data: rest };
}

interface Client {
  readonly socket: WebSocket;
  role: string;
  live: boolean;
  alive: boolean;
  /** The device token of the hello, re-checked so a revoked or expired device is cut off. */
  token: string | null;
}

export class StreamHub {
  readonly #clients = new Set<Client>();
  readonly #hall: HallService;
  readonly #access: Access;
  readonly #log: Logger;
  readonly #ping: NodeJS.Timeout;
  readonly #recheck: NodeJS.Timeout;
  readonly #unsubscribe: () => void;

  constructor(hall: HallService, access: Access, log: Logger) {
    this.#hall = hall;
    this.#access = access;
    this.#log = log;
    this.#unsubscribe = hall.onEvents((events) => this.#broadcast(events));
    this.#ping = setInterval(() => this.#heartbeat(), PING_INTERVAL_MS);
    this.#ping.unref();
    this.#recheck = setInterval(() => this.recheckDevices(), DEVICE_CACHE_MS);
    this.#recheck.unref();
  }

  /**
   * Closes the streams of devices that are no longer allowed (revoked, expired): at once after a
   * revocation through the server (Administration.revokeDevice calls it), and every DEVICE_CACHE_MS for one
   * written by another process (the CLI). Returns how many streams were closed.
   */
  recheckDevices(): number {
    let closed = 0;
    for (const c of this.#clients) {
      try {
        if (c.token !== null) this.#access.deviceForToken(c.token);
      } catch (error) {
        this.#clients.delete(c);
        this.#reject(c.socket, 4401, error instanceof DomainError ? error : new DomainError('UNAUTHENTICATED'));
        closed += 1;
      }
    }
    return closed;
  }

  get clientCount(): number {
    return this.#clients.size;
  }

  close(): void {
    clearInterval(this.#ping);
    clearInterval(this.#recheck);
    this.#unsubscribe();
    for (const c of this.#clients) c.socket.terminate();
    this.#clients.clear();
  }

  /**
   * A socket upgraded on /api/v1/stream (@fastify/websocket): it has 10 s to say hello. A hello
   * without a token stands for `cookieToken`, the device cookie of a plain-browser app's upgrade
   * request (null when absent or sent from another origin), which only COOKIE_ROLES may use.
   */
  accept(socket: WebSocket, cookieToken: string | null = null): void {
    const client: Client = { socket, role: '', live: false, alive: true, token: null };
    const timer = setTimeout(() => this.#reject(socket, 4408, new DomainError('VALIDATION_FAILED', { reason: 'no hello within 10 s' })), HELLO_TIMEOUT_MS);
    socket.on('pong', () => {
      client.alive = true;
    });
    socket.on('close', () => {
      clearTimeout(timer);
      this.#clients.delete(client);
    });
    socket.on('error', (error) => this.#log.warn({ err: error.message }, 'stream socket error'));
    socket.once('message', (raw) => {
      clearTimeout(timer);
      let hello;
      try {
        hello = streamHello.parse(JSON.parse(String(raw)));
      } catch {
        this.#reject(socket, 4400, new DomainError('VALIDATION_FAILED', { expected: `{ type: 'hello', protocol: ${PROTOCOL_VERSION}, token, lastSeq? }` }));
        return;
      }
      let role: string;
      try {
        const token = hello.token ?? cookieToken;
        role = this.#access.deviceForToken(token, hello.token === undefined ? COOKIE_ROLES : undefined).role;
        client.role = role;
        client.token = token;
      } catch (error) {
        this.#reject(socket, 4401, error instanceof DomainError ? error : new DomainError('UNAUTHENTICATED'));
        return;
      }
      // Everything below runs in one tick: no event can be published between the gap read and
      // going live, so the client sees each sequence number exactly once. The gap ends at the last
      // published event: those after it (committed, not yet durable) come live when published.
      const head = this.#hall.publishedSeq;
      const lastSeq = hello.lastSeq;
      const canReplay = lastSeq !== undefined && lastSeq <= head && head - lastSeq <= MAX_REPLAY;
      this.#send(socket, { type: 'welcome', protocol: PROTOCOL_VERSION, role, serverTime: this.#hall.now(), resume: canReplay ? 'replay' : 'snapshot' });
      if (canReplay) {
        for (const e of this.#hall.eventsAfter(lastSeq, MAX_REPLAY)) {
          if (e.seq > head) break;
          this.#send(socket, { type: 'event', seq: e.seq, event: eventForRole(e, role) });
        }
      } else {
        const snapshot = this.#hall.snapshot();
        this.#send(socket, { type: 'snapshot', seq: snapshot.seq, snapshot });
      }
      client.live = true;
      this.#clients.add(client);
    });
  }

  #reject(socket: WebSocket, code: number, error: DomainError): void {
    this.#send(socket, { type: 'error', error: error.toBody().error });
    socket.close(code, error.code);
  }

  #send(socket: WebSocket, message: StreamServerMessage): void {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  }

  #broadcast(events: readonly StreamEvent[]): void {
    if (this.#clients.size === 0) return;
    // Serialise once per event and audience, not once per client.
    const frame = (event: StreamEvent): string => JSON.stringify({ type: 'event', seq: event.seq, event } satisfies StreamServerMessage);
    const frames = events.map(frame);
    const blindFrames = events.some((e) => e.type === 'ticket.rated') ? events.map((e) => frame(eventForRole(e, 'counter'))) : frames;
    for (const client of this.#clients) {
      if (!client.live) continue;
      if (client.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
        this.#log.warn('dropping a stream client that fell behind; it will resume on reconnect');
        client.socket.terminate();
        continue;
      }
      for (const f of RATING_BLIND_ROLES.has(client.role) ? blindFrames : frames) client.socket.send(f);
    }
  }

  /** Sends a message that is not a logged event (live KPIs, alerts) to the live clients of `roles`. */
  broadcastMessage(message: StreamServerMessage, roles: ReadonlySet<string>): void {
    let frame: string | null = null;
    for (const client of this.#clients) {
      if (!client.live || !roles.has(client.role)) continue;
      frame ??= JSON.stringify(message);
      client.socket.send(frame);
    }
  }

  #heartbeat(): void {
    for (const client of this.#clients) {
      if (!client.alive) {
        client.socket.terminate();
        continue;
      }
      client.alive = false;
      client.socket.ping();
    }
  }
}
