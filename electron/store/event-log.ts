/**
 * The append-only, hash-chained event log (chain format 2, electron/common/event-chain.ts):
 *
 *   hash(n) = SHA-256( hash(n-1) ‖ "\n" ‖ canonicalJson({ seq, at, type, ticketId, counterId, data: publicData }) )
 *   hash(0) = 64 × "0"  (genesis)
 *
 * publicData is the data without its hall-only fields (an issued ticket's person hash), which
 * enter the chain through `privateDigest`, a keyed digest stored in the data (ChainSealer). The
 * province hub recomputes every link from publicData; the hall, holding the key, also checks each
 * digest against the hall-only fields. Canonical JSON sorts object keys recursively, so the hash
 * does not depend on key order. Changing any stored field of any row breaks the chain from that row on.
 */
import { createHmac, hash as oneShotHash, randomBytes } from 'node:crypto';
import type { DomainEvent, StoredEvent } from '../common/events.ts';
import {
  canonicalJson,
  chainBody,
  GENESIS_HASH,
  hasHallOnlyFields,
  PRIVATE_DIGEST_FIELD,
  privateDigestInput,
  splitHallOnly,
  type ChainFields,
} from '../common/event-chain.ts';
import type { HallDatabase } from './open-database.ts';

export { canonicalJson, GENESIS_HASH };

/** The keyed digest of an event's hall-only fields (HMAC-SHA256 with the hall's chain key, hex). */
export interface ChainSealer {
  digest(input: string): string;
}

export function hmacChainSealer(key: Uint8Array): ChainSealer {
  if (key.length < 32) throw new Error('the chain key must have at least 32 bytes');
  return { digest: (input) => createHmac('sha256', key).update(input).digest('hex') };
}

/**
 * A sealer keyed by a random key kept in this database's hall_meta (`event_chain_key`), for tools
 * and tests that open a log without the hall data key. The hall server passes its own sealer,
 * keyed from the hall data key (server/hall-keys.ts), which is kept apart from the database.
 */
export function databaseChainSealer(db: HallDatabase): ChainSealer {
  db.prepare("INSERT INTO hall_meta (key, value) VALUES ('event_chain_key', ?) ON CONFLICT (key) DO NOTHING").run(randomBytes(32).toString('hex'));
  const key = db.prepare("SELECT value FROM hall_meta WHERE key = 'event_chain_key'").pluck().get() as string;
  return hmacChainSealer(Buffer.from(key, 'hex'));
}

type HashedFields = ChainFields;

export function eventHash(prevHash: string, e: HashedFields): string {
  return oneShotHash('sha256', `${prevHash}\n${chainBody(e)}`, 'hex');
}

/**
 * The data as stored (with privateDigest where the type has hall-only fields) and the JSON that
 * enters the chain. Only the chain's JSON must be canonical: a check re-derives it from the stored
 * data (chainDataJson), so where the two differ the stored text is plain JSON.stringify, which
 * costs far less than a second canonical pass on the issue path.
 */
function sealData(type: string, ticketId: string | null, data: unknown, sealer: ChainSealer): { storedJson: string; chainJson: string } {
  if (!hasHallOnlyFields(type)) {
    const json = canonicalJson(data);
    return { storedJson: json, chainJson: json };
  }
  const { publicData, hidden } = splitHallOnly(type, data);
  const digest = sealer.digest(privateDigestInput(ticketId, hidden ?? {}));
  return {
    storedJson: JSON.stringify({ ...(data as object), [PRIVATE_DIGEST_FIELD]: digest }),
    chainJson: canonicalJson({ ...(publicData as object), [PRIVATE_DIGEST_FIELD]: digest }),
  };
}

/** The JSON of a stored row's data that enters the chain (format 2). */
export function chainDataJson(type: string, data: unknown): string {
  return canonicalJson(splitHallOnly(type, data).publicData);
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
  readonly #sealer: ChainSealer;
  #lastSeq = 0;
  #lastHash = GENESIS_HASH;

  /** `sealer` keys the digests of hall-only fields; by default the database's own key (databaseChainSealer). */
  constructor(db: HallDatabase, sealer?: ChainSealer) {
    this.#insert = db.prepare('INSERT INTO events (seq, at, type, ticket_id, counter_id, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    this.#head = db.prepare('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1');
    this.#sealer = sealer ?? databaseChainSealer(db);
    upgradeChainFormat(db, this.#sealer);
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
      const { storedJson, chainJson } = sealData(e.type, e.ticketId, e.data, this.#sealer);
      const hash = eventHash(this.#lastHash, { seq, at: e.at, type: e.type, ticketId: e.ticketId, counterId: e.counterId, dataJson: chainJson });
      this.#insert.run(seq, e.at, e.type, e.ticketId, e.counterId, storedJson, this.#lastHash, hash);
      const data = storedJson === chainJson ? e.data : JSON.parse(storedJson);
      stored.push({ ...e, data, seq, prevHash: this.#lastHash, hash } as StoredEvent);
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

export const CHAIN_FORMAT = 2;

/** The chain format recorded in hall_meta; undefined in a database from before it was recorded. */
function recordedChainFormat(db: HallDatabase): string | undefined {
  return db.prepare("SELECT value FROM hall_meta WHERE key = 'event_chain_format'").pluck().get() as string | undefined;
}

function chainFormatOf(db: HallDatabase): number {
  const v = recordedChainFormat(db);
  if (v !== undefined) return Number(v);
  const any = db.prepare('SELECT 1 FROM events LIMIT 1').get();
  return any === undefined ? CHAIN_FORMAT : 1;
}

/**
 * The log holds events whose digests were keyed from the hall data key (a format after 1, with
 * issued tickets): the key must then exist, or those digests can never be checked again.
 */
export function hasKeyedEvents(db: HallDatabase): boolean {
  const format = recordedChainFormat(db);
  return format !== undefined && format !== '1' && db.prepare("SELECT 1 FROM events WHERE type = 'ticket.issued' LIMIT 1").get() !== undefined;
}

/**
 * Walks the whole log in order, recomputing every link. With `sealer` (the hall's chain key) each
 * event's privateDigest is also checked against its hall-only fields; without it, the links are
 * checked as the province hub checks them.
 */
export function verifyEventChain(db: HallDatabase, sealer?: ChainSealer): ChainVerification {
  const format = chainFormatOf(db);
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  const rows = db
    .prepare('SELECT seq, at, type, ticket_id, counter_id, data, prev_hash, hash FROM events ORDER BY seq')
    .iterate() as IterableIterator<EventRow>;
  for (const row of rows) {
    const broken = (reason: string): ChainVerification => ({ ok: false, checked, lastSeq: row.seq, firstBroken: { seq: row.seq, reason } });
    if (row.seq !== expectedSeq) return broken(`sequence gap: expected ${expectedSeq}, found ${row.seq}`);
    if (row.prev_hash !== prev) return broken(`prev_hash ${row.prev_hash.slice(0, 12)}… does not match the previous row's hash ${prev.slice(0, 12)}…`);
    let data: unknown;
    try {
      data = JSON.parse(row.data);
    } catch {
      return broken('data is not valid JSON');
    }
    if (format >= 2 && hasHallOnlyFields(row.type)) {
      const digest = (data as Record<string, unknown> | null)?.[PRIVATE_DIGEST_FIELD];
      if (typeof digest !== 'string') return broken(`the ${row.type} event carries no ${PRIVATE_DIGEST_FIELD}`);
      if (sealer && sealer.digest(privateDigestInput(row.ticket_id, splitHallOnly(row.type, data).hidden ?? {})) !== digest) {
        return broken(`${PRIVATE_DIGEST_FIELD} does not match the hall-only fields (a person hash was altered)`);
      }
    }
    const dataJson = format >= 2 ? chainDataJson(row.type, data) : canonicalJson(data);
    const hash = eventHash(prev, { seq: row.seq, at: row.at, type: row.type, ticketId: row.ticket_id, counterId: row.counter_id, dataJson });
    if (hash !== row.hash) return broken(`hash ${row.hash.slice(0, 12)}… does not match the recomputed ${hash.slice(0, 12)}… (the row was altered)`);
    prev = row.hash;
    expectedSeq += 1;
    checked += 1;
  }
  return { ok: true, checked, lastSeq: expectedSeq - 1, firstBroken: null };
}

/**
 * Brings a format-1 log to format 2 once, in one transaction: the log is verified in format 1
 * first; an intact log is re-linked in format 2 (digests added to the events with hall-only
 * fields, every hash from the first such event on recomputed); a broken one is left exactly as it
 * is, so the break stays visible to `verify-log`. An empty log starts in format 2.
 */
export function upgradeChainFormat(db: HallDatabase, sealer: ChainSealer): { upgraded: number } {
  if (chainFormatOf(db) >= CHAIN_FORMAT) {
    db.prepare("INSERT INTO hall_meta (key, value) VALUES ('event_chain_format', ?) ON CONFLICT (key) DO NOTHING").run(String(CHAIN_FORMAT));
    return { upgraded: 0 };
  }
  let upgraded = 0;
  db.transaction(() => {
    if (!verifyEventChain(db).ok) return;
    // The append-only triggers refuse updates: they are dropped for the re-link and restored.
    const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'").all() as { name: string; sql: string }[];
    for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
    const update = db.prepare('UPDATE events SET data = ?, prev_hash = ?, hash = ? WHERE seq = ?');
    let prev = GENESIS_HASH;
    const rows = db.prepare('SELECT seq, at, type, ticket_id, counter_id, data, prev_hash, hash FROM events ORDER BY seq').all() as EventRow[];
    for (const row of rows) {
      const { storedJson, chainJson } = sealData(row.type, row.ticket_id, JSON.parse(row.data), sealer);
      const hash = eventHash(prev, { seq: row.seq, at: row.at, type: row.type, ticketId: row.ticket_id, counterId: row.counter_id, dataJson: chainJson });
      if (hash !== row.hash || storedJson !== row.data) {
        update.run(storedJson, prev, hash, row.seq);
        upgraded += 1;
      }
      prev = hash;
    }
    for (const t of triggers) db.exec(t.sql);
    db.prepare("INSERT INTO hall_meta (key, value) VALUES ('event_chain_format', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(
      String(CHAIN_FORMAT),
    );
  }).immediate();
  return { upgraded };
}

/** An event as it leaves the hall for the province hub: hall-only fields removed (privateDigest kept). */
export interface PublicEvent {
  readonly seq: number;
  readonly at: number;
  readonly type: string;
  readonly ticketId: string | null;
  readonly counterId: string | null;
  readonly data: Record<string, unknown>;
  readonly prevHash: string;
  readonly hash: string;
}

export function publicEventOf(row: EventRow): PublicEvent {
  return {
    seq: row.seq,
    at: row.at,
    type: row.type,
    ticketId: row.ticket_id,
    counterId: row.counter_id,
    data: splitHallOnly(row.type, JSON.parse(row.data)).publicData as Record<string, unknown>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
