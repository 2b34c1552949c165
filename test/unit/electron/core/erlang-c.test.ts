/**
 * Erlang C against hand-computed and published values, and the fewest servers for a wait target.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { erlangC, meanWait, serversNeeded } from '../../../../electron/core/erlang-c.ts';

const close = (actual: number, expected: number, eps = 1e-4): void => assert.ok(Math.abs(actual - expected) < eps, `${actual} ≉ ${expected}`);

describe('erlangC', () => {
  test('c = 1 is M/M/1: the probability of waiting is the utilisation', () => {
    close(erlangC(1, 0.5), 0.5);
    close(erlangC(1, 0.9), 0.9);
  });

  test('hand-computed: c = 2, a = 1 → (1/2 · 2) / (1 + 1 + 1) = 1/3; c = 3, a = 2 → 4 / (1 + 2 + 2 + 4) = 4/9', () => {
    close(erlangC(2, 1), 1 / 3, 1e-12);
    close(erlangC(3, 2), 4 / 9, 1e-12);
  });

  test('published table value: 10 Erlangs on 11 agents → P(wait) ≈ 0.6821', () => {
    close(erlangC(11, 10), 0.6821);
  });

  test('no load never waits; a load at or over capacity always waits', () => {
    assert.equal(erlangC(3, 0), 0);
    assert.equal(erlangC(3, 3), 1);
    assert.equal(erlangC(3, 4.5), 1);
  });

  test('bad arguments are refused', () => {
    assert.throws(() => erlangC(0, 1), RangeError);
    assert.throws(() => erlangC(1.5, 1), RangeError);
    assert.throws(() => erlangC(2, -1), RangeError);
    assert.throws(() => erlangC(2, Number.NaN), RangeError);
  });
});

describe('meanWait and serversNeeded', () => {
  test('M/M/1 with λ = 0.5/min and 1 min service: Wq = ρ / (μ − λ) = 0.5 / 0.5 = 1 min', () => {
    close(meanWait(1, 0.5, 1), 1, 1e-12);
  });

  test('c = 2, λ = 1/min, 1 min service: Wq = (1/3) / (2 − 1) = 1/3 min', () => {
    close(meanWait(2, 1, 1), 1 / 3, 1e-12);
  });

  test('an unstable queue waits forever', () => {
    assert.equal(meanWait(2, 1, 2), Infinity);
  });

  test('30 tickets an hour of 10 minutes each (5 Erlangs) within 15 minutes: 6 counters', () => {
    // c = 5 is unstable; c = 6: Wq = C(6, 5) / (6/10 − 1/2) = 0.5875 / 0.1 ≈ 5.9 min ≤ 15.
    close(erlangC(6, 5), 0.5875, 1e-3);
    assert.equal(serversNeeded(0.5, 10, 15), 6);
  });

  test('a tight target needs more: Wq(6) ≈ 5.9 > 2, Wq(7) = C(7, 5) / 0.2 ≈ 1.6 ≤ 2 → 7', () => {
    assert.ok(meanWait(6, 0.5, 10) > 2);
    assert.ok(meanWait(7, 0.5, 10) <= 2);
    assert.equal(serversNeeded(0.5, 10, 2), 7);
  });

  test('nobody arriving needs no counter', () => {
    assert.equal(serversNeeded(0, 10, 15), 0);
  });
});
