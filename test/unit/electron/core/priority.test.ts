/**
 * Priority the hall can trust (electron/core/priority.ts): the class and basis decided at issue
 * from the request and a chip the server verified, and the officer's review of a declared priority.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError, type ErrorCode } from '../../../../electron/common/errors.ts';
import { ageOn, decidePriority, reviewPriority } from '../../../../electron/core/priority.ts';
import { callNext, callTicket, openCounter, startService } from '../../../../electron/core/queue-engine.ts';
import { HallHarness, MONDAY, at, testHallConfig } from '../../../support/hall-config.fixture.ts';

const isCode = (code: ErrorCode) => (e: unknown) => e instanceof DomainError && e.code === code;

describe('ageOn', () => {
  test('counts whole years: the day before the birthday is a year younger', () => {
    assert.equal(ageOn('1966-03-02', '2026-03-02'), 60);
    assert.equal(ageOn('1966-03-03', '2026-03-02'), 59);
    assert.equal(ageOn('1966-02-28', '2026-03-02'), 60);
  });
  test('a 29 February birthday is reached on 1 March in a common year', () => {
    assert.equal(ageOn('1964-02-29', '2026-02-28'), 61);
    assert.equal(ageOn('1964-02-29', '2026-03-01'), 62);
  });
});

describe('decidePriority', () => {
  const chipBorn = (dateOfBirth: string) => ({ dateOfBirth });

  test('a verified chip at the elderly age makes the ticket elderly, verified, even when nothing was asked', () => {
    assert.deepEqual(decidePriority('normal', chipBorn('1966-03-02'), 60, MONDAY), { priority: 'elderly', basis: 'verified' });
    assert.deepEqual(decidePriority('elderly', chipBorn('1950-01-01'), 60, MONDAY), { priority: 'elderly', basis: 'verified' });
  });

  test('the hall’s elderlyAge decides: 60 in one hall, 65 in another', () => {
    assert.equal(decidePriority('normal', chipBorn('1963-01-01'), 60, MONDAY).priority, 'elderly');
    assert.equal(decidePriority('normal', chipBorn('1963-01-01'), 65, MONDAY).priority, 'normal');
  });

  test('elderly asked with a verified chip under the age is refused, not silently downgraded', () => {
    assert.throws(() => decidePriority('elderly', chipBorn('1990-05-15'), 60, MONDAY), isCode('PRIORITY_NOT_ELIGIBLE'));
  });

  test('a verified chip under the age keeps a declared pregnant or disabled priority, as declared', () => {
    assert.deepEqual(decidePriority('pregnant', chipBorn('1995-01-01'), 60, MONDAY), { priority: 'pregnant', basis: 'declared' });
    assert.deepEqual(decidePriority('disabled', chipBorn('1995-01-01'), 60, MONDAY), { priority: 'disabled', basis: 'declared' });
  });

  test('without a verified chip every priority class is the citizen’s declaration, elderly included', () => {
    for (const p of ['elderly', 'pregnant', 'disabled'] as const) assert.deepEqual(decidePriority(p, null, 60, MONDAY), { priority: p, basis: 'declared' });
  });

  test('normal and appointment tickets have no basis to check', () => {
    assert.deepEqual(decidePriority('normal', null, 60, MONDAY), { priority: 'normal', basis: 'none' });
    assert.deepEqual(decidePriority('normal', chipBorn('1990-01-01'), 60, MONDAY), { priority: 'normal', basis: 'none' });
    assert.deepEqual(decidePriority('appointment', chipBorn('1950-01-01'), 60, MONDAY), { priority: 'appointment', basis: 'none' });
  });
});

describe('issueTicket decides the priority', () => {
  test('the issued ticket carries the decided class and basis', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    assert.deepEqual(pick(hall.issue('ho-tich', { chip: { dateOfBirth: '1950-06-01' } })), { priority: 'elderly', priorityBasis: 'verified' });
    assert.deepEqual(pick(hall.issue('ho-tich', { priority: 'pregnant' })), { priority: 'pregnant', priorityBasis: 'declared' });
    assert.deepEqual(pick(hall.issue('ho-tich')), { priority: 'normal', priorityBasis: 'none' });
    assert.throws(() => hall.issue('ho-tich', { priority: 'elderly', chip: { dateOfBirth: '2000-05-15' } }), isCode('PRIORITY_NOT_ELIGIBLE'));
  });
});

function pick(t: { priority: string; priorityBasis: string }) {
  return { priority: t.priority, priorityBasis: t.priorityBasis };
}

describe('reviewPriority', () => {
  /** A001 declared pregnant, A002 normal, A003 elderly verified; quay-1 open at 08:10. */
  function hallWithTickets(): HallHarness {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    hall.issue('ho-tich', { priority: 'pregnant' });
    hall.issue('ho-tich');
    hall.issue('ho-tich', { chip: { dateOfBirth: '1950-06-01' } });
    hall.apply(openCounter(hall.config, hall.state, 'quay-1', 'can-bo-1', hall.ctx));
    hall.clock.set(at(MONDAY, '08:10'));
    return hall;
  }

  test('confirmed: the declared ticket at the counter keeps its class, now confirmed; the event names the officer', () => {
    const hall = hallWithTickets();
    hall.apply(callTicket(hall.config, hall.state, 'quay-1', { number: 'A001' }, hall.ctx));
    const events = reviewPriority(hall.state, 'quay-1', 'confirmed', 'can-bo-1', hall.ctx);
    assert.deepEqual(
      events.map((e) => [e.type, e.ticketId, e.counterId, e.data]),
      [['ticket.priority_reviewed', hall.ticket('A001').id, 'quay-1', { number: 'A001', priority: 'pregnant', decision: 'confirmed', staffId: 'can-bo-1' }]],
    );
    hall.apply(events);
    assert.deepEqual(pick(hall.ticket('A001')), { priority: 'pregnant', priorityBasis: 'confirmed' });
  });

  test('cleared while serving: the ticket is normal from then on, and cannot be reviewed twice', () => {
    const hall = hallWithTickets();
    hall.apply(callTicket(hall.config, hall.state, 'quay-1', { number: 'A001' }, hall.ctx));
    hall.apply(startService(hall.config, hall.state, 'quay-1', hall.ctx));
    hall.apply(reviewPriority(hall.state, 'quay-1', 'cleared', 'can-bo-1', hall.ctx));
    assert.deepEqual(pick(hall.ticket('A001')), { priority: 'normal', priorityBasis: 'cleared' });
    assert.throws(() => reviewPriority(hall.state, 'quay-1', 'confirmed', 'can-bo-1', hall.ctx), isCode('PRIORITY_NOT_DECLARED'));
  });

  test('a verified or a normal ticket has nothing to review', () => {
    const hall = hallWithTickets();
    hall.apply(callTicket(hall.config, hall.state, 'quay-1', { number: 'A003' }, hall.ctx));
    assert.throws(() => reviewPriority(hall.state, 'quay-1', 'cleared', 'can-bo-1', hall.ctx), isCode('PRIORITY_NOT_DECLARED'));
    const other = hallWithTickets();
    other.apply(callTicket(other.config, other.state, 'quay-1', { number: 'A002' }, other.ctx));
    assert.throws(() => reviewPriority(other.state, 'quay-1', 'cleared', 'can-bo-1', other.ctx), isCode('PRIORITY_NOT_DECLARED'));
  });

  test('only the counter’s own current ticket: a counter with none, or an unknown counter, is refused', () => {
    const hall = hallWithTickets();
    assert.throws(() => reviewPriority(hall.state, 'quay-1', 'cleared', 'can-bo-1', hall.ctx), isCode('NO_CURRENT_TICKET'));
    assert.throws(() => reviewPriority(hall.state, 'quay-99', 'cleared', 'can-bo-1', hall.ctx), isCode('UNKNOWN_COUNTER'));
    hall.apply(callNext(hall.config, hall.state, 'quay-1', hall.ctx));
    assert.throws(() => reviewPriority(hall.state, 'quay-2', 'cleared', 'can-bo-2', hall.ctx), isCode('NO_CURRENT_TICKET'));
  });
});
