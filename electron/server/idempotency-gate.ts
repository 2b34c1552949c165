/**
 * The Idempotency-Key check in the request path (core/idempotency.ts decides, the store keeps).
 * Applies to state-changing calls (POST, PUT, DELETE) of an authenticated device that carry the
 * header; the key is scoped to that device.
 *
 * `begin` runs after authentication and body parsing, before the handler: a retry of an answered
 * request gets `replay` (the handler does not run); otherwise the key is claimed and the caller
 * runs the handler, then calls `finish` with the answer (kept when it is a success) or `abandon`
 * when the handler threw (the engine committed nothing, so the key is released for a retry).
 *
 * The claim is kept in memory and only the answer is written (one durable commit more per call,
 * not two). better-sqlite3 is synchronous: a synchronous handler's commit and the answer's write
 * happen in the same turn of the event loop, so no copy can slip between them; a copy arriving
 * while an asynchronous handler runs is refused with IDEMPOTENCY_IN_PROGRESS. The one window left
 * is the process dying between the command's commit and the answer's (docs/decisions.md).
 */
import { createHash, createHmac } from 'node:crypto';
import { DomainError } from '../common/errors.ts';
import { decideIdempotent, IDEMPOTENCY_KEY_PATTERN, isKeptAnswer } from '../core/idempotency.ts';
import type { IdempotencyStore } from '../store/idempotency-store.ts';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** Header set on a replayed answer. */
export const REPLAYED_HEADER = 'idempotent-replayed';

export interface IdempotencyOptions {
  /** How long a key is remembered (default 24 h: longer than any retry of a business day). */
  readonly retentionMs?: number;
  /**
   * Key of the requests' fingerprints (HMAC-SHA256): the body of a sign-in holds a PIN, an issue
   * an ID number, and a plain hash of either is reversed by trying them all. Without one (tests of
   * the gate alone) the fingerprint is a plain SHA-256.
   */
  readonly fingerprintKey?: Uint8Array;
}

export interface GateRequest {
  readonly method: string;
  readonly path: string;
  /** The authenticated device; calls without one are not gated. */
  readonly deviceId: string | null;
  readonly header: string | string[] | undefined;
  readonly body: Uint8Array;
}

export type GatePass =
  | { readonly kind: 'replay'; readonly status: number; readonly body: unknown }
  | { readonly kind: 'run'; finish(status: number, body: unknown): void; abandon(): void };

const NOT_GATED: GatePass = { kind: 'run', finish: () => undefined, abandon: () => undefined };

export class IdempotencyGate {
  readonly #store: IdempotencyStore;
  readonly #clock: () => number;
  readonly retentionMs: number;
  /** Keys whose first copy is running now ("scope\u0000key"). */
  readonly #running = new Set<string>();
  readonly #runningPrints = new Map<string, string>();

  constructor(store: IdempotencyStore, clock: () => number, options: IdempotencyOptions = {}) {
    this.#store = store;
    this.#clock = clock;
    this.retentionMs = options.retentionMs ?? 86_400_000;
    this.#fingerprintKey = options.fingerprintKey ?? null;
  }

  readonly #fingerprintKey: Uint8Array | null;

  #fingerprint(req: GateRequest): string {
    const hash = this.#fingerprintKey === null ? createHash('sha256') : createHmac('sha256', this.#fingerprintKey);
    return hash.update(`${req.method} ${req.path}\n`).update(req.body).digest('hex');
  }

  begin(req: GateRequest): GatePass {
    if (req.method === 'GET' || req.header === undefined || req.deviceId === null) return NOT_GATED;
    const key = Array.isArray(req.header) ? null : req.header;
    if (key === null || !IDEMPOTENCY_KEY_PATTERN.test(key)) {
      throw new DomainError('VALIDATION_FAILED', { header: 'Idempotency-Key', problem: 'one key of 8 to 128 characters A–Z a–z 0–9 _ -' });
    }
    const scope = req.deviceId;
    const fingerprint = this.#fingerprint(req);
    const now = this.#clock();
    const id = `${scope}\u0000${key}`;
    const running = this.#running.has(id) ? { scope, key, fingerprint: this.#runningPrints.get(id) ?? '', createdAt: now, status: null, body: null } : null;
    const decision = decideIdempotent(running ?? this.#store.find(scope, key), fingerprint, now, this.retentionMs);
    switch (decision.kind) {
      case 'replay':
        return { kind: 'replay', status: decision.status, body: JSON.parse(decision.body) as unknown };
      case 'conflict':
        throw new DomainError('IDEMPOTENCY_KEY_REUSED', { header: 'Idempotency-Key' });
      case 'in-progress':
        throw new DomainError('IDEMPOTENCY_IN_PROGRESS', { header: 'Idempotency-Key' });
      case 'run':
        break;
    }
    this.#running.add(id);
    this.#runningPrints.set(id, fingerprint);
    const done = (): void => {
      this.#running.delete(id);
      this.#runningPrints.delete(id);
    };
    return {
      kind: 'run',
      finish: (status, body) => {
        try {
          if (isKeptAnswer(status)) this.#store.keep({ scope, key, fingerprint, createdAt: now, status, body: JSON.stringify(body ?? null) });
        } finally {
          done();
        }
      },
      abandon: done,
    };
  }

  /** Forgets keys past the retention; returns how many. */
  purge(): number {
    return this.#store.purgeBefore(this.#clock() - this.retentionMs);
  }
}
