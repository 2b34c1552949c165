import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ageOn } from '../../../../renderer/kiosk/age.ts';
import { idlePhase, MIN_WARNING_MS } from '../../../../renderer/kiosk/idle.ts';

describe('age on the business date', () => {
  it('computes age on the business date, birthday included', () => {
    assert.equal(ageOn('15/08/1960', '2020-08-14'), 59);
    assert.equal(ageOn('15/08/1960', '2020-08-15'), 60);
    assert.equal(ageOn('bad', '2020-08-15'), null);
  });
});

describe('kiosk idle timeout', () => {
  it('warns for at least 20 s before ending the session', () => {
    assert.deepEqual(idlePhase(0, 59_999, 60_000, 25_000), { kind: 'active' });
    assert.deepEqual(idlePhase(0, 60_000, 60_000, 25_000), { kind: 'warning', secondsLeft: 25 });
    assert.deepEqual(idlePhase(0, 84_999, 60_000, 25_000), { kind: 'warning', secondsLeft: 1 });
    assert.deepEqual(idlePhase(0, 85_000, 60_000, 25_000), { kind: 'expired' });
  });
  it('a shorter configured warning is raised to the minimum', () => {
    assert.deepEqual(idlePhase(0, 60_000 + MIN_WARNING_MS - 1, 60_000, 5_000), { kind: 'warning', secondsLeft: 1 });
  });
});
