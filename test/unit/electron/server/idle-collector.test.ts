import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { youngGenerationCollection, youngGenerationUsed } from '../../../../electron/server/idle-collector.ts';

describe('young-generation collection as an idle job', () => {
  it('asks V8 for a minor collection when the young generation holds enough', () => {
    const calls: unknown[] = [];
    const job = youngGenerationCollection(
      1024,
      (options) => calls.push(options),
      () => 5_000_000,
    );
    assert.ok(job !== null);
    job.run();
    assert.deepEqual(calls, [{ type: 'minor', execution: 'sync' }]);
  });

  it('skips a young generation too small to be worth it', () => {
    const calls: unknown[] = [];
    const job = youngGenerationCollection(
      1024 * 1024,
      (options) => calls.push(options),
      () => 1000,
    );
    job?.run();
    assert.equal(calls.length, 0);
  });

  it('is no job without V8 gc() (node without --expose-gc)', () => {
    assert.equal(youngGenerationCollection(1024, undefined), null);
  });

  it('reads the young generation from V8', () => {
    assert.ok(youngGenerationUsed() > 0);
  });
});
