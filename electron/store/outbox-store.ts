/**
 * The outbox to the provincial one-stop system (migration 0004).
 *
 * Contract:
 * - `enqueueOutbox(db, item)` runs INSIDE the caller's transaction, next to the change the item
 *   reports (a dossier submitted, a day's statistics): both commit or neither does, so a committed
 *   change is never without its message (at-least-once). It refuses to run outside a transaction.
 *   The same idempotency key enqueued twice keeps the first item (`created: false`).
 * - `aggregate_seq` is assigned here: 1, 2, 3… per aggregate, in enqueue order.
 * - Ordering: `claimDue` returns only the head of each aggregate: an item is not handed out while
 *   an earlier item of its aggregate is neither delivered nor dead. A dead letter stops blocking,
 *   so one refused message does not hold a dossier's later messages forever; retrying it puts it
 *   back in line (it then goes out after anything of its aggregate already sent).
 * - Claiming counts the attempt and leases the item (`next_attempt_at` = now + lease) before the
 *   network is touched: a process killed mid-send leaves the item due again when the lease ends,
 *   and the receiver deduplicates the second copy by its key.
 */
import { provincialPathOf } from '../common/provincial.ts';
import type { OutboxItemView } from '../common/provincial.ts';
import type { HallDatabase } from './open-database.ts';

/** Larger payloads are refused at enqueue: documents travel by reference, not inside messages. */
export const MAX_OUTBOX_PAYLOAD_BYTES = 1024 * 1024;
const MAX_ERROR_CHARS = 300;

export interface OutboxItemInput {
  /** e.g. `dossier.submitted`, `queue.stats` (electron/common/provincial.ts provincialPathOf). */
  readonly topic: string;
  /** The thing the messages are about, e.g. a dossier id: messages of one aggregate go in order. */
  readonly aggregateId: string;
  /** Globally unique for this fact, across halls: start it with the hall id. Sent as Idempotency-Key. */
  readonly idempotencyKey: string;
  /** JSON-serialisable; no personal data beyond what the provincial system must receive. */
  readonly payload: unknown;
  /** Epoch ms; the item is due at once. */
  readonly now: number;
}

export interface EnqueueResult {
  readonly id: number;
  readonly aggregateSeq: number;
  readonly idempotencyKey: string;
  /** False when an item with this key already existed (nothing was added). */
  readonly created: boolean;
}

export class OutboxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboxError';
  }
}

interface OutboxRow {
  id: number;
  topic: string;
  aggregate_id: string;
  aggregate_seq: number;
  idempotency_key: string;
  payload: string;
  created_at: number;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  delivered_at: number | null;
  dead_at: number | null;
}

function prepareEnqueue(db: HallDatabase) {
  return {
    byKey: db.prepare('SELECT id, aggregate_seq FROM outbox WHERE idempotency_key = ?'),
    nextSeq: db.prepare('SELECT COALESCE(MAX(aggregate_seq), 0) + 1 FROM outbox WHERE aggregate_id = ?').pluck(),
    insert: db.prepare(
      `INSERT INTO outbox (topic, aggregate_id, aggregate_seq, idempotency_key, payload, created_at, attempts, next_attempt_at)
       VALUES (?, ?, ?, ?, ?, ?, 0, ?)`,
    ),
  };
}

/** Statements prepared once per connection. */
const enqueueStatements = new WeakMap<HallDatabase, ReturnType<typeof prepareEnqueue>>();

/** Adds an item in the caller's open transaction (see the contract above). */
export function enqueueOutbox(db: HallDatabase, item: OutboxItemInput): EnqueueResult {
  if (!db.inTransaction) throw new OutboxError('enqueueOutbox must run inside the transaction of the change it reports');
  if (provincialPathOf(item.topic, item.aggregateId) === null) {
    throw new OutboxError(`outbox topic "${item.topic}" has no provincial endpoint; use dossier.<event> or queue.stats`);
  }
  if (item.aggregateId.length === 0 || item.aggregateId.length > 128) throw new OutboxError('aggregateId must have 1–128 characters');
  if (item.idempotencyKey.length === 0 || item.idempotencyKey.length > 200 || !/^[\x21-\x7e]+$/.test(item.idempotencyKey)) {
    throw new OutboxError('idempotencyKey must be 1–200 visible ASCII characters (it travels as an HTTP header)');
  }
  const payload = JSON.stringify(item.payload);
  if (payload === undefined) throw new OutboxError('the payload must be JSON-serialisable');
  if (Buffer.byteLength(payload) > MAX_OUTBOX_PAYLOAD_BYTES) throw new OutboxError(`the payload exceeds ${MAX_OUTBOX_PAYLOAD_BYTES} bytes`);

  let s = enqueueStatements.get(db);
  if (!s) {
    s = prepareEnqueue(db);
    enqueueStatements.set(db, s);
  }
  const existing = s.byKey.get(item.idempotencyKey) as { id: number; aggregate_seq: number } | undefined;
  if (existing) return { id: existing.id, aggregateSeq: existing.aggregate_seq, idempotencyKey: item.idempotencyKey, created: false };
  const aggregateSeq = s.nextSeq.get(item.aggregateId) as number;
  const info = s.insert.run(item.topic, item.aggregateId, aggregateSeq, item.idempotencyKey, payload, item.now, item.now);
  return { id: Number(info.lastInsertRowid), aggregateSeq, idempotencyKey: item.idempotencyKey, created: true };
}

/** An item handed to the sender: the attempt is already counted. */
export interface ClaimedItem {
  readonly id: number;
  readonly topic: string;
  readonly aggregateId: string;
  readonly aggregateSeq: number;
  readonly idempotencyKey: string;
  /** The JSON text as enqueued. */
  readonly payload: string;
  readonly createdAt: number;
  /** This attempt's number, 1 for the first. */
  readonly attempts: number;
}

export type RetryDeadResult = 'retried' | 'not_found' | 'not_dead';

function toView(r: OutboxRow): OutboxItemView {
  return {
    id: r.id,
    topic: r.topic,
    aggregateId: r.aggregate_id,
    aggregateSeq: r.aggregate_seq,
    idempotencyKey: r.idempotency_key,
    createdAt: r.created_at,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    deliveredAt: r.delivered_at,
    deadAt: r.dead_at,
  };
}

const clip = (error: string): string => (error.length > MAX_ERROR_CHARS ? `${error.slice(0, MAX_ERROR_CHARS - 1)}…` : error);

/** The sender's side of the outbox: claim, outcome, listings, retry of dead letters. */
export class OutboxStore {
  readonly #s;
  readonly #claim;

  constructor(db: HallDatabase) {
    this.#s = {
      due: db.prepare(
        `SELECT * FROM outbox o
          WHERE o.delivered_at IS NULL AND o.dead_at IS NULL AND o.next_attempt_at <= @now
            AND (@topicLike IS NULL OR o.topic LIKE @topicLike)
            AND NOT EXISTS (SELECT 1 FROM outbox e
                             WHERE e.aggregate_id = o.aggregate_id AND e.aggregate_seq < o.aggregate_seq
                               AND e.delivered_at IS NULL AND e.dead_at IS NULL)
          ORDER BY o.next_attempt_at, o.id LIMIT @limit`,
      ),
      lease: db.prepare('UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ?'),
      delivered: db.prepare('UPDATE outbox SET delivered_at = ?, last_error = NULL WHERE id = ? AND delivered_at IS NULL AND dead_at IS NULL'),
      retryLater: db.prepare('UPDATE outbox SET next_attempt_at = ?, last_error = ? WHERE id = ? AND delivered_at IS NULL AND dead_at IS NULL'),
      dead: db.prepare('UPDATE outbox SET dead_at = ?, last_error = ? WHERE id = ? AND delivered_at IS NULL AND dead_at IS NULL'),
      revive: db.prepare('UPDATE outbox SET dead_at = NULL, attempts = 0, next_attempt_at = ? WHERE id = ? AND dead_at IS NOT NULL'),
      byId: db.prepare('SELECT * FROM outbox WHERE id = ?'),
      counts: db.prepare(
        `SELECT COALESCE(SUM(delivered_at IS NULL AND dead_at IS NULL), 0) AS pending,
                COALESCE(SUM(delivered_at IS NOT NULL), 0) AS delivered,
                COALESCE(SUM(dead_at IS NOT NULL), 0) AS dead
           FROM outbox`,
      ),
      pending: db.prepare('SELECT * FROM outbox WHERE delivered_at IS NULL AND dead_at IS NULL ORDER BY next_attempt_at, id LIMIT ?'),
      deadList: db.prepare('SELECT * FROM outbox WHERE dead_at IS NOT NULL ORDER BY dead_at DESC, id DESC LIMIT ?'),
      nextDue: db
        .prepare(
          `SELECT MIN(o.next_attempt_at) FROM outbox o
          WHERE o.delivered_at IS NULL AND o.dead_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM outbox e
                             WHERE e.aggregate_id = o.aggregate_id AND e.aggregate_seq < o.aggregate_seq
                               AND e.delivered_at IS NULL AND e.dead_at IS NULL)`,
        )
        .pluck(),
    };
    this.#claim = db.transaction((now: number, leaseMs: number, limit: number, topicLike: string | null): ClaimedItem[] => {
      const rows = this.#s.due.all({ now, limit, topicLike }) as OutboxRow[];
      for (const r of rows) this.#s.lease.run(now + leaseMs, r.id);
      return rows.map((r) => ({
        id: r.id,
        topic: r.topic,
        aggregateId: r.aggregate_id,
        aggregateSeq: r.aggregate_seq,
        idempotencyKey: r.idempotency_key,
        payload: r.payload,
        createdAt: r.created_at,
        attempts: r.attempts + 1,
      }));
    });
  }

  /**
   * Up to `limit` due items, at most one per aggregate (its head), oldest due first; each gets its
   * attempt counted and a lease of `leaseMs` in one durable transaction. `topicLike` (an SQL LIKE
   * pattern, e.g. 'dossier.%') limits the claim to one destination's topics.
   */
  claimDue(now: number, leaseMs: number, limit: number, topicLike: string | null = null): ClaimedItem[] {
    return this.#claim.immediate(now, leaseMs, limit, topicLike);
  }

  /** Marks an item delivered; call it inside the transaction of the delivery's effect when it has one. */
  markDelivered(id: number, now: number): void {
    this.#s.delivered.run(now, id);
  }

  /** A failed attempt: due again at `nextAttemptAt`, with the reason kept for the dashboard. */
  markRetry(id: number, error: string, nextAttemptAt: number): void {
    this.#s.retryLater.run(nextAttemptAt, clip(error), id);
  }

  /** A dead letter: not sent again until a supervisor retries it. */
  markDead(id: number, error: string, now: number): void {
    this.#s.dead.run(now, clip(error), id);
  }

  /** A dead letter due again now with a fresh attempt count; its last error stays until the next outcome. */
  retryDead(id: number, now: number): RetryDeadResult {
    if (this.#s.revive.run(now, id).changes === 1) return 'retried';
    return this.#s.byId.get(id) ? 'not_dead' : 'not_found';
  }

  byId(id: number): OutboxItemView | null {
    const r = this.#s.byId.get(id) as OutboxRow | undefined;
    return r ? toView(r) : null;
  }

  counts(): { pending: number; delivered: number; dead: number } {
    return this.#s.counts.get() as { pending: number; delivered: number; dead: number };
  }

  /** Pending items, soonest due first. */
  pending(limit: number): OutboxItemView[] {
    return (this.#s.pending.all(limit) as OutboxRow[]).map(toView);
  }

  /** Dead letters, newest first. */
  deadLetters(limit: number): OutboxItemView[] {
    return (this.#s.deadList.all(limit) as OutboxRow[]).map(toView);
  }

  /** When the soonest claimable item (an aggregate's head) is due (epoch ms), or null when nothing is pending. */
  nextDueAt(): number | null {
    return (this.#s.nextDue.get() as number | null) ?? null;
  }
}
