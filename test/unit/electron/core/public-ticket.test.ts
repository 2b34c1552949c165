/**
 * The public ticket view (core/public-ticket.ts): the ticket's state as the page shows it, people
 * ahead and the wait only while waiting, the counter only while called or served, and `expired`
 * with nothing about the queue from the end of the business day (midnight in the hall's zone, or
 * the hall's end-of-day closing before it). Never a field the page's schema does not list.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { publicTicketView as viewSchema } from '../../../../electron/common/public-ticket-wire.ts';
import { callNext, openCounter, startService, transferTicket } from '../../../../electron/core/queue-engine.ts';
import { publicTicketExpiry, publicTicketView } from '../../../../electron/core/public-ticket.ts';
import { estimateWait } from '../../../../electron/core/wait-estimate.ts';
import { HallHarness, MONDAY, at, testHallConfig } from '../../../support/hall-config.fixture.ts';

function hall(): HallHarness {
  return new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
}

describe('publicTicketView', () => {
  test('waiting: people ahead and wait as the kiosk estimates them, no counter, live until midnight', () => {
    const h = hall();
    h.issue('ho-tich');
    h.issue('ho-tich');
    const mine = h.issue('ho-tich', { priority: 'elderly' });
    const view = publicTicketView(h.config, h.state, mine, h.clock.now());
    const estimate = estimateWait(h.config, h.state, 'ho-tich', 'elderly', mine);
    assert.equal(view.state, 'waiting');
    assert.equal(view.peopleAhead, estimate.peopleAhead);
    assert.equal(view.estimatedWaitMinutes, estimate.estimatedWaitMinutes);
    assert.equal(view.counterNumber, null);
    assert.equal(view.transferredToCounter, null);
    assert.equal(view.number, mine.number);
    assert.deepEqual(view.service, {
      vi: h.config.services.find((s) => s.id === 'ho-tich')?.name.vi,
      en: h.config.services.find((s) => s.id === 'ho-tich')?.name.en,
    });
    assert.equal(view.businessDate, '02/03/2026');
    assert.equal(view.expiresAt, at('2026-03-03', '00:00'));
    assert.equal(view.live, true);
    assert.doesNotThrow(() => viewSchema.parse(view));
    assert.ok(!JSON.stringify(view).includes(mine.id));
    assert.ok(!JSON.stringify(view).includes('elderly'));
  });

  test('transferred to a counter: waits for that counter alone, behind what it calls first, and the page names it', () => {
    const h = hall();
    // Quầy 3 serves Đất đai only; a Hộ tịch ticket is sent there from quầy 1.
    for (const serviceId of ['dat-dai', 'dat-dai']) {
      h.issue(serviceId);
      h.clock.advance(60_000);
    }
    const mine = h.issue('ho-tich');
    h.clock.advance(60_000);
    h.issue('ho-tich');
    h.apply(openCounter(h.config, h.state, 'quay-1', null, h.ctx));
    h.apply(callNext(h.config, h.state, 'quay-1', h.ctx));
    assert.equal(h.ticket(mine.id).counterId, 'quay-1');
    h.apply(transferTicket(h.config, h.state, { counterId: 'quay-1' }, { toServiceId: null, toCounterId: 'quay-3' }, h.ctx));
    h.clock.advance(60_000);
    h.issue('dat-dai'); // later than the transferred ticket's arrival: called after it
    const view = publicTicketView(h.config, h.state, h.ticket(mine.id), h.clock.now());
    // The two earlier Đất đai tickets, not the Hộ tịch queue (where it would be first).
    assert.equal(view.peopleAhead, 2);
    assert.equal(estimateWait(h.config, h.state, 'ho-tich', 'normal', h.ticket(mine.id)).peopleAhead, 0);
    const datDai = h.config.services.find((s) => s.id === 'dat-dai')?.defaultServiceMinutes ?? 0;
    assert.equal(view.estimatedWaitMinutes, Math.ceil(2 * datDai), 'each ticket ahead at its own queue’s time, one counter');
    assert.equal(view.transferredToCounter, h.config.counters.find((c) => c.id === 'quay-3')?.number);
    assert.doesNotThrow(() => viewSchema.parse(view));
  });

  test('called and served: the counter number; then done: final, no longer live', () => {
    const h = hall();
    const mine = h.issue('ho-tich');
    h.apply(openCounter(h.config, h.state, 'quay-1', null, h.ctx));
    h.apply(callNext(h.config, h.state, 'quay-1', h.ctx));
    const called = publicTicketView(h.config, h.state, h.ticket(mine.id), h.clock.now());
    const counter = h.config.counters.find((c) => c.id === 'quay-1')?.number;
    assert.deepEqual([called.state, called.counterNumber, called.callCount, called.peopleAhead, called.live], ['called', counter, 1, null, true]);
    h.apply(startService(h.config, h.state, 'quay-1', h.ctx));
    const serving = publicTicketView(h.config, h.state, h.ticket(mine.id), h.clock.now());
    assert.deepEqual([serving.state, serving.counterNumber], ['serving', counter]);
    const done = publicTicketView(h.config, h.state, { ...h.ticket(mine.id), status: 'done' }, h.clock.now());
    assert.deepEqual([done.state, done.counterNumber, done.live], ['done', null, false]);
  });

  test("expired at midnight in the hall's zone, whatever the ticket's status, with nothing about the queue", () => {
    const h = hall();
    const mine = h.issue('ho-tich');
    const midnight = publicTicketExpiry(mine.businessDate, h.config.schedule.timeZone);
    assert.equal(midnight, Date.parse('2026-03-02T17:00:00Z'), 'midnight in Asia/Ho_Chi_Minh is 17:00 UTC');
    assert.equal(publicTicketView(h.config, h.state, mine, midnight - 1).state, 'waiting');
    const expired = publicTicketView(h.config, h.state, mine, midnight);
    assert.deepEqual(
      [expired.state, expired.peopleAhead, expired.estimatedWaitMinutes, expired.counterNumber, expired.callCount, expired.live],
      ['expired', null, null, null, 0, false],
    );
    assert.equal(expired.number, mine.number, 'the page still says which ticket it was');
  });

  test('a ticket the hall closed at its end of day (end_of_day) is expired before midnight', () => {
    const h = hall();
    const mine = h.issue('ho-tich');
    const closed = { ...mine, status: 'end_of_day' as const };
    const view = publicTicketView(h.config, h.state, closed, h.clock.now());
    assert.equal(view.state, 'expired');
    assert.equal(view.live, false);
  });
});
