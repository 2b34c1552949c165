/** The shared rate-limit store (server/http/rate-limit-store.ts): fixed windows per key, one instance for every route, bounded keys. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SharedRateLimitStore } from '../../../../electron/server/http/rate-limit-store.ts';

const count = (store: SharedRateLimitStore, key: string, windowMs = 60_000): { current: number; ttl: number } => {
  let out = { current: -1, ttl: -1 };
  store.incr(key, (_e, r) => (out = r), windowMs);
  return out;
};

describe('shared rate-limit store', () => {
  test('counts per key within a window; every route gets the same store', () => {
    const store = new SharedRateLimitStore();
    assert.equal(store.child(), store);
    assert.equal(count(store, '10.0.0.1public-ticket').current, 1);
    assert.equal(count(store, '10.0.0.1public-ticket').current, 2);
    assert.equal(count(store, '10.0.0.2public-ticket').current, 1);
    const third = count(store, '10.0.0.1public-ticket');
    assert.equal(third.current, 3);
    assert.ok(third.ttl > 0 && third.ttl <= 60_000);
    let read = { current: -1, ttl: -1 };
    store.read('10.0.0.1public-ticket', (_e, r) => (read = r), 60_000);
    assert.equal(read.current, 3);
  });

  test('a window that has passed starts again at one', async () => {
    const store = new SharedRateLimitStore();
    count(store, 'k', 20);
    count(store, 'k', 20);
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(count(store, 'k', 20).current, 1);
  });

  test('keeps at most MAX_KEYS keys, forgetting the oldest window first', () => {
    const store = new SharedRateLimitStore();
    for (let i = 0; i <= SharedRateLimitStore.MAX_KEYS; i++) count(store, `addr-${i}`);
    assert.equal(count(store, 'addr-0').current, 1, 'the oldest was forgotten');
    assert.equal(count(store, `addr-${SharedRateLimitStore.MAX_KEYS}`).current, 2, 'the newest is kept');
  });
});
