import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { startIdleCollector, youngGenerationUsed } from '../../../../electron/server/idle-collector.ts';

describe('young-generation collection in idle moments', () => {
  it('collects once the server has been idle for idleMs, not while requests keep ending', async () => {
    const calls: unknown[] = [];
    const collector = startIdleCollector(
      { idleMs: 40, minUsedBytes: 0 },
      (options) => calls.push(options),
      () => 5_000_000,
    );
    try {
      assert.equal(collector.active, true);
      for (let i = 0; i < 6; i++) {
        await delay(15);
        collector.touch(); // a request ended: the idle moment starts again
      }
      assert.equal(calls.length, 0, 'no collection while busy');
      await delay(120);
      assert.deepEqual(calls, [{ type: 'minor', execution: 'sync' }]);
      assert.equal(collector.collections, 1);
      collector.touch();
      await delay(120);
      assert.equal(collector.collections, 2, 'the next idle moment after a request collects again');
    } finally {
      collector.stop();
    }
  });

  it('skips a young generation too small to be worth it', async () => {
    const calls: unknown[] = [];
    const collector = startIdleCollector(
      { idleMs: 10, minUsedBytes: 1024 * 1024 },
      (options) => calls.push(options),
      () => 1000,
    );
    try {
      await delay(60);
      assert.equal(calls.length, 0);
    } finally {
      collector.stop();
    }
  });

  it('is off without V8 gc() (node without --expose-gc), and says so', () => {
    const collector = startIdleCollector({}, undefined);
    assert.equal(collector.active, false);
    collector.touch();
    collector.stop();
  });

  it('reads the young generation from V8', () => {
    assert.ok(youngGenerationUsed() > 0);
  });
});
