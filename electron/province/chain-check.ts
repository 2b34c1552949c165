/**
 * The hub's check of a hall's delivery against what it already holds (its head): every new event
 * must link to the one before it, and its hash must be the one recomputed from what was received
 * (common/event-chain.ts). Pure apart from SHA-256.
 */
import { hash } from 'node:crypto';
import { canonicalJson, chainBody, HALL_ONLY_FIELDS, PRIVATE_DIGEST_FIELD } from '../common/event-chain.ts';
import type { ChainRefusal, PublicEventWire } from '../common/province-wire.ts';

/**
 * The hash of `e` after `prevHash`, from the canonical JSON of its data (`dataJson`). One-shot
 * crypto.hash: a Hash object per event cost several times the digest itself.
 */
export function recomputeHash(prevHash: string, e: PublicEventWire, dataJson: string = canonicalJson(e.data)): string {
  return hash('sha256', `${prevHash}\n${chainBody({ seq: e.seq, at: e.at, type: e.type, ticketId: e.ticketId, counterId: e.counterId, dataJson })}`, 'hex');
}

export interface ChainProblem {
  readonly code: ChainRefusal;
  readonly seq: number;
  readonly message: string;
}

/** A hall-only field present in the delivery (personal data must never leave the hall). */
export function personalDataIn(events: readonly PublicEventWire[]): ChainProblem | null {
  for (const e of events) {
    const paths = HALL_ONLY_FIELDS[e.type];
    if (!paths) continue;
    for (const path of paths) {
      let node: unknown = e.data;
      for (const key of path) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
      if (node !== undefined)
        return { code: 'PERSONAL_DATA', seq: e.seq, message: `event ${e.seq} carries the hall-only field ${path.join('.')}; it must stay in the hall` };
    }
    if (typeof e.data[PRIVATE_DIGEST_FIELD] !== 'string') {
      return { code: 'CHAIN_BROKEN', seq: e.seq, message: `event ${e.seq} (${e.type}) carries no ${PRIVATE_DIGEST_FIELD}` };
    }
  }
  return null;
}

/**
 * The verdict on the new events of a delivery: a problem, or the canonical JSON of each new
 * event's data (`dataJson[i]` belongs to the i-th event after the head), computed for the hash
 * and stored as it is, so no event is serialised twice.
 */
export type ChainVerdict = { readonly problem: ChainProblem; readonly dataJson?: never } | { readonly problem: null; readonly dataJson: readonly string[] };

/**
 * Checks the new events (those after `headSeq`) of a contiguous delivery: a start after
 * headSeq + 1 is a gap; a link or a hash that does not hold is a broken chain.
 */
export function checkNewEvents(head: { seq: number; hash: string }, events: readonly PublicEventWire[]): ChainVerdict {
  const dataJson: string[] = [];
  const first = events[0];
  if (!first) return { problem: null, dataJson };
  if (first.seq > head.seq + 1) {
    return { problem: { code: 'CHAIN_GAP', seq: head.seq + 1, message: `the hub holds events up to ${head.seq}; this delivery starts at ${first.seq}` } };
  }
  let prev = head.hash;
  for (const e of events) {
    if (e.seq <= head.seq) continue;
    if (e.prevHash !== prev) {
      return {
        problem: {
          code: 'CHAIN_BROKEN',
          seq: e.seq,
          message: `event ${e.seq} does not link to the event before it (prevHash ${e.prevHash.slice(0, 12)}…, expected ${prev.slice(0, 12)}…)`,
        },
      };
    }
    const json = canonicalJson(e.data);
    if (recomputeHash(prev, e, json) !== e.hash) {
      return { problem: { code: 'CHAIN_BROKEN', seq: e.seq, message: `event ${e.seq}'s hash does not match its content: the event was altered` } };
    }
    dataJson.push(json);
    prev = e.hash;
  }
  return { problem: null, dataJson };
}

/** The batch is consecutive (each seq one more than the one before). */
export function isConsecutive(events: readonly PublicEventWire[]): boolean {
  for (let i = 1; i < events.length; i++) if ((events[i] as PublicEventWire).seq !== (events[i - 1] as PublicEventWire).seq + 1) return false;
  return true;
}
