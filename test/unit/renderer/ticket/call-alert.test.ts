/** When the ticket page alerts (renderer/ticket/call-alert.ts): each call and recall it sees happen, never a call found on opening. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { shouldAlert } from '../../../../renderer/ticket/call-alert.ts';

describe('ticket page call alert', () => {
  test('the call it sees happen, and each recall', () => {
    assert.equal(shouldAlert({ state: 'waiting', callCount: 0 }, { state: 'called', callCount: 1 }), true);
    assert.equal(shouldAlert({ state: 'called', callCount: 1 }, { state: 'called', callCount: 2 }), true);
    assert.equal(shouldAlert({ state: 'held', callCount: 1 }, { state: 'called', callCount: 2 }), true);
  });

  test('nothing for a call already made when the page opened, the same call again, or any other state', () => {
    assert.equal(shouldAlert(null, { state: 'called', callCount: 1 }), false);
    assert.equal(shouldAlert({ state: 'called', callCount: 1 }, { state: 'called', callCount: 1 }), false);
    assert.equal(shouldAlert({ state: 'called', callCount: 1 }, { state: 'serving', callCount: 1 }), false);
    assert.equal(shouldAlert({ state: 'waiting', callCount: 0 }, { state: 'waiting', callCount: 0 }), false);
    assert.equal(shouldAlert({ state: 'waiting', callCount: 0 }, { state: 'expired', callCount: 0 }), false);
  });
});
