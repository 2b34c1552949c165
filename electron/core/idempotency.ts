/**
 * Idempotent state-changing calls (docs/api.md, "Idempotency-Key"): what to do with a request
 * given the record kept for its key. Pure; the store keeps the records, the HTTP layer asks here.
 *
 * A key is scoped to the device that sent it. The record remembers a fingerprint of the request
 * (method, path, body) and, once the first copy was answered, that answer:
 * - no record, or one older than the retention → run the request (and claim the key first);
 * - same fingerprint, answered → replay the first answer (a retry after a timeout or a dropped
 *   connection gets the ticket it was issued, never a second one);
 * - same fingerprint, not answered yet → the first copy is still running (or the process stopped
 *   between its commit and its answer): refuse for now; never run it twice;
 * - another fingerprint → the key was reused for a different request: refuse.
 */

/** Keys are client-generated (UUIDs in practice): 8 to 128 characters of [A-Za-z0-9_-]. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;

export interface IdempotencyRecord {
  readonly scope: string;
  readonly key: string;
  readonly fingerprint: string;
  readonly createdAt: number;
  /** The first answer's HTTP status; null while the first copy runs. */
  readonly status: number | null;
  /** The first answer's JSON text; null while the first copy runs. */
  readonly body: string | null;
}

export type IdempotencyDecision =
  | { readonly kind: 'run' }
  | { readonly kind: 'replay'; readonly status: number; readonly body: string }
  | { readonly kind: 'in-progress' }
  | { readonly kind: 'conflict' };

export function decideIdempotent(existing: IdempotencyRecord | null, fingerprint: string, now: number, retentionMs: number): IdempotencyDecision {
  if (existing === null || now - existing.createdAt >= retentionMs) return { kind: 'run' };
  if (existing.fingerprint !== fingerprint) return { kind: 'conflict' };
  if (existing.status === null || existing.body === null) return { kind: 'in-progress' };
  return { kind: 'replay', status: existing.status, body: existing.body };
}

/** Only successful answers are kept: a refused request changed nothing, so its retry is judged afresh. */
export function isKeptAnswer(status: number): boolean {
  return status >= 200 && status < 300;
}
