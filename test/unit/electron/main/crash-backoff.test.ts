import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CrashBackoff, DEFAULT_CRASH_BACKOFF, type CrashAction } from '../../../../electron/main/crash-backoff.ts';

const options = { baseDelayMs: 1_000, maxDelayMs: 8_000, stableAfterMs: 60_000, loopCrashes: 5, loopWindowMs: 120_000 };

describe('crash backoff', () => {
  it('reload delays double from the base delay up to the cap', () => {
    const backoff = new CrashBackoff({ ...options, loopCrashes: 100 });
    // 40 s apart: never stable, never a loop.
    const delays = Array.from({ length: 6 }, (_, i) => backoff.onCrash(i * 40_000)).map((a) => (a.kind === 'reload' ? a.delayMs : -1));
    assert.deepEqual(delays, [1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
  });

  it('five crashes within the loop window relaunch the app, then counting starts over', () => {
    const backoff = new CrashBackoff(options);
    const actions = [0, 5_000, 10_000, 20_000, 30_000, 40_000].map((t) => backoff.onCrash(t));
    assert.deepEqual(
      actions.map((a) => a.kind),
      ['reload', 'reload', 'reload', 'reload', 'relaunch', 'reload'],
    );
    assert.deepEqual(actions[4], { kind: 'relaunch', crashes: 5 });
    assert.deepEqual(actions[5], { kind: 'reload', delayMs: 1_000, attempt: 1 });
  });

  it('crashes spread wider than the loop window never relaunch', () => {
    const backoff = new CrashBackoff(options);
    const kinds = Array.from({ length: 20 }, (_, i) => backoff.onCrash(i * 31_000).kind);
    assert.ok(kinds.every((k) => k === 'reload'));
  });

  it('a window that stayed up long enough starts again from the base delay', () => {
    const backoff = new CrashBackoff(options);
    backoff.onCrash(0);
    backoff.onCrash(1_000);
    assert.deepEqual(backoff.onCrash(2_000), { kind: 'reload', delayMs: 4_000, attempt: 3 });
    assert.deepEqual(backoff.onCrash(2_000 + 60_000), { kind: 'reload', delayMs: 1_000, attempt: 1 });
  });

  it('refuses options that make no sense', () => {
    assert.throws(() => new CrashBackoff({ ...options, baseDelayMs: 0 }), RangeError);
    assert.throws(() => new CrashBackoff({ ...options, maxDelayMs: 10 }), RangeError);
    assert.throws(() => new CrashBackoff({ ...options, loopCrashes: 1 }), RangeError);
  });

  it('property: delays stay within [base, max] and a relaunch needs loopCrashes crashes inside the window', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 200_000 }), { minLength: 1, maxLength: 60 }), (gaps) => {
        const backoff = new CrashBackoff(DEFAULT_CRASH_BACKOFF);
        let now = 0;
        let sinceRelaunch: number[] = [];
        for (const gap of gaps) {
          now += gap;
          const action: CrashAction = backoff.onCrash(now);
          sinceRelaunch = [...sinceRelaunch.filter((t) => now - t < DEFAULT_CRASH_BACKOFF.loopWindowMs), now];
          if (action.kind === 'reload') {
            assert.ok(action.delayMs >= DEFAULT_CRASH_BACKOFF.baseDelayMs && action.delayMs <= DEFAULT_CRASH_BACKOFF.maxDelayMs);
            assert.ok(sinceRelaunch.length < DEFAULT_CRASH_BACKOFF.loopCrashes);
          } else {
            assert.equal(sinceRelaunch.length, DEFAULT_CRASH_BACKOFF.loopCrashes);
            sinceRelaunch = [];
          }
        }
      }),
    );
  });
});
