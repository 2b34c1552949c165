/**
 * Delivers the hall's event log to the province hub, in order, in batches, with the hall's
 * credential. A destination of its own: it never waits for the provincial one-stop outbox, nor
 * that outbox for it.
 *
 * Contract:
 * - The cursor is the hub's head as last acknowledged (hall_meta `province_hub_head`): the next
 *   delivery starts right after it. It moves only on the hub's answer, so a hall killed
 *   mid-delivery resends that batch, and the hub skips what it already holds (idempotent by
 *   (hall, seq)): nothing is lost or stored twice.
 * - A CHAIN_GAP answer carries the hub's head: the cursor moves there (backwards after a hub
 *   restore) and delivery resumes from it. A refusal of the log itself (CHAIN_BROKEN,
 *   CHAIN_REWRITE, PERSONAL_DATA) is an alert at the hub; the shipper keeps retrying at the
 *   backoff's cap and reports the refusal in `status()` and the log (an operator must act).
 * - Network failures, 5xx, 429 and 401/403: retried with exponential backoff and full jitter.
 * - Each event leaves without its hall-only fields (event-log.ts publicEventOf).
 * - While there is nothing new, a heartbeat (an empty delivery) every `heartbeatMs` tells the hub
 *   the hall is up.
 */
import type { IngestBatch, IngestResult } from '../../common/province-wire.ts';
import { publicEventOf, type EventRow } from '../../store/event-log.ts';
import type { HallDatabase } from '../../store/open-database.ts';
import type { Logger } from '../logger.ts';
import { backoffDelay, type BackoffPolicy } from './backoff.ts';

export type HubAnswer =
  | { readonly kind: 'ok'; readonly result: IngestResult }
  | { readonly kind: 'gap'; readonly headSeq: number }
  | { readonly kind: 'refused'; readonly code: string; readonly message: string }
  | { readonly kind: 'retry'; readonly error: string; readonly retryAfterMs: number | null };

export interface HubTransport {
  deliver(batch: IngestBatch): Promise<HubAnswer>;
}

export interface ShipperOptions {
  readonly db: HallDatabase;
  readonly transport: HubTransport;
  readonly hall: IngestBatch['hall'];
  readonly batchSize: number;
  readonly log: Logger;
  readonly random?: () => number;
  readonly backoff?: BackoffPolicy;
  /** Longest sleep between runs while idle (new events also wake it through `nudge`). */
  readonly pollMs?: number;
  readonly heartbeatMs?: number;
  readonly clock?: () => number;
}

export interface ShipperStatus {
  readonly hubHead: number;
  readonly localHead: number;
  readonly lastError: string | null;
  /** The hub refused the log itself (see the contract). */
  readonly refused: string | null;
  readonly lastDeliveryAt: number | null;
}

const CURSOR_KEY = 'province_hub_head';

export class EventLogShipper {
  readonly #o: ShipperOptions;
  readonly #read;
  readonly #localHead;
  readonly #getCursor;
  readonly #setCursor;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  #stopped = true;
  #failures = 0;
  #lastError: string | null = null;
  #refused: string | null = null;
  #lastDeliveryAt: number | null = null;
  #lastContactAt = 0;

  constructor(options: ShipperOptions) {
    this.#o = options;
    const { db } = options;
    this.#read = db.prepare('SELECT seq, at, type, ticket_id, counter_id, data, prev_hash, hash FROM events WHERE seq > ? ORDER BY seq LIMIT ?');
    this.#localHead = db.prepare('SELECT COALESCE(MAX(seq), 0) FROM events').pluck();
    this.#getCursor = db.prepare(`SELECT value FROM hall_meta WHERE key = '${CURSOR_KEY}'`).pluck();
    this.#setCursor = db.prepare(`INSERT INTO hall_meta (key, value) VALUES ('${CURSOR_KEY}', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  }

  get cursor(): number {
    return Number(this.#getCursor.get() ?? 0);
  }

  status(): ShipperStatus {
    return {
      hubHead: this.cursor,
      localHead: this.#localHead.get() as number,
      lastError: this.#lastError,
      refused: this.#refused,
      lastDeliveryAt: this.#lastDeliveryAt,
    };
  }

  start(): void {
    this.#stopped = false;
    this.#schedule(0);
  }

  /** New events were committed: deliver them now (or right after the delivery in flight). */
  nudge(): void {
    if (this.#stopped) return;
    if (this.#running) this.#again = true;
    else if (this.#failures === 0) this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running?.catch(() => undefined);
  }

  /** Delivers until the hub holds everything or a delivery fails; resolves when done. */
  runOnce(): Promise<void> {
    this.#running ??= this.#drain().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #drain(): Promise<void> {
    const clock = this.#o.clock ?? Date.now;
    for (;;) {
      this.#again = false;
      const rows = this.#read.all(this.cursor, this.#o.batchSize) as EventRow[];
      const heartbeatDue = clock() - this.#lastContactAt >= (this.#o.heartbeatMs ?? 60_000);
      if (rows.length === 0 && !heartbeatDue) return;
      const answer = await this.#o.transport.deliver({ hall: this.#o.hall, events: rows.map(publicEventOf) });
      this.#lastContactAt = clock();
      if (answer.kind === 'ok') {
        this.#setCursor.run(String(answer.result.headSeq));
        this.#failures = 0;
        this.#lastError = null;
        this.#refused = null;
        if (rows.length > 0) this.#lastDeliveryAt = clock();
        if (rows.length < this.#o.batchSize && !this.#again) return;
        if (this.#stopped) return;
        continue;
      }
      if (answer.kind === 'gap') {
        this.#o.log.info({ hubHead: answer.headSeq, cursor: this.cursor }, 'province hub asks to resume from its head');
        this.#setCursor.run(String(answer.headSeq));
        if (this.#stopped) return;
        continue;
      }
      this.#failures += 1;
      if (answer.kind === 'refused') {
        this.#refused = `${answer.code}: ${answer.message}`;
        this.#lastError = this.#refused;
        this.#o.log.error({ code: answer.code }, 'province hub refused the event log; an operator must check the hall log (npm run hall -- verify-log)');
      } else {
        this.#lastError = answer.error;
        this.#o.log.info({ error: answer.error, failures: this.#failures }, 'province hub delivery failed; will retry');
      }
      throw new RetryLater(answer.kind === 'retry' ? answer.retryAfterMs : null, answer.kind === 'refused');
    }
  }

  #schedule(delayMs: number): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#tick();
    }, delayMs);
    this.#timer.unref();
  }

  async #tick(): Promise<void> {
    if (this.#stopped) return;
    const backoff = this.#o.backoff ?? { baseMs: 1_000, capMs: 300_000 };
    let wait = this.#o.pollMs ?? 1_000;
    try {
      await this.runOnce();
    } catch (error) {
      if (error instanceof RetryLater) {
        const attempt = error.refused ? 60 : this.#failures;
        wait = backoffDelay(backoff, attempt, this.#o.random ?? Math.random, error.retryAfterMs);
        wait = Math.max(wait, 200);
      } else {
        this.#failures += 1;
        this.#lastError = error instanceof Error ? error.message : String(error);
        this.#o.log.error({ err: this.#lastError }, 'province hub delivery failed; will retry');
        wait = backoffDelay(backoff, this.#failures, this.#o.random ?? Math.random);
      }
    }
    if (!this.#stopped) this.#schedule(this.#again && this.#failures === 0 ? 0 : wait);
  }
}

class RetryLater extends Error {
  constructor(
    readonly retryAfterMs: number | null,
    readonly refused: boolean,
  ) {
    super('retry later');
  }
}
