/**
 * Queue engine, the business day: end-of-day closing and the rollover to the next day.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '../../../../electron/common/errors.ts';
import type { DomainEvent } from '../../../../electron/common/events.ts';
import { callNext, closeDayIfDue, holdTicket, issueTicket, openCounter, startService } from '../../../../electron/core/queue-engine.ts';
import { HallHarness, MONDAY, SATURDAY, TUESDAY, at, issueCommand, testHallConfig } from '../../../support/hall-config.fixture.ts';

const types = (events: readonly DomainEvent[]) => events.map((e) => e.type);

/** Monday with a ticket in every open status and three counters in use. */
function busyMonday(): HallHarness {
  const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
  const { config } = hall;
  hall.issue('ho-tich'); // A001: will be serving at quay-1
  hall.issue('chung-thuc'); // B001: will be called at quay-2
  hall.issue('dat-dai'); // C001: will be held at quay-3
  hall.issue('ho-tich'); // A002: stays waiting
  hall.apply(openCounter(config, hall.state, 'quay-1', 'can-bo-1', hall.ctx));
  hall.apply(openCounter(config, hall.state, 'quay-2', 'can-bo-2', hall.ctx));
  hall.apply(openCounter(config, hall.state, 'quay-3', 'can-bo-3', hall.ctx));
  hall.apply(callNext(config, hall.state, 'quay-1', hall.ctx));
  hall.apply(startService(config, hall.state, 'quay-1', hall.ctx));
  hall.apply(callNext(config, hall.state, 'quay-2', hall.ctx));
  hall.apply(callNext(config, hall.state, 'quay-3', hall.ctx));
  hall.apply(holdTicket(config, hall.state, 'quay-3', hall.ctx));
  hall.apply(openCounter(config, hall.state, 'quay-4', 'can-bo-4', hall.ctx));
  return hall;
}

describe('business-day rollover on the first ticket of the next day', () => {
  test('day-1 tickets close as end_of_day with a day.closed event, before the new ticket', () => {
    const hall = busyMonday();
    assert.deepEqual([...hall.state.tickets.values()].map((t) => `${t.number}:${t.status}`).sort(), [
      'A001:serving',
      'A002:waiting',
      'B001:called',
      'C001:held',
    ]);
    hall.clock.set(at(TUESDAY, '07:20'));
    const events = issueTicket(hall.config, hall.state, issueCommand('ho-tich'), hall.ctx);
    assert.deepEqual(types(events), [
      'ticket.end_of_day',
      'ticket.end_of_day',
      'ticket.end_of_day',
      'ticket.end_of_day',
      'day.closed',
      'counter.closed',
      'counter.closed',
      'counter.closed',
      'counter.closed',
      'ticket.issued',
    ]);
    const endOfDay = events.filter((e) => e.type === 'ticket.end_of_day');
    assert.deepEqual(endOfDay.map((e) => (e.type === 'ticket.end_of_day' ? e.data.number : '')).sort(), ['A001', 'A002', 'B001', 'C001']);
    for (const e of endOfDay) {
      assert.equal(e.at, at(TUESDAY, '07:20'));
      assert.equal(e.type === 'ticket.end_of_day' && e.data.businessDate, MONDAY);
    }
    const dayClosed = events.find((e) => e.type === 'day.closed');
    assert.deepEqual(dayClosed?.data, { businessDate: MONDAY, closedTickets: 4 });
  });

  test('numbering restarts at 001 and nothing is carried over', () => {
    const hall = busyMonday();
    hall.clock.set(at(TUESDAY, '07:20'));
    const b1 = hall.issue('chung-thuc');
    assert.equal(b1.number, 'B001');
    assert.equal(b1.businessDate, TUESDAY);
    assert.equal(hall.state.businessDate, TUESDAY);
    assert.deepEqual([...hall.state.tickets.keys()], [b1.id]);
    assert.deepEqual([...hall.state.lastSeq], [['chung-thuc', 1]]);
    assert.deepEqual([...hall.state.issuedCount], [['chung-thuc', 1]]);
    assert.equal(hall.issue('ho-tich').number, 'A001');
  });

  test('counters are closed and released at the rollover', () => {
    const hall = busyMonday();
    assert.ok(hall.counter('quay-1').currentTicketId !== null);
    hall.clock.set(at(TUESDAY, '07:20'));
    hall.issue('ho-tich');
    for (const c of hall.state.counters.values()) {
      assert.equal(c.state, 'closed', c.id);
      assert.equal(c.currentTicketId, null, c.id);
      assert.equal(c.officerId, null, c.id);
      assert.equal(c.priorityStreak, 0, c.id);
    }
  });

  test('the daily quota starts afresh on the next day', () => {
    const config = testHallConfig({
      services: [
        { id: 'ho-tich', prefix: 'A', name: { vi: 'Hộ tịch', en: 'Civil status' }, dailyQuota: 1 },
        { id: 'chung-thuc', prefix: 'B', name: { vi: 'Chứng thực', en: 'Certification' } },
        { id: 'dat-dai', prefix: 'C', name: { vi: 'Đất đai', en: 'Land' } },
      ],
    });
    const hall = new HallHarness(config, at(MONDAY, '08:00'));
    hall.issue('ho-tich');
    assert.throws(
      () => issueTicket(config, hall.state, issueCommand('ho-tich'), hall.ctx),
      (e) => e instanceof DomainError && e.code === 'QUOTA_REACHED',
    );
    hall.clock.set(at(TUESDAY, '08:00'));
    assert.equal(hall.issue('ho-tich').number, 'A001');
  });

  test('a quiet rollover (nothing open, counters closed) emits only the new ticket', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    hall.issue('ho-tich');
    hall.apply(openCounter(hall.config, hall.state, 'quay-1', null, hall.ctx));
    hall.clock.set(at(MONDAY, '17:30'));
    hall.apply(closeDayIfDue(hall.config, hall.state, hall.ctx));
    hall.clock.set(at(TUESDAY, '07:30'));
    const events = issueTicket(hall.config, hall.state, issueCommand('ho-tich'), hall.ctx);
    assert.deepEqual(types(events), ['ticket.issued']);
    hall.apply(events);
    assert.equal(hall.ticket('A001').businessDate, TUESDAY);
  });

  test('a counter opened on the new day before its first ticket stays open', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    hall.issue('ho-tich');
    hall.apply(openCounter(hall.config, hall.state, 'quay-1', 'can-bo-1', hall.ctx));
    hall.apply(openCounter(hall.config, hall.state, 'quay-2', 'can-bo-2', hall.ctx));
    // Monday ends without an end-of-day run; quay-1 is open again early on Tuesday.
    hall.clock.set(at(TUESDAY, '07:05'));
    hall.apply(openCounter(hall.config, hall.state, 'quay-1', 'can-bo-5', hall.ctx));
    hall.clock.set(at(TUESDAY, '07:20'));
    const events = issueTicket(hall.config, hall.state, issueCommand('ho-tich'), hall.ctx);
    const closedCounters = events.filter((e) => e.type === 'counter.closed').map((e) => e.counterId);
    assert.deepEqual(closedCounters, ['quay-2']);
    hall.apply(events);
    assert.equal(hall.counter('quay-1').state, 'open');
    assert.equal(hall.counter('quay-1').officerId, 'can-bo-5');
    assert.equal(hall.counter('quay-2').state, 'closed');
  });

  test('after the evening end-of-day run, counters opened next morning survive the first ticket', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    hall.issue('ho-tich');
    hall.apply(openCounter(hall.config, hall.state, 'quay-1', 'can-bo-1', hall.ctx));
    hall.clock.set(at(MONDAY, '17:30'));
    hall.apply(closeDayIfDue(hall.config, hall.state, hall.ctx));
    hall.clock.set(at(TUESDAY, '07:00'));
    hall.apply(openCounter(hall.config, hall.state, 'quay-1', 'can-bo-1', hall.ctx));
    hall.clock.set(at(TUESDAY, '07:15'));
    const a1 = hall.issue('ho-tich');
    assert.equal(a1.number, 'A001');
    assert.equal(hall.counter('quay-1').state, 'open');
    hall.apply(callNext(hall.config, hall.state, 'quay-1', hall.ctx));
    assert.equal(hall.counter('quay-1').currentTicketId, a1.id);
  });
});

describe('closeDayIfDue', () => {
  test('nothing to do before the first ticket ever', () => {
    const hall = new HallHarness(testHallConfig(), at(TUESDAY, '20:00'));
    hall.apply(openCounter(hall.config, hall.state, 'quay-1', null, hall.ctx));
    assert.deepEqual(closeDayIfDue(hall.config, hall.state, hall.ctx), []);
  });

  test('not before endOfDayAt (closing time + grace)', () => {
    const hall = busyMonday();
    hall.clock.set(at(MONDAY, '17:30') - 1);
    assert.deepEqual(closeDayIfDue(hall.config, hall.state, hall.ctx), []);
    hall.clock.set(at(MONDAY, '17:00'));
    assert.deepEqual(closeDayIfDue(hall.config, hall.state, hall.ctx), []);
  });

  test('at endOfDayAt every open ticket closes as end_of_day and counters close', () => {
    const hall = busyMonday();
    hall.clock.set(at(MONDAY, '17:30'));
    const events = closeDayIfDue(hall.config, hall.state, hall.ctx);
    assert.equal(events.filter((e) => e.type === 'ticket.end_of_day').length, 4);
    assert.deepEqual(events.find((e) => e.type === 'day.closed')?.data, { businessDate: MONDAY, closedTickets: 4 });
    assert.deepEqual(
      events
        .filter((e) => e.type === 'counter.closed')
        .map((e) => e.counterId)
        .sort(),
      ['quay-1', 'quay-2', 'quay-3', 'quay-4'],
    );
    hall.apply(events);
    assert.equal(hall.state.tickets.size, 0);
    for (const c of hall.state.counters.values()) {
      assert.equal(c.state, 'closed');
      assert.equal(c.currentTicketId, null);
    }
    // The day stays the same until the next ticket, and a second run has nothing left to do.
    assert.equal(hall.state.businessDate, MONDAY);
    hall.clock.set(at(MONDAY, '18:00'));
    assert.deepEqual(closeDayIfDue(hall.config, hall.state, hall.ctx), []);
  });

  test('closes counters even when no ticket is left open', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    hall.issue('ho-tich');
    hall.apply(openCounter(hall.config, hall.state, 'quay-1', null, hall.ctx));
    hall.apply(callNext(hall.config, hall.state, 'quay-1', hall.ctx));
    hall.clock.set(at(MONDAY, '17:30'));
    hall.apply(closeDayIfDue(hall.config, hall.state, hall.ctx));
    hall.apply(openCounter(hall.config, hall.state, 'quay-2', null, hall.ctx));
    hall.clock.set(at(MONDAY, '17:45'));
    const events = closeDayIfDue(hall.config, hall.state, hall.ctx);
    assert.deepEqual(types(events), ['day.closed', 'counter.closed']);
    assert.deepEqual(events[0]?.data, { businessDate: MONDAY, closedTickets: 0 });
  });

  test('Saturday closes at 12:00 (11:30 + 30 minutes grace)', () => {
    const hall = new HallHarness(testHallConfig(), at(SATURDAY, '08:00'));
    hall.issue('dat-dai');
    hall.clock.set(at(SATURDAY, '11:59'));
    assert.deepEqual(closeDayIfDue(hall.config, hall.state, hall.ctx), []);
    hall.clock.set(at(SATURDAY, '12:00'));
    assert.deepEqual(types(closeDayIfDue(hall.config, hall.state, hall.ctx)), ['ticket.end_of_day', 'day.closed']);
  });

  test('due as soon as the calendar moved on, even before the new day opens', () => {
    const hall = new HallHarness(testHallConfig({ schedule: { endOfDayGraceMinutes: 240 } }), at(MONDAY, '16:00'));
    hall.issue('ho-tich');
    hall.clock.set(at(MONDAY, '20:59'));
    assert.deepEqual(closeDayIfDue(hall.config, hall.state, hall.ctx), []);
    hall.clock.set(at(TUESDAY, '00:00'));
    assert.deepEqual(types(closeDayIfDue(hall.config, hall.state, hall.ctx)), ['ticket.end_of_day', 'day.closed']);
  });
});
