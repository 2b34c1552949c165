/**
 * Retry delays of the outbox: exponential backoff with full jitter ("Exponential Backoff And
 * Jitter", AWS Architecture Blog, 2015): attempt n waits a uniformly random time in
 * [0, min(cap, base × 2^(n−1))). The randomness spreads the retries of many halls after a
 * provincial outage instead of having them return in waves. Pure: the random source is injected.
 */
export interface BackoffPolicy {
  /** Window of the first retry, ms. */
  readonly baseMs: number;
  /** Largest window, ms. */
  readonly capMs: number;
}

/**
 * Delay before the next attempt after `attempt` failed attempts (1 = the first failed), in whole
 * ms. `random` returns a number in [0, 1). A server's Retry-After (ms) is honoured as a floor,
 * still capped.
 */
export function backoffDelay(policy: BackoffPolicy, attempt: number, random: () => number, retryAfterMs: number | null = null): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 52);
  const window = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  const jittered = Math.floor(random() * window);
  const floor = retryAfterMs === null ? 0 : Math.min(policy.capMs, Math.max(0, retryAfterMs));
  return Math.max(jittered, floor);
}
