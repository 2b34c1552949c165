import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MIDNIGHT_GUARD_MS, msToClearMidnight } from '../../support/midnight-guard.ts';

const TZ = 'Asia/Ho_Chi_Minh';
/** 23:xx:yy Hanoi (UTC+7) on 23/11/2026 as epoch ms. */
const hanoi = (time: string): number => Date.parse(`2026-11-23T${time}+07:00`);

describe('midnight guard of the browser journeys', () => {
  it('goes at once during the day and until the guard window opens', () => {
    assert.equal(msToClearMidnight(hanoi('09:00:00'), TZ), 0);
    assert.equal(msToClearMidnight(hanoi('23:55:59.999'), TZ), 0);
    assert.equal(msToClearMidnight(Date.parse('2026-11-24T00:00:05+07:00'), TZ), 0, 'just after midnight');
  });

  it('inside the last minutes waits until 5 s past midnight, in the hall’s time zone', () => {
    assert.equal(msToClearMidnight(hanoi('23:56:00'), TZ), MIDNIGHT_GUARD_MS + 5_000);
    assert.equal(msToClearMidnight(hanoi('23:59:30.250'), TZ), 29_750 + 5_000);
    // 16:58 UTC is 23:58 in Hanoi but mid-afternoon nowhere near midnight in UTC.
    assert.equal(msToClearMidnight(Date.parse('2026-11-23T16:58:00Z'), TZ), 120_000 + 5_000);
    assert.equal(msToClearMidnight(Date.parse('2026-11-23T16:58:00Z'), 'UTC'), 0);
  });
});
