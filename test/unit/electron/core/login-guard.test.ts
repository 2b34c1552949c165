/** Backoff and lockout as pure decisions over a failure record and a clock. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admit, afterFailure, backoffMs, NO_FAILURES, type FailureRecord, type GuardPolicy } from '../../../../electron/core/login-guard.ts';

const POLICY: GuardPolicy = { freeFailures: 2, baseDelayMs: 1_000, maxDelayMs: 8_000, maxFailures: 6, lockoutMs: 60_000 };

test('free failures, then a doubling wait capped at the maximum', () => {
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5, 6, 7].map((n) => backoffMs(n, POLICY)),
    [0, 0, 0, 1_000, 2_000, 4_000, 8_000, 8_000],
  );
});

test('an attempt inside the wait is refused until the wait has passed; the limit locks', () => {
  let r: FailureRecord = NO_FAILURES;
  let now = 0;
  for (let i = 0; i < 2; i++) r = afterFailure(r, now, POLICY);
  assert.deepEqual(admit(r, now, POLICY), { ok: true }, 'two failures are free');
  r = afterFailure(r, now, POLICY);
  assert.deepEqual(admit(r, now + 999, POLICY), { ok: false, reason: 'backoff', retryAt: 1_000 });
  assert.deepEqual(admit(r, now + 1_000, POLICY), { ok: true });
  now = 10_000;
  r = afterFailure(afterFailure(afterFailure(r, now, POLICY), now, POLICY), now, POLICY);
  assert.equal(r.failures, 6);
  assert.deepEqual(admit(r, now + 59_999, POLICY), { ok: false, reason: 'locked', retryAt: 70_000 });
  assert.deepEqual(admit(r, now + 60_000, POLICY), { ok: true }, 'the lockout ends by itself');
  assert.deepEqual(afterFailure(r, now + 60_000, POLICY), { failures: 1, lastFailureAt: 70_000, lockedUntil: null }, 'and the count starts again');
});
