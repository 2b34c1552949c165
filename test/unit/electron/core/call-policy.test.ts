/**
 * Call-next policy: eligibility, appointments, priority interleave, priority counters and
 * weighted sharing of a counter between queues.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { PriorityClass } from '../../../../electron/common/domain.ts';
import { DomainError } from '../../../../electron/common/errors.ts';
import { chooseNext, isEligibleAt } from '../../../../electron/core/call-policy.ts';
import { callNext, callTicket, markNoShow, openCounter, transferTicket } from '../../../../electron/core/queue-engine.ts';
import { HallHarness, MINUTE, MONDAY, at, testHallConfig } from '../../../support/hall-config.fixture.ts';

function open(hall: HallHarness, counterId: string): void {
  hall.apply(openCounter(hall.config, hall.state, counterId, `can-bo-${counterId}`, hall.ctx));
}

/** Call next at the counter and release it (no-show); returns the called number. */
function callAndRelease(hall: HallHarness, counterId: string): string {
  const [event] = callNext(hall.config, hall.state, counterId, hall.ctx);
  assert.ok(event && event.type === 'ticket.called');
  hall.apply([event]);
  hall.apply(markNoShow(hall.config, hall.state, counterId, hall.ctx));
  return event.data.number;
}

function callAll(hall: HallHarness, counterId: string): string[] {
  const numbers: string[] = [];
  while (chooseNext(hall.config, hall.state, counterId, hall.ctx.now)) {
    numbers.push(callAndRelease(hall, counterId));
    hall.clock.advance(1000);
  }
  return numbers;
}

/** Issue `classes` in order for one service, one second apart. */
function issueMany(hall: HallHarness, serviceId: string, classes: readonly PriorityClass[]): Map<string, PriorityClass> {
  const byNumber = new Map<string, PriorityClass>();
  for (const priority of classes) {
    byNumber.set(hall.issue(serviceId, { priority }).number, priority);
    hall.clock.advance(1000);
  }
  return byNumber;
}

const letter = (p: PriorityClass | undefined) => (p === 'normal' ? 'N' : p === 'appointment' ? 'H' : 'P');

describe('FIFO within a class', () => {
  test('normal tickets are called in arrival order', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    issueMany(hall, 'ho-tich', ['normal', 'normal', 'normal', 'normal']);
    open(hall, 'quay-1');
    assert.deepEqual(callAll(hall, 'quay-1'), ['A001', 'A002', 'A003', 'A004']);
  });

  test('tickets issued in the same millisecond go by number', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    hall.issue('ho-tich');
    hall.issue('ho-tich');
    hall.issue('ho-tich');
    open(hall, 'quay-1');
    assert.deepEqual(callAll(hall, 'quay-1'), ['A001', 'A002', 'A003']);
  });
});

describe('priority interleave', () => {
  test('ratio 2: P, P, N, P, P, N while both classes wait', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    const classes = issueMany(hall, 'ho-tich', ['normal', 'normal', 'normal', 'elderly', 'pregnant', 'disabled', 'elderly', 'elderly', 'elderly']);
    open(hall, 'quay-1');
    const order = callAll(hall, 'quay-1');
    assert.equal(order.map((n) => letter(classes.get(n))).join(''), 'PPNPPNPPN');
    // FIFO inside each class.
    assert.deepEqual(
      order.filter((n) => classes.get(n) === 'normal'),
      ['A001', 'A002', 'A003'],
    );
    assert.deepEqual(
      order.filter((n) => classes.get(n) !== 'normal'),
      ['A004', 'A005', 'A006', 'A007', 'A008', 'A009'],
    );
  });

  test('ratio 3: P, P, P, N', () => {
    const hall = new HallHarness(testHallConfig({ policy: { priorityRatio: 3 } }), at(MONDAY, '08:00'));
    const classes = issueMany(hall, 'ho-tich', ['normal', 'normal', 'elderly', 'elderly', 'elderly', 'elderly', 'elderly', 'elderly']);
    open(hall, 'quay-1');
    assert.equal(
      callAll(hall, 'quay-1')
        .map((n) => letter(classes.get(n)))
        .join(''),
      'PPPNPPPN',
    );
  });

  test('normal tickets do not starve behind a stream of priority tickets', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    issueMany(hall, 'ho-tich', ['normal']);
    open(hall, 'quay-1');
    const order: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      issueMany(hall, 'ho-tich', ['elderly']);
      order.push(callAndRelease(hall, 'quay-1'));
    }
    // A001 (normal) is called third, even though a new priority ticket keeps arriving.
    assert.deepEqual(order, ['A002', 'A003', 'A001']);
  });

  test('priority tickets do not starve behind many normal ones', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    issueMany(hall, 'ho-tich', ['normal', 'normal', 'normal', 'normal', 'normal', 'disabled']);
    open(hall, 'quay-1');
    assert.equal(callAndRelease(hall, 'quay-1'), 'A006');
  });

  test('only normal tickets waiting: they are called, and the streak resets', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    issueMany(hall, 'ho-tich', ['elderly', 'elderly']);
    open(hall, 'quay-1');
    callAll(hall, 'quay-1');
    assert.equal(hall.counter('quay-1').priorityStreak, 2);
    issueMany(hall, 'ho-tich', ['normal']);
    assert.equal(callAndRelease(hall, 'quay-1'), 'A003');
    assert.equal(hall.counter('quay-1').priorityStreak, 0);
  });

  test('only priority tickets waiting: all are called beyond the ratio, then a normal one goes next', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    issueMany(hall, 'ho-tich', ['elderly', 'pregnant', 'disabled', 'elderly']);
    open(hall, 'quay-1');
    assert.deepEqual(callAll(hall, 'quay-1'), ['A001', 'A002', 'A003', 'A004']);
    assert.equal(hall.counter('quay-1').priorityStreak, 4);
    issueMany(hall, 'ho-tich', ['elderly', 'normal']);
    assert.equal(callAndRelease(hall, 'quay-1'), 'A006');
  });

  test('the streak is counted per counter', () => {
    const hall = new HallHarness(testHallConfig({ policy: { priorityRatio: 1 } }), at(MONDAY, '08:00'));
    issueMany(hall, 'dat-dai', ['normal', 'normal', 'elderly', 'elderly']);
    open(hall, 'quay-2');
    open(hall, 'quay-3');
    assert.equal(callAndRelease(hall, 'quay-2'), 'C003');
    // quay-3 has no streak yet, so it takes a priority ticket too.
    assert.equal(callAndRelease(hall, 'quay-3'), 'C004');
    assert.equal(callAndRelease(hall, 'quay-2'), 'C001');
  });
});

describe('priority counter (priorityFirst)', () => {
  test('takes every priority ticket first, whatever the streak', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    const classes = issueMany(hall, 'ho-tich', ['normal', 'normal', 'elderly', 'pregnant', 'disabled', 'elderly']);
    open(hall, 'quay-4');
    assert.equal(
      callAll(hall, 'quay-4')
        .map((n) => letter(classes.get(n)))
        .join(''),
      'PPPPNN',
    );
  });

  test('calls normal tickets when no priority ticket waits', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    issueMany(hall, 'chung-thuc', ['normal']);
    open(hall, 'quay-4');
    assert.equal(callAndRelease(hall, 'quay-4'), 'B001');
  });
});

describe('appointments', () => {
  test('due at slot start minus appointmentEarlyMinutes, then ahead of everyone', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    const appt = hall.issue('ho-tich', { priority: 'appointment', slotStart: at(MONDAY, '09:00') });
    issueMany(hall, 'ho-tich', ['normal', 'elderly', 'normal', 'elderly', 'normal']);
    open(hall, 'quay-1');
    hall.clock.set(at(MONDAY, '08:55') - 1);
    assert.equal(chooseNext(hall.config, hall.state, 'quay-1', hall.ctx.now)?.reason, 'priority');
    hall.clock.set(at(MONDAY, '08:55'));
    const choice = chooseNext(hall.config, hall.state, 'quay-1', hall.ctx.now);
    assert.equal(choice?.ticket.id, appt.id);
    assert.equal(choice?.reason, 'appointment-due');
  });

  test('appointmentEarlyMinutes 0: due only at the slot', () => {
    const hall = new HallHarness(testHallConfig({ policy: { appointmentEarlyMinutes: 0 } }), at(MONDAY, '08:00'));
    hall.issue('ho-tich', { priority: 'appointment', slotStart: at(MONDAY, '09:00') });
    hall.issue('ho-tich');
    open(hall, 'quay-1');
    hall.clock.set(at(MONDAY, '08:59'));
    assert.equal(chooseNext(hall.config, hall.state, 'quay-1', hall.ctx.now)?.reason, 'normal');
    hall.clock.set(at(MONDAY, '09:00'));
    assert.equal(chooseNext(hall.config, hall.state, 'quay-1', hall.ctx.now)?.reason, 'appointment-due');
  });

  test('among due appointments, the earliest slot goes first', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    hall.issue('ho-tich', { priority: 'appointment', slotStart: at(MONDAY, '09:00') });
    hall.issue('ho-tich', { priority: 'appointment', slotStart: at(MONDAY, '08:30') });
    open(hall, 'quay-1');
    hall.clock.set(at(MONDAY, '09:10'));
    assert.deepEqual(callAll(hall, 'quay-1'), ['A002', 'A001']);
  });

  test('an early appointment is called only when nothing else waits', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    hall.issue('ho-tich', { priority: 'appointment', slotStart: at(MONDAY, '10:00') });
    hall.issue('ho-tich');
    open(hall, 'quay-1');
    assert.equal(chooseNext(hall.config, hall.state, 'quay-1', hall.ctx.now)?.ticket.number, 'A002');
    callAndRelease(hall, 'quay-1');
    const choice = chooseNext(hall.config, hall.state, 'quay-1', hall.ctx.now);
    assert.equal(choice?.ticket.number, 'A001');
    assert.equal(choice?.reason, 'appointment-early');
  });

  test('calling an appointment leaves the priority streak alone', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    issueMany(hall, 'ho-tich', ['elderly']);
    hall.issue('ho-tich', { priority: 'appointment', slotStart: at(MONDAY, '08:10') });
    open(hall, 'quay-1');
    assert.equal(callAndRelease(hall, 'quay-1'), 'A001');
    assert.equal(hall.counter('quay-1').priorityStreak, 1);
    hall.clock.set(at(MONDAY, '08:10'));
    assert.equal(callAndRelease(hall, 'quay-1'), 'A002');
    assert.equal(hall.counter('quay-1').priorityStreak, 1);
  });
});

describe('weighted sharing across a counter’s queues', () => {
  // quay-2 serves chung-thuc (weight 2) and dat-dai (weight 1).
  test('a weight-1 queue that waited much longer wins over a weight-2 queue', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    hall.issue('dat-dai');
    hall.clock.set(at(MONDAY, '08:06'));
    hall.issue('chung-thuc');
    open(hall, 'quay-2');
    hall.clock.set(at(MONDAY, '08:10'));
    // dat-dai 1 × 10 min > chung-thuc 2 × 4 min.
    assert.equal(chooseNext(hall.config, hall.state, 'quay-2', hall.ctx.now)?.ticket.number, 'C001');
  });

  test('a weight-2 queue wins with a shorter wait (weight × waited)', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    hall.issue('dat-dai');
    hall.clock.set(at(MONDAY, '08:04'));
    hall.issue('chung-thuc');
    open(hall, 'quay-2');
    hall.clock.set(at(MONDAY, '08:10'));
    // chung-thuc 2 × 6 min > dat-dai 1 × 10 min, although dat-dai came first.
    assert.equal(chooseNext(hall.config, hall.state, 'quay-2', hall.ctx.now)?.ticket.number, 'B001');
  });

  test('the weight-1 queue is not starved by a steady stream on the weight-2 queue', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    hall.issue('dat-dai');
    hall.issue('chung-thuc');
    hall.issue('chung-thuc');
    hall.issue('chung-thuc');
    open(hall, 'quay-2');
    const order: string[] = [];
    for (let minute = 1; minute <= 7; minute += 1) {
      hall.clock.set(at(MONDAY, '08:00') + minute * MINUTE);
      hall.issue('chung-thuc'); // one new B ticket a minute, as fast as the counter serves
      order.push(callAndRelease(hall, 'quay-2'));
    }
    // B heads settle at 3 minutes of wait (score 2 × 3); C001 wins once it has waited 7 minutes.
    assert.deepEqual(order, ['B001', 'B002', 'B003', 'B004', 'B005', 'B006', 'C001']);
  });
});

describe('eligibility', () => {
  test('a counter does not call services it does not serve', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    hall.issue('chung-thuc');
    hall.issue('dat-dai');
    open(hall, 'quay-1');
    assert.equal(chooseNext(hall.config, hall.state, 'quay-1', hall.ctx.now), null);
    assert.throws(
      () => callNext(hall.config, hall.state, 'quay-1', hall.ctx),
      (e) => e instanceof DomainError && e.code === 'NO_TICKET_WAITING',
    );
  });

  test('isEligibleAt: only waiting tickets of a served queue', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    const a1 = hall.issue('ho-tich');
    const [quay1, quay2] = hall.config.counters;
    assert.ok(quay1 && quay2);
    assert.equal(isEligibleAt(a1, quay1), true);
    assert.equal(isEligibleAt(a1, quay2), false);
    assert.equal(isEligibleAt({ ...a1, status: 'held' }, quay1), false);
    assert.equal(isEligibleAt({ ...a1, status: 'called' }, quay1), false);
  });

  test('a ticket transferred to a counter is callable only there', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    const a1 = hall.issue('ho-tich');
    hall.apply(transferTicket(hall.config, hall.state, { ticketId: a1.id }, { toServiceId: null, toCounterId: 'quay-3' }, hall.ctx));
    open(hall, 'quay-1');
    open(hall, 'quay-3');
    open(hall, 'quay-4');
    assert.equal(chooseNext(hall.config, hall.state, 'quay-1', hall.ctx.now), null);
    assert.equal(chooseNext(hall.config, hall.state, 'quay-4', hall.ctx.now), null);
    assert.throws(
      () => callTicket(hall.config, hall.state, 'quay-1', { number: 'A001' }, hall.ctx),
      (e) => e instanceof DomainError && e.code === 'SERVICE_NOT_AT_COUNTER',
    );
    // quay-3 serves only dat-dai but takes the ticket reserved for it.
    assert.equal(callAndRelease(hall, 'quay-3'), 'A001');
  });

  test('chooseNext returns null for an unknown counter', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    hall.issue('ho-tich');
    assert.equal(chooseNext(hall.config, hall.state, 'quay-99', hall.ctx.now), null);
  });
});
