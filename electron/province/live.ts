/**
 * Live updates for every hub process: one dedicated connection LISTENs on the channel that ingest
 * NOTIFYs in its transaction (delivered only once it commits), whichever process stored the
 * events. Each notice is turned into the hall's current overview row and pushed to this
 * process's dashboards whose scope covers the hall. The listening connection is re-opened after a
 * loss (with a short backoff), and dashboards are then told to reload (`resync`), since notices
 * sent meanwhile are gone.
 *
 * Notices of one hall are coalesced: while its overview row is being read, later notices of that
 * hall are merged (highest head, latest calls) and pushed with one more read when it returns. So
 * at most one read per hall is in flight and one waits, however fast halls deliver: a burst of
 * deliveries (a hall catching up, a province-wide restart) cannot pile up reads and memory.
 */
import pg from 'pg';
import type { WebSocket } from 'ws';
import type { Pool } from './database.ts';
import { LIVE_CHANNEL, type LiveCall, type LiveNotice } from './live-channel.ts';
import { hallOverview } from './queries.ts';

export interface LiveClient {
  readonly socket: WebSocket;
  /** null: every hall (province scope); else the district the supervisor sees. */
  readonly district: string | null;
}

/** Calls a merged notice keeps (the latest), as a single delivery's notice does (ingest.ts). */
const CALLS_KEPT = 5;

export interface LiveLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export class LiveHub {
  readonly #pool: Pool;
  readonly #url: string | undefined;
  readonly #log: LiveLog;
  readonly #clients = new Set<LiveClient>();
  #listener: pg.Client | null = null;
  #closed = false;
  #retryTimer: NodeJS.Timeout | null = null;
  /** Per hall: what waits to be pushed (merged notices); a hall is in #reading while its row is read. */
  readonly #waiting = new Map<string, { headSeq: number; calls: LiveCall[] }>();
  readonly #reading = new Set<string>();
  /** Notices handled (for metrics and tests). */
  notices = 0;

  constructor(pool: Pool, url: string | undefined, log: LiveLog) {
    this.#pool = pool;
    this.#url = url;
    this.#log = log;
  }

  get clientCount(): number {
    return this.#clients.size;
  }

  async start(): Promise<void> {
    const client = new pg.Client(this.#url ? { connectionString: this.#url } : {});
    client.on('notification', (msg) => {
      if (msg.channel !== LIVE_CHANNEL || !msg.payload) return;
      let notice: LiveNotice;
      try {
        notice = JSON.parse(msg.payload) as LiveNotice;
      } catch {
        this.#log.warn({}, 'ignored a malformed live notice');
        return;
      }
      this.#handle(notice);
    });
    client.on('error', () => this.#reconnect(client));
    client.on('end', () => this.#reconnect(client));
    await client.connect();
    await client.query(`LISTEN ${LIVE_CHANNEL}`);
    this.#listener = client;
  }

  #reconnect(client: pg.Client): void {
    if (this.#closed || this.#listener !== client) return;
    this.#listener = null;
    this.#log.warn({}, 'lost the LISTEN connection; reconnecting');
    const attempt = (delay: number): void => {
      this.#retryTimer = setTimeout(() => {
        if (this.#closed) return;
        this.start().then(
          () => this.#broadcast(null, { type: 'resync' }),
          () => attempt(Math.min(delay * 2, 10_000)),
        );
      }, delay);
      this.#retryTimer.unref();
    };
    attempt(250);
  }

  add(client: LiveClient): () => void {
    this.#clients.add(client);
    return () => this.#clients.delete(client);
  }

  #handle(notice: LiveNotice): void {
    this.notices += 1;
    if (this.#clients.size === 0) return;
    if (notice.kind === 'alert') {
      this.#pushAlert(notice).catch((error: unknown) => this.#pushFailed(error, notice.hallId));
      return;
    }
    const waiting = this.#waiting.get(notice.hallId);
    if (waiting) {
      waiting.headSeq = Math.max(waiting.headSeq, notice.headSeq);
      waiting.calls = [...waiting.calls, ...notice.calls].slice(-CALLS_KEPT);
    } else {
      this.#waiting.set(notice.hallId, { headSeq: notice.headSeq, calls: [...notice.calls] });
    }
    if (!this.#reading.has(notice.hallId)) void this.#pushHall(notice.hallId);
  }

  /** Reads and pushes the hall's row until no notice of it waits; one such loop per hall at a time. */
  async #pushHall(hallId: string): Promise<void> {
    this.#reading.add(hallId);
    try {
      for (let next = this.#waiting.get(hallId); next; next = this.#waiting.get(hallId)) {
        this.#waiting.delete(hallId);
        try {
          const [row] = await hallOverview(this.#pool, null, hallId);
          if (row) this.#broadcast(row.district, { type: 'hall', hall: row, calls: next.calls, headSeq: next.headSeq });
        } catch (error) {
          this.#pushFailed(error, hallId);
        }
      }
    } finally {
      this.#reading.delete(hallId);
    }
  }

  async #pushAlert(notice: Extract<LiveNotice, { kind: 'alert' }>): Promise<void> {
    const [row] = await hallOverview(this.#pool, null, notice.hallId);
    this.#broadcast(row?.district ?? null, { type: 'alert', hallId: notice.hallId, code: notice.code, seq: notice.seq, hall: row ?? null });
  }

  #pushFailed(error: unknown, hallId: string): void {
    this.#log.warn({ err: error instanceof Error ? error.message : String(error), hallId }, 'could not push a live update');
  }

  /** Sends to every client that sees `district` (null: only province-scope clients, or everyone for a resync). */
  #broadcast(district: string | null, message: Record<string, unknown>): void {
    const text = JSON.stringify({ ...message, sentAt: Date.now() });
    for (const c of this.#clients) {
      const sees = c.district === null || c.district === district || message.type === 'resync';
      if (sees && c.socket.readyState === c.socket.OPEN) c.socket.send(text);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    for (const c of this.#clients) c.socket.close(1001, 'hub stopping');
    this.#clients.clear();
    await this.#listener?.end().catch(() => undefined);
    this.#listener = null;
  }
}
