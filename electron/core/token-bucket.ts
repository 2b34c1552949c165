/**
 * A token bucket: at most `burst` actions at once, then one more every `refillMs`. Pure: the
 * caller keeps each subject's bucket and the clock. A bucket fills continuously (fractions of a
 * token count), is full when first seen, and never holds more than `burst`; a clock that steps
 * back adds nothing. A refused action takes no token, so hammering does not push the next
 * admission further away: the answer says exactly when one token will be there.
 */

export interface BucketPolicy {
  /** Actions admitted back to back from a full bucket. */
  readonly burst: number;
  /** Milliseconds to earn back one token. */
  readonly refillMs: number;
}

export interface Bucket {
  /** Tokens at `at`, between 0 and burst (fractions allowed). */
  readonly tokens: number;
  readonly at: number;
}

export type BucketTake = { readonly ok: true; readonly bucket: Bucket } | { readonly ok: false; readonly bucket: Bucket; readonly retryAfterMs: number };

/** The bucket as it stands at `now` (filled for the time passed since it was last seen). */
export function refill(bucket: Bucket | undefined, now: number, policy: BucketPolicy): Bucket {
  if (bucket === undefined) return { tokens: policy.burst, at: now };
  const elapsed = Math.max(0, now - bucket.at);
  return { tokens: Math.min(policy.burst, bucket.tokens + elapsed / policy.refillMs), at: Math.max(now, bucket.at) };
}

/** Takes one token for an action at `now`, or says how long until one is there. */
export function take(bucket: Bucket | undefined, now: number, policy: BucketPolicy): BucketTake {
  const current = refill(bucket, now, policy);
  if (current.tokens >= 1) return { ok: true, bucket: { tokens: current.tokens - 1, at: current.at } };
  return { ok: false, bucket: current, retryAfterMs: Math.ceil((1 - current.tokens) * policy.refillMs) };
}

/** Whether the bucket is full again at `now` (its subject can be forgotten). */
export function isFull(bucket: Bucket, now: number, policy: BucketPolicy): boolean {
  return refill(bucket, now, policy).tokens >= policy.burst;
}
