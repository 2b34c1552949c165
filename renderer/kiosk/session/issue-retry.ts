/**
 * Which failures of a state-changing call are worth the same request again under the same
 * idempotency key, and how long to wait before it. Pure.
 *
 * Retried: the hall did not answer (NETWORK, TIMEOUT), answered with a server error (INTERNAL,
 * HTTP 5xx) or garbage (INVALID_RESPONSE), or is still working on the first copy of the request
 * (IDEMPOTENCY_IN_PROGRESS). The key makes a retry of a committed request return its answer.
 * Not retried: every refusal of the hall's rules (closed, quota, validation …): the same request
 * would be refused again.
 */
const RETRYABLE = new Set(['NETWORK', 'TIMEOUT', 'INTERNAL', 'INVALID_RESPONSE', 'IDEMPOTENCY_IN_PROGRESS']);

export function isRetryable(code: string): boolean {
  return RETRYABLE.has(code) || /^HTTP_5\d\d$/.test(code);
}

/** 500 ms, then doubling to at most 3 s: a hall back on its feet is used within 3 s. */
export function retryDelayMs(attempt: number): number {
  return Math.min(3_000, 500 * 2 ** Math.max(0, attempt));
}
