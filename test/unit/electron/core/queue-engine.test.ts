/**
 * Queue engine, issuing: the issue window, numbering, ranges, quotas and the fairness rule.
 * (Day rollover: queue-engine.day.test.ts; calling and serving: queue-engine.serving.test.ts;
 * hold, return, transfer and cancel: queue-engine.tickets.test.ts; counters and state
 * immutability: queue-engine.counters.test.ts.)
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError, type ErrorCode } from '../../../../electron/common/errors.ts';
import type { DomainEvent } from '../../../../electron/common/events.ts';
import { evolve, initialState } from '../../../../electron/core/hall-state.ts';
import { callNext, finishService, issueTicket, markNoShow, openCounter, startService, ticketNumber } from '../../../../electron/core/queue-engine.ts';
import {
  HOLIDAY,
  HallHarness,
  MINUTE,
  MONDAY,
  SATURDAY_AFTER_HOLIDAYS,
  SUNDAY,
  at,
  issueCommand,
  run,
  sequentialIds,
  testHallConfig,
} from '../../../support/hall-config.fixture.ts';

const isCode = (code: ErrorCode) => (e: unknown) => e instanceof DomainError && e.code === code;

describe('issueTicket: the issue window', () => {
  test('issues a waiting ticket with the injected id and clock', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'), 'id');
    const events = issueTicket(hall.config, hall.state, issueCommand('ho-tich'), hall.ctx);
    assert.equal(events.length, 1);
    const [event] = events;
    assert.equal(event?.type, 'ticket.issued');
    assert.equal(event?.ticketId, 'id-1');
    assert.equal(event?.at, at(MONDAY, '08:00'));
    const state = run(hall.config, hall.state, events);
    const ticket = state.tickets.get('id-1');
    assert.ok(ticket);
    assert.equal(ticket.status, 'waiting');
    assert.equal(ticket.number, 'A001');
    assert.equal(ticket.businessDate, MONDAY);
    assert.equal(ticket.issuedAt, at(MONDAY, '08:00'));
    assert.equal(ticket.queuedAt, at(MONDAY, '08:00'));
    assert.equal(ticket.serviceId, 'ho-tich');
    assert.equal(ticket.issuedServiceId, 'ho-tich');
    assert.equal(ticket.callCount, 0);
    assert.equal(state.businessDate, MONDAY);
  });

  test('does not mutate the state it decides on', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    const before = hall.state;
    issueTicket(hall.config, before, issueCommand('ho-tich'), hall.ctx);
    assert.equal(before.tickets.size, 0);
    assert.equal(before.businessDate, null);
  });

  for (const [label, when, code] of [
    ['before opening', at(MONDAY, '07:00'), 'HALL_CLOSED'],
    ['on Sunday', at(SUNDAY, '09:00'), 'HALL_CLOSED'],
    ['on a holiday', at(HOLIDAY, '09:00'), 'HOLIDAY'],
    ['after the cutoff', at(MONDAY, '16:45'), 'ISSUE_CUTOFF_PASSED'],
  ] as const) {
    test(`refuses ${label} with ${code} and tells when it reopens`, () => {
      const hall = new HallHarness(testHallConfig(), when);
      assert.throws(
        () => issueTicket(hall.config, hall.state, issueCommand('ho-tich'), hall.ctx),
        (e) => e instanceof DomainError && e.code === code && typeof e.details.reopensAt === 'number' && e.details.reopensAt > when,
      );
    });
  }

  test('refuses during a break when issueDuringBreaks is false', () => {
    const hall = new HallHarness(testHallConfig({ schedule: { issueDuringBreaks: false } }), at(MONDAY, '12:00'));
    assert.throws(
      () => issueTicket(hall.config, hall.state, issueCommand('ho-tich'), hall.ctx),
      (e) => e instanceof DomainError && e.code === 'ON_BREAK' && e.details.reopensAt === at(MONDAY, '13:30'),
    );
  });

  test('holiday reopening points at the next working day', () => {
    const hall = new HallHarness(testHallConfig(), at(HOLIDAY, '09:00'));
    assert.throws(
      () => issueTicket(hall.config, hall.state, issueCommand('ho-tich'), hall.ctx),
      (e) => e instanceof DomainError && e.details.reopensAt === at(SATURDAY_AFTER_HOLIDAYS, '07:15'),
    );
  });

  test('UNKNOWN_SERVICE and UNKNOWN_PROCEDURE', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    assert.throws(() => issueTicket(hall.config, hall.state, issueCommand('no-such'), hall.ctx), isCode('UNKNOWN_SERVICE'));
    assert.throws(() => issueTicket(hall.config, hall.state, { ...issueCommand('ho-tich'), procedureId: 'no-such' }, hall.ctx), isCode('UNKNOWN_PROCEDURE'));
  });

  test('an appointment needs a slot start and only an appointment may carry one', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    assert.throws(
      () => issueTicket(hall.config, hall.state, { ...issueCommand('ho-tich'), priority: 'appointment', slotStart: null }, hall.ctx),
      isCode('VALIDATION_FAILED'),
    );
    assert.throws(
      () => issueTicket(hall.config, hall.state, issueCommand('ho-tich', { slotStart: at(MONDAY, '09:00') }), hall.ctx),
      isCode('VALIDATION_FAILED'),
    );
    const t = hall.issue('ho-tich', { priority: 'appointment', slotStart: at(MONDAY, '09:00') });
    assert.equal(t.slotStart, at(MONDAY, '09:00'));
    assert.equal(t.channel, 'appointment');
  });
});

describe('issueTicket: numbering', () => {
  test('prefix + three digits, counting up per service', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    assert.equal(hall.issue('ho-tich').number, 'A001');
    assert.equal(hall.issue('ho-tich').number, 'A002');
    const a3 = hall.issue('ho-tich');
    assert.equal(a3.number, 'A003');
    assert.equal(a3.seq, 3);
  });

  test('each service has its own independent sequence', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    const numbers = [hall.issue('ho-tich'), hall.issue('chung-thuc'), hall.issue('ho-tich'), hall.issue('dat-dai'), hall.issue('chung-thuc')].map(
      (t) => t.number,
    );
    assert.deepEqual(numbers, ['A001', 'B001', 'A002', 'C001', 'B002']);
    assert.equal(hall.state.lastSeq.get('ho-tich'), 2);
    assert.equal(hall.state.lastSeq.get('chung-thuc'), 2);
    assert.equal(hall.state.lastSeq.get('dat-dai'), 1);
  });

  test('priority classes share the service sequence', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    assert.equal(hall.issue('ho-tich').number, 'A001');
    assert.equal(hall.issue('ho-tich', { priority: 'elderly' }).number, 'A002');
    assert.equal(hall.issue('ho-tich', { priority: 'appointment', slotStart: at(MONDAY, '10:00') }).number, 'A003');
  });

  test('numbering continues after earlier tickets are closed', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    hall.issue('ho-tich');
    hall.apply(openCounter(hall.config, hall.state, 'quay-1', 'can-bo-1', hall.ctx));
    hall.apply(callNext(hall.config, hall.state, 'quay-1', hall.ctx));
    hall.apply(markNoShow(hall.config, hall.state, 'quay-1', hall.ctx));
    assert.equal(hall.state.tickets.size, 0);
    assert.equal(hall.issue('ho-tich').number, 'A002');
  });

  test('the number range starts at "from" and is exhausted after "to"', () => {
    const config = testHallConfig({
      services: [
        { id: 'ho-tich', prefix: 'A', name: { vi: 'Hộ tịch', en: 'Civil status' }, numberRange: { from: 5, to: 7 } },
        { id: 'chung-thuc', prefix: 'B', name: { vi: 'Chứng thực', en: 'Certification' } },
        { id: 'dat-dai', prefix: 'C', name: { vi: 'Đất đai', en: 'Land' } },
      ],
    });
    const hall = new HallHarness(config, at(MONDAY, '08:00'));
    assert.deepEqual(
      [hall.issue('ho-tich'), hall.issue('ho-tich'), hall.issue('ho-tich')].map((t) => t.number),
      ['A005', 'A006', 'A007'],
    );
    assert.throws(
      () => issueTicket(config, hall.state, issueCommand('ho-tich'), hall.ctx),
      (e) => e instanceof DomainError && e.code === 'NUMBER_RANGE_EXHAUSTED' && e.details.serviceId === 'ho-tich',
    );
    // Other services are not affected.
    assert.equal(hall.issue('chung-thuc').number, 'B001');
  });

  test('a four-digit range pads to four digits', () => {
    const config = testHallConfig();
    const service = { ...config.services[0]!, numberRange: { from: 1, to: 1500 } };
    assert.equal(ticketNumber(service, 7), 'A0007');
    assert.equal(ticketNumber(config.services[0]!, 7), 'A007');
    assert.equal(ticketNumber(config.services[0]!, 999), 'A999');
  });

  test('the daily quota counts issued tickets: QUOTA_REACHED', () => {
    const config = testHallConfig({
      services: [
        { id: 'ho-tich', prefix: 'A', name: { vi: 'Hộ tịch', en: 'Civil status' }, dailyQuota: 2 },
        { id: 'chung-thuc', prefix: 'B', name: { vi: 'Chứng thực', en: 'Certification' } },
        { id: 'dat-dai', prefix: 'C', name: { vi: 'Đất đai', en: 'Land' } },
      ],
    });
    const hall = new HallHarness(config, at(MONDAY, '08:00'));
    hall.issue('ho-tich');
    hall.issue('ho-tich');
    assert.equal(hall.state.issuedCount.get('ho-tich'), 2);
    // Serving a ticket does not give its quota place back.
    hall.apply(openCounter(config, hall.state, 'quay-1', null, hall.ctx));
    hall.apply(callNext(config, hall.state, 'quay-1', hall.ctx));
    hall.apply(startService(config, hall.state, 'quay-1', hall.ctx));
    hall.clock.advance(5 * MINUTE);
    hall.apply(finishService(config, hall.state, 'quay-1', 'received_dossier', hall.ctx));
    assert.throws(
      () => issueTicket(config, hall.state, issueCommand('ho-tich'), hall.ctx),
      (e) => e instanceof DomainError && e.code === 'QUOTA_REACHED' && e.details.dailyQuota === 2,
    );
    assert.equal(hall.issue('chung-thuc').number, 'B001');
  });
});

describe('issueTicket: one open ticket per person per service', () => {
  const fair = () => testHallConfig({ policy: { onePerPersonPerService: true } });

  test('DUPLICATE_OPEN_TICKET for the same person and service', () => {
    const hall = new HallHarness(fair(), at(MONDAY, '08:00'));
    const first = hall.issue('ho-tich', { personHash: 'person-1' });
    assert.throws(
      () => issueTicket(hall.config, hall.state, issueCommand('ho-tich', { personHash: 'person-1' }), hall.ctx),
      (e) => e instanceof DomainError && e.code === 'DUPLICATE_OPEN_TICKET' && e.details.number === first.number,
    );
  });

  test('the same person may take a ticket for another service', () => {
    const hall = new HallHarness(fair(), at(MONDAY, '08:00'));
    hall.issue('ho-tich', { personHash: 'person-1' });
    assert.equal(hall.issue('chung-thuc', { personHash: 'person-1' }).number, 'B001');
  });

  test('another person may take a ticket for the same service', () => {
    const hall = new HallHarness(fair(), at(MONDAY, '08:00'));
    hall.issue('ho-tich', { personHash: 'person-1' });
    assert.equal(hall.issue('ho-tich', { personHash: 'person-2' }).number, 'A002');
  });

  test('tickets without a person hash are never duplicates', () => {
    const hall = new HallHarness(fair(), at(MONDAY, '08:00'));
    hall.issue('ho-tich');
    assert.equal(hall.issue('ho-tich').number, 'A002');
  });

  test('allowed again once the first ticket is closed', () => {
    const hall = new HallHarness(fair(), at(MONDAY, '08:00'));
    hall.issue('ho-tich', { personHash: 'person-1' });
    hall.apply(openCounter(hall.config, hall.state, 'quay-1', null, hall.ctx));
    hall.apply(callNext(hall.config, hall.state, 'quay-1', hall.ctx));
    hall.apply(startService(hall.config, hall.state, 'quay-1', hall.ctx));
    // Still open while being served.
    assert.throws(() => issueTicket(hall.config, hall.state, issueCommand('ho-tich', { personHash: 'person-1' }), hall.ctx), isCode('DUPLICATE_OPEN_TICKET'));
    hall.apply(finishService(hall.config, hall.state, 'quay-1', 'guidance_only', hall.ctx));
    assert.equal(hall.issue('ho-tich', { personHash: 'person-1' }).number, 'A002');
  });

  test('allowed when the policy is off', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    hall.issue('ho-tich', { personHash: 'person-1' });
    assert.equal(hall.issue('ho-tich', { personHash: 'person-1' }).number, 'A002');
  });
});

describe('issueTicket: proxy mode, a representative carrying several dossiers', () => {
  const proxy = () => testHallConfig({ policy: { onePerPersonPerService: true, maxDossiersPerTicket: 5 } });
  const issueWith = (hall: HallHarness, dossierCount: number, personHash: string | null = null) =>
    issueTicket(hall.config, hall.state, { ...issueCommand('ho-tich', { personHash }), dossierCount }, hall.ctx);
  const refusedCount = (e: unknown): boolean => e instanceof DomainError && e.code === 'VALIDATION_FAILED' && e.details.field === 'dossierCount';

  test('one ticket carries up to the configured number of dossiers; one is the default', () => {
    const hall = new HallHarness(proxy(), at(MONDAY, '08:00'));
    assert.equal(hall.issue('ho-tich').dossierCount, 1);
    hall.apply(issueWith(hall, 5));
    assert.equal([...hall.state.tickets.values()].find((t) => t.number === 'A002')?.dossierCount, 5);
    assert.throws(() => issueWith(hall, 6), refusedCount);
    assert.throws(() => issueWith(hall, 0), refusedCount);
    assert.throws(() => issueWith(hall, 2.5), refusedCount);
  });

  test('off by default: a hall that has not enabled it refuses a second dossier on a ticket', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    assert.throws(
      () => issueWith(hall, 2),
      (e) => refusedCount(e) && /one dossier per ticket/.test(String((e as DomainError).details.reason)),
    );
    assert.equal(issueWith(hall, 1).length, 1);
  });

  test('the fairness rule still holds: the representative gets one open ticket per service for all the dossiers', () => {
    const hall = new HallHarness(proxy(), at(MONDAY, '08:00'));
    hall.apply(issueWith(hall, 3, 'representative'));
    assert.throws(() => issueWith(hall, 2, 'representative'), isCode('DUPLICATE_OPEN_TICKET'));
  });

  test('a ticket.issued event logged before proxy mode existed (no count) folds as one dossier', () => {
    const hall = new HallHarness(proxy(), at(MONDAY, '08:00'));
    const [event] = issueWith(hall, 1);
    assert.ok(event?.type === 'ticket.issued');
    const { dossierCount: _dropped, ...logged } = event.data.ticket;
    const folded = evolve(hall.config, hall.state, { ...event, data: { ticket: logged } } as unknown as DomainEvent);
    assert.equal(folded.ticket?.dossierCount, 1);
    assert.equal(folded.state.tickets.get(event.ticketId ?? '')?.dossierCount, 1);
  });
});

describe('initialState', () => {
  test('every configured counter starts closed and idle, with no day yet', () => {
    const config = testHallConfig();
    const state = initialState(config);
    assert.equal(state.businessDate, null);
    assert.deepEqual([...state.counters.keys()], ['quay-1', 'quay-2', 'quay-3', 'quay-4']);
    for (const c of state.counters.values()) {
      assert.equal(c.state, 'closed');
      assert.equal(c.currentTicketId, null);
      assert.equal(c.priorityStreak, 0);
    }
  });

  test('sequentialIds gives distinct ids per generator', () => {
    const a = sequentialIds('x');
    const b = sequentialIds('y');
    assert.deepEqual([a(), a(), b()], ['x-1', 'x-2', 'y-1']);
  });
});
