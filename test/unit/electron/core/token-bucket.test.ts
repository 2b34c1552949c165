/** The token bucket as pure decisions over a bucket and a clock that only the test moves. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isFull, refill, take, type Bucket, type BucketPolicy } from '../../../../electron/core/token-bucket.ts';

const POLICY: BucketPolicy = { burst: 5, refillMs: 6_000 };

/** Takes at `now` and returns the new bucket, asserting the expected answer. */
function step(bucket: Bucket | undefined, now: number, expectOk: boolean): Bucket {
  const r = take(bucket, now, POLICY);
  assert.equal(r.ok, expectOk, `take at ${now}`);
  return r.bucket;
}

test('a new subject gets the whole burst back to back, then waits one refill per action', () => {
  let b: Bucket | undefined;
  for (let i = 0; i < 5; i++) b = step(b, 1_000, true);
  const refused = take(b, 1_000, POLICY);
  assert.deepEqual(refused, { ok: false, bucket: { tokens: 0, at: 1_000 }, retryAfterMs: 6_000 });
  assert.deepEqual(take(b, 4_000, POLICY).ok, false, 'half a refill is not a token');
  assert.equal((take(b, 4_000, POLICY) as { retryAfterMs: number }).retryAfterMs, 3_000, 'the answer says when the token is there');
  b = step(b, 7_000, true);
  b = step(b, 7_000, false);
});

test('a refused take spends nothing: hammering does not delay the next admission', () => {
  let b: Bucket | undefined;
  for (let i = 0; i < 5; i++) b = step(b, 0, true);
  for (let t = 0; t < 6_000; t += 10) b = step(b, t, false);
  b = step(b, 6_000, true);
});

test('a pause refills the bucket up to the burst, never above', () => {
  let b: Bucket | undefined;
  for (let i = 0; i < 5; i++) b = step(b, 0, true);
  assert.equal(refill(b, 12_000, POLICY).tokens, 2);
  assert.equal(refill(b, 3_600_000, POLICY).tokens, 5);
  assert.equal(isFull(b as Bucket, 29_999, POLICY), false);
  assert.equal(isFull(b as Bucket, 30_000, POLICY), true);
  for (let i = 0; i < 5; i++) b = step(b, 3_600_000, true);
  step(b, 3_600_000, false);
});

test('a clock stepping back adds no tokens', () => {
  let b: Bucket | undefined;
  for (let i = 0; i < 5; i++) b = step(b, 100_000, true);
  step(b, 50_000, false);
  assert.deepEqual(refill(b, 50_000, POLICY), { tokens: 0, at: 100_000 });
});

test('sustained rate: over an hour of one attempt a second, burst + hour / refill are admitted', () => {
  let b: Bucket | undefined;
  let admitted = 0;
  for (let t = 0; t < 3_600_000; t += 1_000) {
    const r = take(b, t, POLICY);
    b = r.bucket;
    if (r.ok) admitted += 1;
  }
  assert.equal(admitted, 5 + Math.floor(3_599_000 / 6_000));
});
