import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nearestRank, tailInBlocks } from '../../bench/p99-tail.ts';

/** 200 samples in blocks of 100, all different: about 1 ms, the first of each block (after the gap) 10 ms. */
function blocks(): number[] {
  return Array.from({ length: 200 }, (_, i) => (i % 100 === 0 ? 10 : 1 + i / 1000));
}

const counts = (t: ReturnType<typeof tailInBlocks>) => ({ count: t.count, ...t.where });

describe('nearest-rank percentile', () => {
  it('is the ceil(p·n)-th smallest sample', () => {
    const sorted = Array.from({ length: 200 }, (_, i) => i + 1);
    assert.equal(nearestRank(sorted, 99), 198);
    assert.equal(nearestRank(sorted, 50), 100);
    assert.equal(nearestRank([5], 99), 5);
    assert.ok(Number.isNaN(nearestRank([], 99)));
  });
});

describe('what lifts the p99 in alternating blocks', () => {
  it('with the first of each block slowest, the p99 is the slowest sample inside a block and nothing lifts it', () => {
    const tail = tailInBlocks({ clientMs: blocks() }, 100);
    assert.equal(tail.p99Ms, 1.199);
    assert.deepEqual(tail, { p99Ms: 1.199, count: 0, where: null }); // no server times: nothing said about where
  });

  it('counts the samples inside the blocks slower than the p99, never the first of a block, and says where each spent its time', () => {
    const clientMs = blocks();
    const serverMs = clientMs.map((ms) => ms * 0.6);
    const syncMs = clientMs.map(() => 0.1);
    clientMs[10] = 12; // most of it outside the server
    serverMs[10] = 1;
    clientMs[20] = 11; // most of the server's time waiting for the sync
    serverMs[20] = 9;
    syncMs[20] = 6;
    clientMs[150] = 9; // handled slowly
    serverMs[150] = 6;
    syncMs[150] = 0.5;
    const tail = tailInBlocks({ clientMs, serverMs, syncMs }, 100);
    // The p99 of 200 is the 3rd slowest: 12, 11, then the first of the blocks (10).
    assert.equal(tail.p99Ms, 10);
    assert.deepEqual(counts(tail), { count: 2, outsideServer: 1, sync: 1, handling: 0 });
    // Faster first issues after the gaps: now all three lift the p99, and it is one of them.
    clientMs[0] = 1;
    clientMs[100] = 1;
    const lifted = tailInBlocks({ clientMs, serverMs, syncMs }, 100);
    assert.equal(lifted.p99Ms, 9);
    assert.deepEqual(counts(lifted), { count: 2, outsideServer: 1, sync: 1, handling: 0 });
    // The slowly handled one now the slowest: it and the one outside the server lift the p99 (11).
    clientMs[150] = 13;
    serverMs[150] = 7;
    const handled = tailInBlocks({ clientMs, serverMs, syncMs }, 100);
    assert.equal(handled.p99Ms, 11);
    assert.deepEqual(counts(handled), { count: 2, outsideServer: 1, sync: 0, handling: 1 });
  });

  it('counts a sample without a server time, without saying where it spent it', () => {
    const clientMs = blocks();
    clientMs[5] = 20;
    const tail = tailInBlocks({ clientMs, serverMs: clientMs.map(() => Number.NaN) }, 100);
    assert.deepEqual(counts(tail), { count: 1, outsideServer: 0, sync: 0, handling: 0 });
  });
});
