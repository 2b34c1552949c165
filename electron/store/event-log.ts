/**
 * The append-only, hash-chained event log.
 *
 *   hash(n) = SHA-256( hash(n-1) ‖ "\n" ‖ canonicalJson({ seq, at, type, ticketId, counterId, data }) )
 *   hash(0) = 64 × "0"  (genesis)
 *
 * Canonical JSON sorts object keys recursively, so the hash does not depend on key order.
 * Changing any stored field of any row breaks the chain from that row on.
 */
import { createHash } from 'node:crypto';
import type { DomainEvent, StoredEvent } from '../common/events.ts';
import type { HallDatabase } from './open-database.ts';

export const GENESIS_HASH = '0'.repeat(64);

/** Written as plain loops: it runs on every commit, and the entries/filter/map version allocated far more. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  // Default sort compares UTF-16 code units, the same order as `<` on strings.
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const key of keys) {
    const v = record[key];
    if (v === undefined) continue;
    out += `${out.length === 1 ? '' : ','}${JSON.stringify(key)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}

interface HashedFields {
  readonly seq: number;
  readonly at: number;
  readonly type: string;
  readonly ticketId: string | null;
  readonly counterId: string | null;
  readonly dataJson: string;
}

export function eventHash(prevHash: string, e: HashedFields): string {
  const body = `{"at":${e.at},"counterId":${JSON.stringify(e.counterId)},"data":${e.dataJson},"seq":${e.seq},"ticketId":${JSON.stringify(e.ticketId)},"type":${JSON.stringify(e.type)}}`;
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/** An events row as SQLite returns it. */
export interface EventRow {
  seq: number;
  at: number;
  type: string;
  ticket_id: string | null;
  counter_id: string | null;
  data: string;
  prev_hash: string;
  hash: string;
}

export function rowToEvent(row: EventRow): StoredEvent {
  return {
    seq: row.seq,
    at: row.at,
    type: row.type,
    ticketId: row.ticket_id,
    counterId: row.counter_id,
    data: JSON.parse(row.data),
    prevHash: row.prev_hash,
    hash: row.hash,
  } as StoredEvent;
}

/** Appends events after the current head. Call inside the caller's transaction. */
export class EventAppender {
  readonly #insert;
  readonly #head;
  #lastSeq = 0;
  #lastHash = GENESIS_HASH;

  constructor(db: HallDatabase) {
    this.#insert = db.prepare(
      'INSERT INTO events (seq, at, type, ticket_id, counter_id, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.#head = db.prepare('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1');
    this.reloadHead();
  }

  /** Re-reads the head from disk (at start, and after a failed transaction rolled back). */
  reloadHead(): void {
    const head = this.#head.get() as { seq: number; hash: string } | undefined;
    this.#lastSeq = head?.seq ?? 0;
    this.#lastHash = head?.hash ?? GENESIS_HASH;
  }

  get lastSeq(): number {
    return this.#lastSeq;
  }

  append(events: readonly DomainEvent[]): StoredEvent[] {
    const stored: StoredEvent[] = [];
    for (const e of events) {
      const seq = this.#lastSeq + 1;
      const dataJson = canonicalJson(e.data);
      const hash = eventHash(this.#lastHash, { seq, at: e.at, type: e.type, ticketId: e.ticketId, counterId: e.counterId, dataJson });
      this.#insert.run(seq, e.at, e.type, e.ticketId, e.counterId, dataJson, this.#lastHash, hash);
      stored.push({ ...e, seq, prevHash: this.#lastHash, hash } as StoredEvent);
      this.#lastSeq = seq;
      this.#lastHash = hash;
    }
    return stored;
  }
}

export interface ChainVerification {
  readonly ok: boolean;
  readonly checked: number;
  readonly lastSeq: number;
  /** The first row whose link does not hold, with what was expected. */
  readonly firstBroken: { readonly seq: number; readonly reason: string } | null;
}

/** Walks the whole log in order, recomputing every link. */
export function verifyEventChain(db: HallDatabase): ChainVerification {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  const rows = db.prepare('SELECT seq, at, type, ticket_id, counter_id, data, prev_hash, hash FROM events ORDER BY seq').iterate() as IterableIterator<EventRow>;
  for (const row of rows) {
    const broken = (reason: string): ChainVerification => ({ ok: false, checked, lastSeq: row.seq, firstBroken: { seq: row.seq, reason } });
    if (row.seq !== expectedSeq) return broken(`sequence gap: expected ${expectedSeq}, found ${row.seq}`);
    if (row.prev_hash !== prev) return broken(`prev_hash ${row.prev_hash.slice(0, 12)}… does not match the previous row's hash ${prev.slice(0, 12)}…`);
    let dataJson: string;
    try {
      dataJson = canonicalJson(JSON.parse(row.data));
    } catch {
      return broken('data is not valid JSON');
    }
    const hash = eventHash(prev, { seq: row.seq, at: row.at, type: row.type, ticketId: row.ticket_id, counterId: row.counter_id, dataJson });
    if (hash !== row.hash) return broken(`hash ${row.hash.slice(0, 12)}… does not match the recomputed ${hash.slice(0, 12)}… (the row was altered)`);
    prev = row.hash;
    expectedSeq += 1;
    checked += 1;
  }
  return { ok: true, checked, lastSeq: expectedSeq - 1, firstBroken: null };
}
