import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StreamEvent } from '../../../../electron/common/wire.ts';
import { callsFromEvent } from '../../../../renderer/display/calls.ts';
import { windowFromEvent } from '../../../../renderer/rating/rating-window.ts';

const counters = [{ id: 'quay-3', number: 3 }];
const ev = (type: string, data: unknown, counterId: string | null = 'quay-3'): StreamEvent => ({ seq: 1, type, at: 1_000, ticketId: 't1', counterId, data });

describe('display announcements from stream events', () => {
  it('announces calls and recalls at the counter number', () => {
    assert.deepEqual(callsFromEvent(ev('ticket.called', { number: 'A015' }), counters), [{ number: 'A015', counterNumber: 3 }]);
    assert.deepEqual(callsFromEvent(ev('ticket.recalled', { number: 'A015' }), counters), [{ number: 'A015', counterNumber: 3 }]);
  });
  it('ignores other events and unknown counters', () => {
    assert.deepEqual(callsFromEvent(ev('service.started', { number: 'A015' }), counters), []);
    assert.deepEqual(callsFromEvent(ev('ticket.called', { number: 'A015' }, 'quay-9'), counters), []);
  });
});

describe('rating window from service.finished', () => {
  it('opens for the finished ticket at this counter only', () => {
    assert.deepEqual(windowFromEvent(ev('service.finished', {}), 'quay-3', 30), { ticketId: 't1', closesAt: 31_000 });
    assert.equal(windowFromEvent(ev('service.finished', {}), 'quay-1', 30), null);
    assert.equal(windowFromEvent(ev('ticket.called', {}), 'quay-3', 30), null);
  });
});
