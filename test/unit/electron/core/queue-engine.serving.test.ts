/**
 * Queue engine, calling and serving: call next, call a specific ticket, recall, start, finish
 * and no-show, with their error codes.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SERVICE_OUTCOMES } from '../../../../electron/common/domain.ts';
import { DomainError, type ErrorCode } from '../../../../electron/common/errors.ts';
import {
  callNext,
  callTicket,
  finishService,
  holdTicket,
  markNoShow,
  openCounter,
  pauseCounter,
  recall,
  startService,
} from '../../../../electron/core/queue-engine.ts';
import { foldEvents } from '../../../../electron/core/hall-state.ts';
import { HallHarness, MINUTE, MONDAY, at, testHallConfig } from '../../../support/hall-config.fixture.ts';
import { openDemoHall } from '../../../support/hall-server.ts';

const isCode = (code: ErrorCode) => (e: unknown) => e instanceof DomainError && e.code === code;

/** Monday 08:00 with A001, A002 (ho-tich), B001 (chung-thuc) waiting and quay-1 open. */
function morning(): HallHarness {
  const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
  hall.issue('ho-tich');
  hall.clock.advance(MINUTE);
  hall.issue('ho-tich');
  hall.issue('chung-thuc');
  hall.apply(openCounter(hall.config, hall.state, 'quay-1', 'can-bo-1', hall.ctx));
  hall.clock.set(at(MONDAY, '08:10'));
  return hall;
}

describe('callNext', () => {
  test('calls the head of the queue and makes it the counter’s current ticket', () => {
    const hall = morning();
    const events = callNext(hall.config, hall.state, 'quay-1', hall.ctx);
    assert.equal(events.length, 1);
    const [e] = events;
    assert.equal(e?.type, 'ticket.called');
    assert.equal(e?.counterId, 'quay-1');
    assert.deepEqual(e?.data, { number: 'A001', serviceId: 'ho-tich', priority: 'normal', officerId: 'can-bo-1', callCount: 1, how: 'next' });
    hall.apply(events);
    const t = hall.ticket('A001');
    assert.equal(t.status, 'called');
    assert.equal(t.counterId, 'quay-1');
    assert.equal(t.officerId, 'can-bo-1');
    assert.equal(t.firstCalledAt, at(MONDAY, '08:10'));
    assert.equal(t.lastCalledAt, at(MONDAY, '08:10'));
    assert.equal(t.callCount, 1);
    assert.equal(hall.counter('quay-1').currentTicketId, t.id);
  });

  test('COUNTER_CLOSED at a closed or paused counter', () => {
    const hall = morning();
    assert.throws(() => callNext(hall.config, hall.state, 'quay-4', hall.ctx), isCode('COUNTER_CLOSED'));
    hall.apply(pauseCounter(hall.config, hall.state, 'quay-1', 'nghỉ giải lao', hall.ctx));
    assert.throws(() => callNext(hall.config, hall.state, 'quay-1', hall.ctx), isCode('COUNTER_CLOSED'));
  });

  test('COUNTER_BUSY while a ticket is called or being served', () => {
    const hall = morning();
    hall.apply(callNext(hall.config, hall.state, 'quay-1', hall.ctx));
    assert.throws(() => callNext(hall.config, hall.state, 'quay-1', hall.ctx), isCode('COUNTER_BUSY'));
    hall.apply(startService(hall.config, hall.state, 'quay-1', hall.ctx));
    assert.throws(() => callNext(hall.config, hall.state, 'quay-1', hall.ctx), isCode('COUNTER_BUSY'));
  });

  test('NO_TICKET_WAITING when the counter’s queues are empty', () => {
    const hall = morning();
    hall.apply(openCounter(hall.config, hall.state, 'quay-3', null, hall.ctx));
    assert.throws(() => callNext(hall.config, hall.state, 'quay-3', hall.ctx), isCode('NO_TICKET_WAITING'));
  });

  test('UNKNOWN_COUNTER for a counter that is not configured', () => {
    const hall = morning();
    assert.throws(() => callNext(hall.config, hall.state, 'quay-9', hall.ctx), isCode('UNKNOWN_COUNTER'));
  });
});

describe('callTicket', () => {
  test('calls a chosen ticket by number, out of queue order', () => {
    const hall = morning();
    const [e] = callTicket(hall.config, hall.state, 'quay-1', { number: 'A002' }, hall.ctx);
    assert.equal(e?.type === 'ticket.called' && e.data.how, 'specific');
    hall.apply([e!]);
    assert.equal(hall.ticket('A002').status, 'called');
    assert.equal(hall.ticket('A001').status, 'waiting');
  });

  test('calls a chosen ticket by id', () => {
    const hall = morning();
    const a2 = hall.ticket('A002');
    hall.apply(callTicket(hall.config, hall.state, 'quay-1', { ticketId: a2.id }, hall.ctx));
    assert.equal(hall.counter('quay-1').currentTicketId, a2.id);
  });

  test('SERVICE_NOT_AT_COUNTER for a queue the counter does not serve', () => {
    const hall = morning();
    assert.throws(
      () => callTicket(hall.config, hall.state, 'quay-1', { number: 'B001' }, hall.ctx),
      (e) => isCode('SERVICE_NOT_AT_COUNTER')(e) && (e as DomainError).details.number === 'B001',
    );
  });

  test('UNKNOWN_TICKET, COUNTER_BUSY, COUNTER_CLOSED', () => {
    const hall = morning();
    assert.throws(() => callTicket(hall.config, hall.state, 'quay-1', { number: 'A099' }, hall.ctx), isCode('UNKNOWN_TICKET'));
    assert.throws(() => callTicket(hall.config, hall.state, 'quay-4', { number: 'A001' }, hall.ctx), isCode('COUNTER_CLOSED'));
    hall.apply(callNext(hall.config, hall.state, 'quay-1', hall.ctx));
    assert.throws(() => callTicket(hall.config, hall.state, 'quay-1', { number: 'A002' }, hall.ctx), isCode('COUNTER_BUSY'));
  });

  test('INVALID_TICKET_STATE for a ticket already called elsewhere', () => {
    const hall = morning();
    hall.apply(callNext(hall.config, hall.state, 'quay-1', hall.ctx));
    hall.apply(openCounter(hall.config, hall.state, 'quay-4', null, hall.ctx));
    assert.throws(() => callTicket(hall.config, hall.state, 'quay-4', { number: 'A001' }, hall.ctx), isCode('INVALID_TICKET_STATE'));
  });

  test('a held ticket is callable again at its counter, keeping its first call time', () => {
    const hall = morning();
    hall.apply(callNext(hall.config, hall.state, 'quay-1', hall.ctx));
    hall.apply(holdTicket(hall.config, hall.state, 'quay-1', hall.ctx));
    hall.clock.set(at(MONDAY, '08:30'));
    hall.apply(callTicket(hall.config, hall.state, 'quay-1', { number: 'A001' }, hall.ctx));
    const t = hall.ticket('A001');
    assert.equal(t.status, 'called');
    assert.equal(t.callCount, 2);
    assert.equal(t.firstCalledAt, at(MONDAY, '08:10'));
    assert.equal(t.lastCalledAt, at(MONDAY, '08:30'));
    assert.equal(hall.counter('quay-1').currentTicketId, t.id);
  });
});

describe('recall', () => {
  test('increments callCount, moves lastCalledAt and keeps firstCalledAt', () => {
    const hall = morning();
    hall.apply(callNext(hall.config, hall.state, 'quay-1', hall.ctx));
    hall.clock.advance(MINUTE);
    const events = recall(hall.config, hall.state, 'quay-1', hall.ctx);
    assert.deepEqual(
      events.map((e) => e.type),
      ['ticket.recalled'],
    );
    assert.deepEqual(events[0]?.data, { number: 'A001', callCount: 2 });
    hall.apply(events);
    hall.clock.advance(MINUTE);
    hall.apply(recall(hall.config, hall.state, 'quay-1', hall.ctx));
    const t = hall.ticket('A001');
    assert.equal(t.callCount, 3);
    assert.equal(t.status, 'called');
    assert.equal(t.firstCalledAt, at(MONDAY, '08:10'));
    assert.equal(t.lastCalledAt, at(MONDAY, '08:12'));
  });

  test('NO_CURRENT_TICKET, INVALID_TICKET_STATE once serving, COUNTER_CLOSED', () => {
    const hall = morning();
    assert.throws(() => recall(hall.config, hall.state, 'quay-1', hall.ctx), isCode('NO_CURRENT_TICKET'));
    assert.throws(() => recall(hall.config, hall.state, 'quay-2', hall.ctx), isCode('COUNTER_CLOSED'));
    hall.apply(callNext(hall.config, hall.state, 'quay-1', hall.ctx));
    hall.apply(startService(hall.config, hall.state, 'quay-1', hall.ctx));
    assert.throws(() => recall(hall.config, hall.state, 'quay-1', hall.ctx), isCode('INVALID_TICKET_STATE'));
  });
});

describe('startService and finishService', () => {
  test('start moves the called ticket to serving', () => {
    const hall = morning();
    hall.apply(callNext(hall.config, hall.state, 'quay-1', hall.ctx));
    hall.clock.advance(MINUTE);
    hall.apply(startService(hall.config, hall.state, 'quay-1', hall.ctx));
    const t = hall.ticket('A001');
    assert.equal(t.status, 'serving');
    assert.equal(t.startedAt, at(MONDAY, '08:11'));
    assert.throws(() => startService(hall.config, hall.state, 'quay-1', hall.ctx), isCode('INVALID_TICKET_STATE'));
  });

  test('NO_CURRENT_TICKET and finishing a ticket that was not started', () => {
    const hall = morning();
    assert.throws(() => startService(hall.config, hall.state, 'quay-1', hall.ctx), isCode('NO_CURRENT_TICKET'));
    assert.throws(() => finishService(hall.config, hall.state, 'quay-1', 'received_dossier', hall.ctx), isCode('NO_CURRENT_TICKET'));
    hall.apply(callNext(hall.config, hall.state, 'quay-1', hall.ctx));
    assert.throws(() => finishService(hall.config, hall.state, 'quay-1', 'received_dossier', hall.ctx), isCode('INVALID_TICKET_STATE'));
  });

  for (const outcome of SERVICE_OUTCOMES) {
    test(`finish with ${outcome}: computes serviceMs, closes the ticket and frees the counter`, () => {
      const hall = morning();
      hall.apply(callNext(hall.config, hall.state, 'quay-1', hall.ctx));
      const id = hall.counter('quay-1').currentTicketId;
      hall.apply(startService(hall.config, hall.state, 'quay-1', hall.ctx));
      hall.clock.advance(7 * MINUTE + 500);
      const events = finishService(hall.config, hall.state, 'quay-1', outcome, hall.ctx);
      assert.deepEqual(events[0]?.data, { number: 'A001', outcome, officerId: 'can-bo-1', serviceId: 'ho-tich', serviceMs: 7 * MINUTE + 500 });
      const after = hall.apply(events);
      assert.equal(after.tickets.has(id!), false);
      assert.equal(hall.counter('quay-1').currentTicketId, null);
      assert.deepEqual(hall.state.recentServiceMs.get('ho-tich'), [7 * MINUTE + 500]);
      // The counter can call again.
      hall.apply(callNext(hall.config, hall.state, 'quay-1', hall.ctx));
      assert.equal(hall.ticket('A002').status, 'called');
    });
  }

  test('the procedure the officer names at the finish becomes the ticket’s; an unknown one is refused', () => {
    const hall = new HallHarness(openDemoHall(), at(MONDAY, '08:00'));
    const quick = hall.issue('ho-tich'); // the quick path: no procedure
    assert.equal(quick.procedureId, null);
    hall.apply(openCounter(hall.config, hall.state, 'quay-1', null, hall.ctx));
    hall.apply(callNext(hall.config, hall.state, 'quay-1', hall.ctx));
    hall.apply(startService(hall.config, hall.state, 'quay-1', hall.ctx));
    assert.throws(() => finishService(hall.config, hall.state, 'quay-1', 'received_dossier', hall.ctx, 'khong-co'), isCode('UNKNOWN_PROCEDURE'));
    const events = finishService(hall.config, hall.state, 'quay-1', 'received_dossier', hall.ctx, 'dang-ky-khai-sinh');
    assert.equal(events[0]?.type === 'service.finished' && events[0].data.procedureId, 'dang-ky-khai-sinh');
    const done = foldEvents(hall.config, hall.state, events).tickets.find((t) => t.id === quick.id);
    assert.deepEqual([done?.status, done?.procedureId], ['done', 'dang-ky-khai-sinh']);
  });

  test('recent service times are kept per queue and capped at recentServiceSample (3)', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    for (let i = 0; i < 4; i += 1) hall.issue('ho-tich');
    hall.issue('chung-thuc');
    hall.apply(openCounter(hall.config, hall.state, 'quay-1', null, hall.ctx));
    hall.apply(openCounter(hall.config, hall.state, 'quay-2', null, hall.ctx));
    const serve = (counterId: string, minutes: number) => {
      hall.apply(callNext(hall.config, hall.state, counterId, hall.ctx));
      hall.apply(startService(hall.config, hall.state, counterId, hall.ctx));
      hall.clock.advance(minutes * MINUTE);
      hall.apply(finishService(hall.config, hall.state, counterId, 'returned_result', hall.ctx));
    };
    serve('quay-1', 1);
    serve('quay-1', 2);
    serve('quay-2', 9);
    serve('quay-1', 3);
    assert.deepEqual(
      hall.state.recentServiceMs.get('ho-tich'),
      [1, 2, 3].map((m) => m * MINUTE),
    );
    serve('quay-1', 4);
    assert.deepEqual(
      hall.state.recentServiceMs.get('ho-tich'),
      [2, 3, 4].map((m) => m * MINUTE),
    );
    assert.deepEqual(hall.state.recentServiceMs.get('chung-thuc'), [9 * MINUTE]);
  });
});

describe('markNoShow', () => {
  test('closes a called ticket as no_show and frees the counter', () => {
    const hall = morning();
    hall.apply(callNext(hall.config, hall.state, 'quay-1', hall.ctx));
    const id = hall.counter('quay-1').currentTicketId!;
    const events = markNoShow(hall.config, hall.state, 'quay-1', hall.ctx);
    assert.deepEqual(
      events.map((e) => e.type),
      ['ticket.no_show'],
    );
    assert.equal(events[0]?.ticketId, id);
    hall.apply(events);
    assert.equal(hall.state.tickets.has(id), false);
    assert.equal(hall.counter('quay-1').currentTicketId, null);
  });

  test('only a called ticket can be a no-show', () => {
    const hall = morning();
    assert.throws(() => markNoShow(hall.config, hall.state, 'quay-1', hall.ctx), isCode('NO_CURRENT_TICKET'));
    hall.apply(callNext(hall.config, hall.state, 'quay-1', hall.ctx));
    hall.apply(startService(hall.config, hall.state, 'quay-1', hall.ctx));
    assert.throws(() => markNoShow(hall.config, hall.state, 'quay-1', hall.ctx), isCode('INVALID_TICKET_STATE'));
  });
});
