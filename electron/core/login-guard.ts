/**
 * Backoff and lockout for guessable secrets (staff PINs, per account and per device). Pure: the
 * caller keeps the record (the database for accounts, memory for devices) and the clock.
 *
 * After `freeFailures` consecutive failures, each further attempt must wait
 * `baseDelayMs · 2^(failures − freeFailures)` (at most `maxDelayMs`) after the last failure; an
 * attempt earlier is refused without checking the secret, so a guesser gains nothing by trying
 * faster. At `maxFailures` the subject is locked for `lockoutMs`; a success resets the record.
 */

export interface GuardPolicy {
  readonly freeFailures: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxFailures: number;
  readonly lockoutMs: number;
}

export interface FailureRecord {
  readonly failures: number;
  readonly lastFailureAt: number | null;
  readonly lockedUntil: number | null;
}

export const NO_FAILURES: FailureRecord = { failures: 0, lastFailureAt: null, lockedUntil: null };

export type Admission = { readonly ok: true } | { readonly ok: false; readonly reason: 'locked' | 'backoff'; readonly retryAt: number };

/** The wait after `failures` consecutive failures, before the next attempt is checked. */
export function backoffMs(failures: number, policy: GuardPolicy): number {
  if (failures <= policy.freeFailures) return 0;
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failures - policy.freeFailures - 1));
}

/** May an attempt be checked now? */
export function admit(record: FailureRecord, now: number, policy: GuardPolicy): Admission {
  if (record.lockedUntil !== null && now < record.lockedUntil) return { ok: false, reason: 'locked', retryAt: record.lockedUntil };
  if (record.lockedUntil !== null) return { ok: true }; // the lockout ended: a fresh start
  const wait = backoffMs(record.failures, policy);
  if (wait > 0 && record.lastFailureAt !== null && now < record.lastFailureAt + wait) {
    return { ok: false, reason: 'backoff', retryAt: record.lastFailureAt + wait };
  }
  return { ok: true };
}

/** The record after a failed attempt; `lockedUntil` is set when this failure reaches the limit. */
export function afterFailure(record: FailureRecord, now: number, policy: GuardPolicy): FailureRecord {
  const previous = record.lockedUntil !== null && now >= record.lockedUntil ? 0 : record.failures;
  const failures = previous + 1;
  return { failures, lastFailureAt: now, lockedUntil: failures >= policy.maxFailures ? now + policy.lockoutMs : null };
}
