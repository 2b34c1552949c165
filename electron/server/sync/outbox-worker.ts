/**
 * The outbox sender: claims due items (the head of each aggregate), delivers them to the
 * provincial system with their Idempotency-Key, and records each outcome:
 *   delivered (or "already received")  → delivered_at
 *   retryable failure                  → due again after backoff with full jitter, or a dead
 *                                        letter once `maxAttempts` attempts are spent
 *   permanent refusal (4xx)            → dead letter at once
 * Everything is in SQLite, so a restart (or a kill -9) resumes where it stopped: an item whose
 * outcome was never recorded is due again when its lease ends, and the receiver drops the copy.
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
  /** Items claimed and delivered concurrently (each the head of a different aggregate). */
  readonly batchSize?: number;
  readonly log: Logger;
  /** Builds an item's data at send time and reacts to its delivery (dossier-delivery.ts); default: the payload as enqueued. */
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

const EMPTY: RunSummary = { claimed: 0, delivered: 0, duplicates: 0, retried: 0, dead: 0 };

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
  readonly #batch: number;
  #running: Promise<RunSummary> | null = null;
  #timer: NodeJS.Timeout | null = null;
  #stopped = true;
  /** Set by stop(): a run in progress finishes its batch and claims no more. */
  #stopping = false;
  #pollMs = 2_000;
  #beforeRun: () => void = () => undefined;
  lastRunAt: number | null = null;
  lastError: string | null = null;

  constructor(options: OutboxWorkerOptions) {
    this.#o = options;
    this.#batch = options.batchSize ?? 8;
  }

  /**
   * Sends what is due now, batch after batch while items are settled (the next item of an
   * aggregate becomes due as soon as the one before it is delivered or dead). Stops at the first
   * batch that settled nothing: the rest waits for its backoff. Concurrent calls share one run.
   */
  runOnce(): Promise<RunSummary> {
    this.#running ??= this.#drain().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #drain(): Promise<RunSummary> {
    let total = EMPTY;
    for (;;) {
      const items = this.#o.outbox.claimDue(this.#o.clock(), this.#o.leaseMs, this.#batch);
      if (items.length === 0) break;
      const results = await Promise.all(items.map((item) => this.#send(item)));
      const batch: RunSummary = {
        claimed: items.length,
        delivered: results.filter((r) => r === 'delivered' || r === 'duplicate').length,
        duplicates: results.filter((r) => r === 'duplicate').length,
        retried: results.filter((r) => r === 'retried').length,
        dead: results.filter((r) => r === 'dead').length,
      };
      total = {
        claimed: total.claimed + batch.claimed, delivered: total.delivered + batch.delivered, duplicates: total.duplicates + batch.duplicates,
        retried: total.retried + batch.retried, dead: total.dead + batch.dead,
      };
      // Only a delivery or a dead letter can make another item due now (the next of its aggregate).
      if ((batch.delivered === 0 && batch.dead === 0) || this.#stopping) break;
    }
    this.lastRunAt = this.#o.clock();
    return total;
  }

  async #send(item: ClaimedItem): Promise<'delivered' | 'duplicate' | 'retried' | 'dead'> {
    const { outbox, client, log } = this.#o;
    const path = provincialPathOf(item.topic, item.aggregateId);
    let data: string | null = null;
    let unsendable: string | null = path === null ? `no provincial endpoint for topic ${item.topic}` : null;
    try {
      data = this.#o.delivery ? this.#o.delivery.payloadOf(item) : item.payload;
    } catch (error) {
      unsendable = `the message cannot be built: ${error instanceof Error ? error.message : String(error)}`;
    }
    const outcome: DeliveryOutcome = unsendable !== null || path === null || data === null
      ? { kind: 'permanent', error: unsendable ?? 'no message' }
      : await client.deliver(path, envelope(item, data, this.#o.hall), item.idempotencyKey);
    const now = this.#o.clock();
    const facts = { outboxId: item.id, topic: item.topic, aggregateSeq: item.aggregateSeq, attempt: item.attempts };
    if (outcome.kind === 'delivered') {
      outbox.markDelivered(item.id, now);
      this.#o.delivery?.delivered(item);
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
  start(pollMs: number, beforeRun: () => void = () => undefined): void {
    this.#pollMs = pollMs;
    this.#stopped = false;
    this.#stopping = false;
    this.#beforeRun = beforeRun;
    this.#schedule(0);
  }

  /** Runs as soon as possible (after an enqueue or a retry from the dashboard). */
  nudge(): void {
    if (this.#stopped || this.#running) return;
    this.#schedule(0);
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
    try {
      this.#beforeRun();
      await this.runOnce();
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
      this.#o.log.error({ err: this.lastError }, 'outbox run failed; will retry');
    }
    if (this.#stopped) return;
    const next = this.#o.outbox.nextDueAt();
    const wait = next === null ? this.#pollMs : Math.min(this.#pollMs, Math.max(200, next - this.#o.clock()));
    this.#schedule(wait);
  }

  /** Stops the timer and waits for a run in progress to record its outcomes. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#stopping = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running?.catch(() => undefined);
  }
}
