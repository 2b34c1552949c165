/**
 * Queue engine, moving tickets: hold, return first/last, transfer and cancel.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError, type ErrorCode } from '../../../../electron/common/errors.ts';
import { chooseNext } from '../../../../electron/core/call-policy.ts';
import {
  callNext,
  callTicket,
  cancelTicket,
  holdTicket,
  markNoShow,
  openCounter,
  returnTicket,
  startService,
  transferTicket,
} from '../../../../electron/core/queue-engine.ts';
import { HallHarness, MINUTE, MONDAY, at, testHallConfig } from '../../../support/hall-config.fixture.ts';

const isCode = (code: ErrorCode) => (e: unknown) => e instanceof DomainError && e.code === code;

/** ho-tich tickets A001..A00n issued one minute apart from 08:00, quay-1 open, clock at 08:10. */
function queue(n: number): HallHarness {
  const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
  for (let i = 0; i < n; i += 1) {
    hall.issue('ho-tich');
    hall.clock.advance(MINUTE);
  }
  hall.apply(openCounter(hall.config, hall.state, 'quay-1', 'can-bo-1', hall.ctx));
  hall.clock.set(at(MONDAY, '08:10'));
  return hall;
}

/** Call every waiting ticket at the counter in turn (released as no-show); returns the numbers. */
function drain(hall: HallHarness, counterId: string): string[] {
  const numbers: string[] = [];
  while (chooseNext(hall.config, hall.state, counterId, hall.ctx.now)) {
    hall.apply(callNext(hall.config, hall.state, counterId, hall.ctx));
    numbers.push(hall.state.tickets.get(hall.counter(counterId).currentTicketId!)!.number);
    hall.apply(markNoShow(hall.config, hall.state, counterId, hall.ctx));
    hall.clock.advance(1000);
  }
  return numbers;
}

function holdAt(hall: HallHarness, counterId: string, number: string): void {
  hall.apply(callTicket(hall.config, hall.state, counterId, { number }, hall.ctx));
  hall.apply(holdTicket(hall.config, hall.state, counterId, hall.ctx));
}

describe('holdTicket', () => {
  test('parks a called ticket: held, counter freed, the ticket keeps its counter', () => {
    const hall = queue(2);
    hall.apply(callNext(hall.config, hall.state, 'quay-1', hall.ctx));
    hall.apply(holdTicket(hall.config, hall.state, 'quay-1', hall.ctx));
    const t = hall.ticket('A001');
    assert.equal(t.status, 'held');
    assert.equal(t.counterId, 'quay-1');
    assert.equal(hall.counter('quay-1').currentTicketId, null);
    // A held ticket is not called by call-next.
    assert.deepEqual(drain(hall, 'quay-1'), ['A002']);
    assert.equal(hall.ticket('A001').status, 'held');
  });

  test('parks a ticket being served', () => {
    const hall = queue(1);
    hall.apply(callNext(hall.config, hall.state, 'quay-1', hall.ctx));
    hall.apply(startService(hall.config, hall.state, 'quay-1', hall.ctx));
    hall.apply(holdTicket(hall.config, hall.state, 'quay-1', hall.ctx));
    assert.equal(hall.ticket('A001').status, 'held');
  });

  test('NO_CURRENT_TICKET without a current ticket', () => {
    const hall = queue(1);
    assert.throws(() => holdTicket(hall.config, hall.state, 'quay-1', hall.ctx), isCode('NO_CURRENT_TICKET'));
  });
});

describe('returnTicket', () => {
  test('"first" puts the ticket ahead of earlier-queued waiting tickets of its queue', () => {
    const hall = queue(4);
    holdAt(hall, 'quay-1', 'A003');
    hall.clock.set(at(MONDAY, '08:20'));
    const events = returnTicket(hall.config, hall.state, hall.ticket('A003').id, 'first', hall.ctx);
    assert.equal(events[0]?.type, 'ticket.returned');
    const data = events[0]?.type === 'ticket.returned' ? events[0].data : null;
    assert.equal(data?.position, 'first');
    assert.ok(data !== null && data.queuedAt < at(MONDAY, '08:00'), 'queued before A001');
    hall.apply(events);
    const t = hall.ticket('A003');
    assert.equal(t.status, 'waiting');
    assert.equal(t.counterId, null);
    assert.equal(t.issuedAt, at(MONDAY, '08:02'));
    assert.deepEqual(drain(hall, 'quay-1'), ['A003', 'A001', 'A002', 'A004']);
  });

  test('"first" keeps the ticket’s own arrival when it is already the earliest', () => {
    const hall = queue(3);
    holdAt(hall, 'quay-1', 'A001');
    const [e] = returnTicket(hall.config, hall.state, hall.ticket('A001').id, 'first', hall.ctx);
    assert.equal(e?.type === 'ticket.returned' && e.data.queuedAt, at(MONDAY, '08:00'));
  });

  test('"first" is the front of its class: the priority interleave still applies', () => {
    const hall = queue(2);
    hall.issue('ho-tich', { priority: 'elderly' }); // A003
    holdAt(hall, 'quay-1', 'A001');
    hall.apply(returnTicket(hall.config, hall.state, hall.ticket('A001').id, 'first', hall.ctx));
    // The priority streak is 0, so the elderly A003 still goes first; A001 heads the normal class.
    assert.equal(hall.counter('quay-1').priorityStreak, 0);
    assert.deepEqual(drain(hall, 'quay-1'), ['A003', 'A001', 'A002']);
  });

  test('"last" puts the ticket behind everyone waiting, and ahead of later arrivals', () => {
    const hall = queue(3);
    holdAt(hall, 'quay-1', 'A001');
    hall.clock.set(at(MONDAY, '08:20'));
    hall.apply(returnTicket(hall.config, hall.state, hall.ticket('A001').id, 'last', hall.ctx));
    assert.equal(hall.ticket('A001').queuedAt, at(MONDAY, '08:20'));
    hall.clock.set(at(MONDAY, '08:21'));
    hall.issue('ho-tich'); // A004, after the return
    assert.deepEqual(drain(hall, 'quay-1'), ['A002', 'A003', 'A001', 'A004']);
  });

  test('only a held ticket can be returned', () => {
    const hall = queue(2);
    assert.throws(() => returnTicket(hall.config, hall.state, hall.ticket('A001').id, 'first', hall.ctx), isCode('INVALID_TICKET_STATE'));
    assert.throws(() => returnTicket(hall.config, hall.state, 'no-such-id', 'last', hall.ctx), isCode('UNKNOWN_TICKET'));
  });
});

describe('transferTicket', () => {
  test('moves the counter’s current ticket to another queue, keeping its original arrival', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '07:50'));
    hall.issue('chung-thuc'); // B001 07:50
    hall.clock.set(at(MONDAY, '08:00'));
    hall.issue('ho-tich'); // A001 08:00
    hall.clock.set(at(MONDAY, '08:05'));
    hall.issue('chung-thuc'); // B002 08:05
    hall.apply(openCounter(hall.config, hall.state, 'quay-1', 'can-bo-1', hall.ctx));
    hall.apply(openCounter(hall.config, hall.state, 'quay-2', 'can-bo-2', hall.ctx));
    hall.clock.set(at(MONDAY, '08:20'));
    hall.apply(callNext(hall.config, hall.state, 'quay-1', hall.ctx));
    hall.apply(startService(hall.config, hall.state, 'quay-1', hall.ctx));
    const events = transferTicket(hall.config, hall.state, { counterId: 'quay-1' }, { toServiceId: 'chung-thuc', toCounterId: null }, hall.ctx);
    assert.deepEqual(
      events.map((e) => e.type),
      ['ticket.transferred'],
    );
    assert.deepEqual(events[0]?.data, { number: 'A001', fromServiceId: 'ho-tich', toServiceId: 'chung-thuc', toCounterId: null });
    hall.apply(events);
    const t = hall.ticket('A001');
    assert.equal(t.status, 'waiting');
    assert.equal(t.serviceId, 'chung-thuc');
    assert.equal(t.issuedServiceId, 'ho-tich');
    assert.equal(t.number, 'A001');
    assert.equal(t.counterId, null);
    assert.equal(t.startedAt, null);
    assert.equal(t.queuedAt, at(MONDAY, '08:00'));
    assert.equal(hall.counter('quay-1').currentTicketId, null);
    // Behind the earlier B001, ahead of the later B002.
    assert.deepEqual(drain(hall, 'quay-2'), ['B001', 'A001', 'B002']);
  });

  test('a ticket returned "last" goes back to its arrival order when transferred', () => {
    const hall = queue(3);
    holdAt(hall, 'quay-1', 'A001');
    hall.apply(returnTicket(hall.config, hall.state, hall.ticket('A001').id, 'last', hall.ctx));
    hall.apply(transferTicket(hall.config, hall.state, { ticketId: hall.ticket('A001').id }, { toServiceId: 'dat-dai', toCounterId: null }, hall.ctx));
    assert.equal(hall.ticket('A001').queuedAt, at(MONDAY, '08:00'));
  });

  test('to a specific counter: reserved for that counter only', () => {
    const hall = queue(2);
    hall.apply(callNext(hall.config, hall.state, 'quay-1', hall.ctx));
    hall.apply(transferTicket(hall.config, hall.state, { counterId: 'quay-1' }, { toServiceId: null, toCounterId: 'quay-4' }, hall.ctx));
    const t = hall.ticket('A001');
    assert.equal(t.targetCounterId, 'quay-4');
    assert.equal(t.serviceId, 'ho-tich');
    assert.deepEqual(drain(hall, 'quay-1'), ['A002']);
    hall.apply(openCounter(hall.config, hall.state, 'quay-4', null, hall.ctx));
    assert.deepEqual(drain(hall, 'quay-4'), ['A001']);
  });

  test('a waiting ticket by id: no counter is touched', () => {
    const hall = queue(2);
    hall.apply(callNext(hall.config, hall.state, 'quay-1', hall.ctx));
    const current = hall.counter('quay-1').currentTicketId;
    hall.apply(transferTicket(hall.config, hall.state, { ticketId: hall.ticket('A002').id }, { toServiceId: 'dat-dai', toCounterId: null }, hall.ctx));
    assert.equal(hall.ticket('A002').serviceId, 'dat-dai');
    assert.equal(hall.counter('quay-1').currentTicketId, current);
  });

  test('a held ticket by id: waiting in the new queue, its old counter keeps its new current ticket', () => {
    const hall = queue(2);
    holdAt(hall, 'quay-1', 'A001');
    hall.apply(callNext(hall.config, hall.state, 'quay-1', hall.ctx)); // A002
    const a2 = hall.ticket('A002').id;
    hall.apply(transferTicket(hall.config, hall.state, { ticketId: hall.ticket('A001').id }, { toServiceId: 'chung-thuc', toCounterId: null }, hall.ctx));
    assert.equal(hall.ticket('A001').status, 'waiting');
    assert.equal(hall.ticket('A001').serviceId, 'chung-thuc');
    assert.equal(hall.counter('quay-1').currentTicketId, a2);
  });

  test('validation: a target is required and must exist', () => {
    const hall = queue(1);
    const id = hall.ticket('A001').id;
    assert.throws(
      () => transferTicket(hall.config, hall.state, { ticketId: id }, { toServiceId: null, toCounterId: null }, hall.ctx),
      isCode('VALIDATION_FAILED'),
    );
    assert.throws(
      () => transferTicket(hall.config, hall.state, { ticketId: id }, { toServiceId: 'no-such', toCounterId: null }, hall.ctx),
      isCode('UNKNOWN_SERVICE'),
    );
    assert.throws(
      () => transferTicket(hall.config, hall.state, { ticketId: id }, { toServiceId: null, toCounterId: 'quay-9' }, hall.ctx),
      isCode('UNKNOWN_COUNTER'),
    );
    assert.throws(
      () => transferTicket(hall.config, hall.state, { ticketId: 'nope' }, { toServiceId: 'dat-dai', toCounterId: null }, hall.ctx),
      isCode('UNKNOWN_TICKET'),
    );
    assert.throws(
      () => transferTicket(hall.config, hall.state, { counterId: 'quay-1' }, { toServiceId: 'dat-dai', toCounterId: null }, hall.ctx),
      isCode('NO_CURRENT_TICKET'),
    );
  });
});

describe('cancelTicket', () => {
  test('cancels a waiting ticket with its reason', () => {
    const hall = queue(2);
    const id = hall.ticket('A001').id;
    const events = cancelTicket(hall.config, hall.state, id, 'công dân về', hall.ctx);
    assert.deepEqual(events[0]?.data, { number: 'A001', reason: 'công dân về', staffId: null });
    hall.apply(events);
    assert.equal(hall.state.tickets.has(id), false);
    assert.deepEqual(drain(hall, 'quay-1'), ['A002']);
  });

  test('cancels a held ticket', () => {
    const hall = queue(1);
    holdAt(hall, 'quay-1', 'A001');
    const id = hall.ticket('A001').id;
    hall.apply(cancelTicket(hall.config, hall.state, id, null, hall.ctx));
    assert.equal(hall.state.tickets.has(id), false);
  });

  test('a called or serving ticket cannot be cancelled; unknown tickets are refused', () => {
    const hall = queue(1);
    hall.apply(callNext(hall.config, hall.state, 'quay-1', hall.ctx));
    const id = hall.ticket('A001').id;
    assert.throws(() => cancelTicket(hall.config, hall.state, id, null, hall.ctx), isCode('INVALID_TICKET_STATE'));
    hall.apply(startService(hall.config, hall.state, 'quay-1', hall.ctx));
    assert.throws(() => cancelTicket(hall.config, hall.state, id, null, hall.ctx), isCode('INVALID_TICKET_STATE'));
    assert.throws(() => cancelTicket(hall.config, hall.state, 'nope', null, hall.ctx), isCode('UNKNOWN_TICKET'));
  });
});
