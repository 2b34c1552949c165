import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { idsFrom, uuidv7 } from '../../../../electron/server/ids.ts';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('time-ordered ids (UUID v7) from the pooled random source', () => {
  it('are version 7, variant 10, carrying the given millisecond', () => {
    const at = Date.UTC(2026, 11, 7, 9, 0, 0, 123);
    const id = uuidv7(at);
    assert.match(id, UUID_V7);
    assert.equal(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16), at);
  });

  it('stay unique within one millisecond across several refills of the pool (4 KiB = 256 ids each)', () => {
    const next = idsFrom(() => 1_796_600_000_000);
    const ids = Array.from({ length: 2_000 }, next);
    assert.equal(new Set(ids).size, ids.length);
    // The random tail differs between consecutive ids: no bytes of the pool are handed out twice.
    const tails = new Set(ids.map((id) => id.slice(-12)));
    assert.equal(tails.size, ids.length);
  });

  it('sort by their time across milliseconds', () => {
    let now = 1_796_600_000_000;
    const next = idsFrom(() => now++);
    const ids = Array.from({ length: 300 }, next);
    assert.deepEqual([...ids].sort(), ids);
  });
});
