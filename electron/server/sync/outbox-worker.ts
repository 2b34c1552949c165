/**
 * The outbox sender: claims due items (the head of each aggregate), delivers them to the
 * provincial system with their Idempotency-Key, and records each outcome:
 *   delivered (or "already received")  → delivered_at, with its effect in the same transaction
 *   retryable failure                  → due again after backoff with full jitter, or a dead
 *                                        letter once `maxAttempts` attempts are spent
 *   permanent refusal (4xx)            → dead letter at once
 * Everything is in SQLite, so a restart (or a kill -9) resumes where it stopped: an item whose
 * outcome was never recorded is due again when its lease ends, and the receiver drops the copy.
 *
 * Concurrency: each destination (the endpoint family of a topic: dossiers, queue statistics) has
 * its own bound of deliveries in flight (`maxInFlight`). A slot that frees up is refilled at once,
 * and `nudge()` claims new items even while other deliveries are in flight: a hanging request holds
 * only its own slot, never the items behind it nor another destination.
 *
 * Clock and random are injected: tests run an hour of outage in simulated time, calling
 * `runOnce` themselves; the hall server runs it on a timer (`start`).
 */
import type { Logger } from '../logger.ts';
import type { ClaimedItem, OutboxStore } from '../../store/outbox-store.ts';
import { provincialPathOf } from '../../common/provincial.ts';
import { backoffDelay, type BackoffPolicy } from './backoff.ts';
import type { DeliveryOutcome } from './provincial-client.ts';
import type { OutboxDelivery } from './dossier-delivery.ts';

export interface OutboxWorkerOptions {
  readonly outbox: OutboxStore;
  readonly client: { deliver(path: string, body: string, idempotencyKey: string): Promise<DeliveryOutcome> };
  /** Who sends: every message carries the hall's id and agency code (mã định danh). */
  readonly hall: { readonly id: string; readonly agencyCode: string };
  readonly clock: () => number;
  /** Uniform in [0, 1): the jitter of the backoff. */
  readonly random: () => number;
  readonly backoff: BackoffPolicy;
  readonly maxAttempts: number;
  /** How long a claimed item stays reserved: longer than one delivery's deadline. */
  readonly leaseMs: number;
  /** Deliveries in flight per destination, at most (default 8). */
  readonly maxInFlight?: number;
  /** @deprecated the former batch size: read as maxInFlight. */
  readonly batchSize?: number;
  readonly log: Logger;
  /** Builds an item's data at send time and records its delivery (dossier-delivery.ts); default: the payload as enqueued. */
  readonly delivery?: OutboxDelivery;
}

export interface RunSummary {
  readonly claimed: number;
  readonly delivered: number;
  /** Of the delivered: answered "already received". */
  readonly duplicates: number;
  readonly retried: number;
  readonly dead: number;
}

type SendResult = 'delivered' | 'duplicate' | 'retried' | 'dead';

/** The destinations, by the endpoint family of their topics (common/provincial.ts provincialPathOf). */
export const DESTINATIONS: readonly { readonly name: string; readonly topicLike: string }[] = [
  { name: 'dossiers', topicLike: 'dossier.%' },
  { name: 'queue-stats', topicLike: 'queue.stats' },
  { name: 'log-checkpoints', topicLike: 'log.checkpoint' },
];

/** The body sent: the item's facts around its data (JSON text spliced in unchanged). */
function envelope(item: ClaimedItem, data: string, hall: OutboxWorkerOptions['hall']): string {
  const head = JSON.stringify({
    topic: item.topic,
    aggregateId: item.aggregateId,
    aggregateSeq: item.aggregateSeq,
    idempotencyKey: item.idempotencyKey,
    createdAt: new Date(item.createdAt).toISOString(),
    hall: { id: hall.id, agencyCode: hall.agencyCode },
  });
  return `${head.slice(0, -1)},"data":${data}}`;
}

export class OutboxWorker {
  readonly #o: OutboxWorkerOptions;
  readonly #max: number;
  readonly #inFlight = new Map<string, number>();
  readonly #active = new Set<Promise<SendResult>>();
  /** The sends started while a runOnce call is in progress, one list per call. */
  readonly #collectors = new Set<Promise<SendResult>[]>();
  #timer: NodeJS.Timeout | null = null;
  #stopped = true;
  /** Set by stop(): deliveries in flight record their outcome; nothing new is claimed. */
  #stopping = false;
  #pollMs = 2_000;
  lastRunAt: number | null = null;
  lastError: string | null = null;

  constructor(options: OutboxWorkerOptions) {
    this.#o = options;
    this.#max = options.maxInFlight ?? options.batchSize ?? 8;
  }

  /** Deliveries in flight now, per destination (for the dashboard and tests). */
  inFlight(destination: string): number {
    return this.#inFlight.get(destination) ?? 0;
  }

  /**
   * Claims what each destination has room for and starts sending it; returns the sends started.
   * Each finished send frees its slot and claims again, so the slots stay full while items are due.
   */
  #pump(): void {
    if (this.#stopping) return;
    for (const d of DESTINATIONS) {
      const free = this.#max - this.inFlight(d.name);
      if (free <= 0) continue;
      const items = this.#o.outbox.claimDue(this.#o.clock(), this.#o.leaseMs, free, d.topicLike);
      for (const item of items) {
        this.#inFlight.set(d.name, this.inFlight(d.name) + 1);
        const send = this.#send(item).finally(() => {
          this.#inFlight.set(d.name, this.inFlight(d.name) - 1);
          this.#active.delete(send);
          if (!this.#stopped || this.#collectors.size > 0) this.#safePump();
        });
        this.#active.add(send);
        for (const c of this.#collectors) c.push(send);
      }
    }
  }

  #safePump(): void {
    try {
      this.#pump();
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
      this.#o.log.error({ err: this.lastError }, 'outbox claim failed; will retry');
    }
  }

  /**
   * Sends what is due now and whatever becomes due as sends finish (the next item of an aggregate
   * is due as soon as the one before it is delivered or dead), until nothing is in flight and
   * nothing is claimable; the rest waits for its backoff. Resolves with the sends started meanwhile.
   */
  async runOnce(): Promise<RunSummary> {
    const mine: Promise<SendResult>[] = [];
    this.#collectors.add(mine);
    try {
      this.#pump();
      while (this.#active.size > 0) {
        await Promise.race(this.#active).catch(() => undefined);
        await Promise.resolve(); // let the finished send's own refill run first
      }
    } finally {
      this.#collectors.delete(mine);
    }
    const results = await Promise.all(mine);
    this.lastRunAt = this.#o.clock();
    const count = (...kinds: SendResult[]): number => results.filter((r) => kinds.includes(r)).length;
    return {
      claimed: results.length,
      delivered: count('delivered', 'duplicate'),
      duplicates: count('duplicate'),
      retried: count('retried'),
      dead: count('dead'),
    };
  }

  async #send(item: ClaimedItem): Promise<SendResult> {
    const { outbox, client, log } = this.#o;
    const path = provincialPathOf(item.topic, item.aggregateId);
    let data: string | null = null;
    let unsendable: string | null = path === null ? `no provincial endpoint for topic ${item.topic}` : null;
    try {
      data = this.#o.delivery ? this.#o.delivery.payloadOf(item) : item.payload;
    } catch (error) {
      unsendable = `the message cannot be built: ${error instanceof Error ? error.message : String(error)}`;
    }
    let outcome: DeliveryOutcome;
    try {
      outcome =
        unsendable !== null || path === null || data === null
          ? { kind: 'permanent', error: unsendable ?? 'no message' }
          : await client.deliver(path, envelope(item, data, this.#o.hall), item.idempotencyKey);
    } catch (error) {
      outcome = { kind: 'retry', error: error instanceof Error ? error.message : String(error), retryAfterMs: null };
    }
    const now = this.#o.clock();
    const facts = { outboxId: item.id, topic: item.topic, aggregateSeq: item.aggregateSeq, attempt: item.attempts };
    if (outcome.kind === 'delivered') {
      // The delivered mark and its effect (a dossier synced, with its event) commit together.
      const markDelivered = (): void => outbox.markDelivered(item.id, now);
      try {
        if (this.#o.delivery) this.#o.delivery.delivered(item, markDelivered);
        else markDelivered();
      } catch (error) {
        // Neither the mark nor its effect was written: the item is sent again when its lease ends
        // (the receiver deduplicates it by its key), and the effect is then recorded.
        this.lastError = `the delivery could not be recorded: ${error instanceof Error ? error.message : String(error)}`;
        log.error({ ...facts, err: this.lastError }, 'outbox delivery not recorded; will send again after the lease');
        return 'retried';
      }
      this.lastError = null;
      log.debug({ ...facts, status: outcome.status, duplicate: outcome.duplicate }, 'outbox item delivered');
      return outcome.duplicate ? 'duplicate' : 'delivered';
    }
    this.lastError = outcome.error;
    if (outcome.kind === 'permanent' || item.attempts >= this.#o.maxAttempts) {
      const reason = outcome.kind === 'permanent' ? outcome.error : `${outcome.error}; gave up after ${item.attempts} attempts`;
      outbox.markDead(item.id, reason, now);
      log.warn({ ...facts, error: reason }, 'outbox item is a dead letter');
      return 'dead';
    }
    const delay = backoffDelay(this.#o.backoff, item.attempts, this.#o.random, outcome.retryAfterMs);
    outbox.markRetry(item.id, outcome.error, now + delay);
    log.info({ ...facts, error: outcome.error, retryInMs: delay }, 'outbox delivery failed; will retry');
    return 'retried';
  }

  /** Runs on a timer: at the soonest due item, at least every `pollMs` (new items, timers). */
  start(pollMs: number): void {
    this.#pollMs = pollMs;
    this.#stopped = false;
    this.#stopping = false;
    this.#schedule(0);
  }

  /** Sends what is due now (after an enqueue or a retry from the dashboard), even while other deliveries are in flight. */
  nudge(): void {
    if (this.#stopped || this.#stopping) return;
    this.#safePump();
  }

  #schedule(delayMs: number): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#tick();
    }, delayMs);
    this.#timer.unref();
  }

  #tick(): void {
    if (this.#stopped) return;
    try {
      this.#pump();
      this.lastRunAt = this.#o.clock();
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
      this.#o.log.error({ err: this.lastError }, 'outbox run failed; will retry');
    }
    const next = this.#o.outbox.nextDueAt();
    const wait = next === null ? this.#pollMs : Math.min(this.#pollMs, Math.max(200, next - this.#o.clock()));
    this.#schedule(wait);
  }

  /** Stops the timer and waits for the deliveries in flight to record their outcomes. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#stopping = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await Promise.allSettled([...this.#active]);
  }
}
