/**
 * Purpose-specific keys derived from the hall data key (dossier-crypto.ts).
 *
 * The data key seals dossiers; it is never used for anything else directly. Every other keyed
 * operation gets its own key, derived with HKDF-SHA256 (RFC 5869) from the data key with a label
 * naming the purpose and its version:
 *
 *   key(purpose) = HKDF-SHA256(ikm = data key, salt = "hall-keys/v1", info = label(purpose), 32 bytes)
 *
 * so a key learnt for one purpose tells nothing about another, and changing what a purpose means
 * (a new version of its label) gives a fresh key without touching the data key. The keys live in
 * memory only; like the data key they are kept outside the database, so a copy of the database
 * file alone cannot recompute them.
 *
 * Add a purpose here (never reuse a label for a different use).
 */
import { hkdfSync } from 'node:crypto';

/** The label of each purpose: the HKDF `info`. A label never changes meaning once shipped. */
export const KEY_PURPOSES = {
  /** HMAC of an ID number in tickets, appointments and dossiers (the fairness rule, look-ups). */
  personHash: 'person-hash/v1',
  /** HMAC of the event log's head written at day close (the anchored log, verify-log). */
  logCheckpoint: 'log-checkpoint/v1',
  /** HMAC of an event's hall-only fields carried in the event (store/event-log.ts ChainSealer, chain format 2). */
  eventChainDigest: 'event-chain-digest/v1',
  /** HMAC of a ticket id: the token of its public page, on the ticket's QR (ticket-links.ts). */
  ticketLink: 'ticket-link/v1',
  /**
   * HMAC of a request kept for its Idempotency-Key (idempotency-gate.ts): a plain hash of a body
   * that holds a PIN or an ID number could be reversed by trying every one.
   */
  idempotencyFingerprint: 'idempotency-fingerprint/v1',
} as const;

export type KeyPurpose = keyof typeof KEY_PURPOSES;

const SALT = 'hall-keys/v1';
export const DERIVED_KEY_BYTES = 32;

/** One purpose's key from the data key (HKDF-SHA256). */
export function deriveHallKey(dataKey: Uint8Array, purpose: KeyPurpose): Buffer {
  if (dataKey.byteLength < 32) throw new Error(`the hall data key must be at least 32 bytes, not ${dataKey.byteLength}`);
  return Buffer.from(hkdfSync('sha256', dataKey, SALT, KEY_PURPOSES[purpose], DERIVED_KEY_BYTES));
}

/** The derived keys of one hall, computed once at start. */
export class HallKeys {
  readonly #keys = new Map<KeyPurpose, Buffer>();

  constructor(dataKey: Uint8Array) {
    for (const purpose of Object.keys(KEY_PURPOSES) as KeyPurpose[]) this.#keys.set(purpose, deriveHallKey(dataKey, purpose));
  }

  /** A copy of the purpose's key (callers may not change the shared one). */
  key(purpose: KeyPurpose): Buffer {
    const key = this.#keys.get(purpose);
    if (!key) throw new Error(`no hall key for purpose ${purpose}`);
    return Buffer.from(key);
  }
}
