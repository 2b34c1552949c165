/** Backoff with full jitter: the window doubles from the base up to the cap; random picks inside it. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay } from '../../../../../electron/server/sync/backoff.ts';

const POLICY = { baseMs: 1_000, capMs: 600_000 };

describe('backoffDelay', () => {
  test('the window is base × 2^(attempt−1), capped; random 0 waits nothing, random → 1 waits almost the window', () => {
    const justBelowOne = 1 - Number.EPSILON;
    const windows = [1, 2, 3, 4, 10, 11, 20, 500].map((attempt) => [attempt, backoffDelay(POLICY, attempt, () => justBelowOne)]);
    assert.deepEqual(windows, [
      [1, 999],
      [2, 1_999],
      [3, 3_999],
      [4, 7_999],
      [10, 511_999],
      [11, 599_999],
      [20, 599_999],
      [500, 599_999],
    ]);
    assert.equal(
      backoffDelay(POLICY, 7, () => 0),
      0,
    );
  });

  test('full jitter: the delay is uniform in the window', () => {
    assert.equal(
      backoffDelay(POLICY, 3, () => 0.25),
      1_000,
    );
    assert.equal(
      backoffDelay(POLICY, 3, () => 0.5),
      2_000,
    );
  });

  test("a server's Retry-After is a floor, never above the cap", () => {
    assert.equal(
      backoffDelay(POLICY, 1, () => 0.5, 30_000),
      30_000,
    );
    assert.equal(
      backoffDelay(POLICY, 12, () => 0.9, 30_000),
      540_000,
      'a larger jittered delay wins',
    );
    assert.equal(
      backoffDelay(POLICY, 1, () => 0, 3_600_000),
      600_000,
    );
  });

  test('attempt numbers below 1 count as the first', () => {
    assert.equal(
      backoffDelay(POLICY, 0, () => 0.5),
      500,
    );
  });
});
