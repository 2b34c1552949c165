/**
 * Queue engine, counters (open, pause, resume, close) and `evolve` never touching the state
 * it is given.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError, type ErrorCode } from '../../../../electron/common/errors.ts';
import type { DomainEvent, DomainEventType } from '../../../../electron/common/events.ts';
import { evolve, waitingByService, type HallState } from '../../../../electron/core/hall-state.ts';
import { PersistentMap } from '../../../../electron/core/persistent-map.ts';
import {
  callNext,
  callTicket,
  cancelTicket,
  closeCounter,
  closeDayIfDue,
  finishService,
  holdTicket,
  issueTicket,
  markNoShow,
  openCounter,
  pauseCounter,
  recall,
  resumeCounter,
  returnTicket,
  startService,
  transferTicket,
} from '../../../../electron/core/queue-engine.ts';
import { HallHarness, MINUTE, MONDAY, at, issueCommand, testHallConfig } from '../../../support/hall-config.fixture.ts';

const isCode = (code: ErrorCode) => (e: unknown) => e instanceof DomainError && e.code === code;

function hallAt8(): HallHarness {
  const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
  hall.issue('ho-tich');
  hall.issue('ho-tich');
  return hall;
}

describe('openCounter', () => {
  test('opens with the officer', () => {
    const hall = hallAt8();
    const events = openCounter(hall.config, hall.state, 'quay-1', 'can-bo-1', hall.ctx);
    assert.deepEqual(events, [{ type: 'counter.opened', at: at(MONDAY, '08:00'), ticketId: null, counterId: 'quay-1', data: { officerId: 'can-bo-1' } }]);
    hall.apply(events);
    const c = hall.counter('quay-1');
    assert.equal(c.state, 'open');
    assert.equal(c.officerId, 'can-bo-1');
    assert.equal(c.updatedAt, at(MONDAY, '08:00'));
  });

  test('opening a paused counter resumes it under the new officer', () => {
    const hall = hallAt8();
    hall.apply(openCounter(hall.config, hall.state, 'quay-1', 'can-bo-1', hall.ctx));
    hall.apply(pauseCounter(hall.config, hall.state, 'quay-1', 'họp', hall.ctx));
    hall.apply(openCounter(hall.config, hall.state, 'quay-1', 'can-bo-2', hall.ctx));
    const c = hall.counter('quay-1');
    assert.equal(c.state, 'open');
    assert.equal(c.officerId, 'can-bo-2');
    assert.equal(c.pauseReason, null);
  });

  test('UNKNOWN_COUNTER', () => {
    const hall = hallAt8();
    assert.throws(() => openCounter(hall.config, hall.state, 'quay-9', null, hall.ctx), isCode('UNKNOWN_COUNTER'));
  });
});

describe('pauseCounter and resumeCounter', () => {
  test('an idle open counter pauses with a reason and resumes', () => {
    const hall = hallAt8();
    hall.apply(openCounter(hall.config, hall.state, 'quay-1', 'can-bo-1', hall.ctx));
    hall.apply(pauseCounter(hall.config, hall.state, 'quay-1', 'nghỉ trưa', hall.ctx));
    assert.equal(hall.counter('quay-1').state, 'paused');
    assert.equal(hall.counter('quay-1').pauseReason, 'nghỉ trưa');
    assert.equal(hall.counter('quay-1').officerId, 'can-bo-1');
    hall.clock.advance(MINUTE);
    hall.apply(resumeCounter(hall.config, hall.state, 'quay-1', hall.ctx));
    assert.equal(hall.counter('quay-1').state, 'open');
    assert.equal(hall.counter('quay-1').pauseReason, null);
    assert.equal(hall.counter('quay-1').updatedAt, at(MONDAY, '08:01'));
    hall.apply(callNext(hall.config, hall.state, 'quay-1', hall.ctx));
    assert.equal(hall.ticket('A001').status, 'called');
  });

  test('COUNTER_BUSY while the counter has a current ticket', () => {
    const hall = hallAt8();
    hall.apply(openCounter(hall.config, hall.state, 'quay-1', null, hall.ctx));
    hall.apply(callNext(hall.config, hall.state, 'quay-1', hall.ctx));
    assert.throws(() => pauseCounter(hall.config, hall.state, 'quay-1', 'x', hall.ctx), isCode('COUNTER_BUSY'));
    hall.apply(holdTicket(hall.config, hall.state, 'quay-1', hall.ctx));
    hall.apply(pauseCounter(hall.config, hall.state, 'quay-1', 'x', hall.ctx));
    assert.equal(hall.counter('quay-1').state, 'paused');
  });

  test('COUNTER_CLOSED when pausing a closed or already paused counter', () => {
    const hall = hallAt8();
    assert.throws(() => pauseCounter(hall.config, hall.state, 'quay-1', 'x', hall.ctx), isCode('COUNTER_CLOSED'));
    hall.apply(openCounter(hall.config, hall.state, 'quay-1', null, hall.ctx));
    hall.apply(pauseCounter(hall.config, hall.state, 'quay-1', 'x', hall.ctx));
    assert.throws(() => pauseCounter(hall.config, hall.state, 'quay-1', 'y', hall.ctx), isCode('COUNTER_CLOSED'));
  });

  test('only a paused counter resumes', () => {
    const hall = hallAt8();
    assert.throws(() => resumeCounter(hall.config, hall.state, 'quay-1', hall.ctx), isCode('INVALID_TICKET_STATE'));
    hall.apply(openCounter(hall.config, hall.state, 'quay-1', null, hall.ctx));
    assert.throws(() => resumeCounter(hall.config, hall.state, 'quay-1', hall.ctx), isCode('INVALID_TICKET_STATE'));
  });

  test('a paused counter cannot recall', () => {
    const hall = hallAt8();
    hall.apply(openCounter(hall.config, hall.state, 'quay-1', null, hall.ctx));
    hall.apply(pauseCounter(hall.config, hall.state, 'quay-1', 'x', hall.ctx));
    assert.throws(() => recall(hall.config, hall.state, 'quay-1', hall.ctx), isCode('COUNTER_CLOSED'));
  });
});

describe('closeCounter', () => {
  test('closes an idle counter and forgets officer and streak', () => {
    const hall = hallAt8();
    hall.issue('ho-tich', { priority: 'elderly' });
    hall.apply(openCounter(hall.config, hall.state, 'quay-1', 'can-bo-1', hall.ctx));
    hall.apply(callNext(hall.config, hall.state, 'quay-1', hall.ctx));
    hall.apply(markNoShow(hall.config, hall.state, 'quay-1', hall.ctx));
    assert.equal(hall.counter('quay-1').priorityStreak, 1);
    hall.apply(closeCounter(hall.config, hall.state, 'quay-1', hall.ctx));
    const c = hall.counter('quay-1');
    assert.equal(c.state, 'closed');
    assert.equal(c.officerId, null);
    assert.equal(c.priorityStreak, 0);
    assert.throws(() => callNext(hall.config, hall.state, 'quay-1', hall.ctx), isCode('COUNTER_CLOSED'));
  });

  test('COUNTER_BUSY with a current ticket', () => {
    const hall = hallAt8();
    hall.apply(openCounter(hall.config, hall.state, 'quay-1', null, hall.ctx));
    hall.apply(callNext(hall.config, hall.state, 'quay-1', hall.ctx));
    assert.throws(() => closeCounter(hall.config, hall.state, 'quay-1', hall.ctx), isCode('COUNTER_BUSY'));
  });

  test('closing a paused counter works; closing a closed one emits nothing', () => {
    const hall = hallAt8();
    assert.deepEqual(closeCounter(hall.config, hall.state, 'quay-1', hall.ctx), []);
    hall.apply(openCounter(hall.config, hall.state, 'quay-1', null, hall.ctx));
    hall.apply(pauseCounter(hall.config, hall.state, 'quay-1', 'x', hall.ctx));
    assert.deepEqual(
      closeCounter(hall.config, hall.state, 'quay-1', hall.ctx).map((e) => e.type),
      ['counter.closed'],
    );
  });
});

// ---- evolve never mutates -------------------------------------------------------------------

function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  if (value instanceof Map) {
    const refuse = () => {
      throw new TypeError('mutation of a frozen Map');
    };
    Object.defineProperties(value, { set: { value: refuse }, delete: { value: refuse }, clear: { value: refuse } });
    for (const v of value.values()) deepFreeze(v);
  }
  // A PersistentMap is immutable by construction (private fields); its values still get frozen.
  if (value instanceof PersistentMap) for (const v of value.values()) deepFreeze(v);
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
  return value;
}

/** The state as plain data that structuredClone and deepEqual see in full. */
const asData = (state: HallState) => ({
  ...state,
  tickets: new Map(state.tickets),
  waiting: new Map([...state.waiting].map(([serviceId, queue]) => [serviceId, { tickets: new Map(queue.tickets), ranks: queue.ranks }])),
});

describe('evolve', () => {
  test('never mutates the previous state and keeps the waiting index true, for every event type', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    const seen = new Set<DomainEventType>();
    const apply = (events: readonly DomainEvent[]) => {
      for (const event of events) {
        const before: HallState = deepFreeze(hall.state);
        const snapshot = structuredClone(asData(before));
        const { state } = evolve(hall.config, before, event);
        assert.deepEqual(asData(before), snapshot, `${event.type} changed the previous state`);
        assert.notEqual(state, before);
        assert.deepEqual(
          asData(state).waiting,
          asData({ ...state, waiting: waitingByService(state.tickets.values()) }).waiting,
          `${event.type}: waiting index`,
        );
        seen.add(event.type);
        hall.state = state;
      }
      hall.clock.advance(MINUTE);
    };
    const { config } = hall;
    for (let i = 0; i < 5; i += 1) apply(issueTicket(config, hall.state, issueCommand('ho-tich'), hall.ctx));
    apply(openCounter(config, hall.state, 'quay-1', 'can-bo-1', hall.ctx));
    apply(callNext(config, hall.state, 'quay-1', hall.ctx));
    apply(recall(config, hall.state, 'quay-1', hall.ctx));
    apply(startService(config, hall.state, 'quay-1', hall.ctx));
    apply(finishService(config, hall.state, 'quay-1', 'received_dossier', hall.ctx));
    apply(callNext(config, hall.state, 'quay-1', hall.ctx));
    apply(markNoShow(config, hall.state, 'quay-1', hall.ctx));
    apply(callNext(config, hall.state, 'quay-1', hall.ctx));
    apply(holdTicket(config, hall.state, 'quay-1', hall.ctx));
    apply(returnTicket(config, hall.state, hall.ticket('A003').id, 'first', hall.ctx));
    apply(callTicket(config, hall.state, 'quay-1', { number: 'A004' }, hall.ctx));
    apply(transferTicket(config, hall.state, { counterId: 'quay-1' }, { toServiceId: 'dat-dai', toCounterId: null }, hall.ctx));
    apply(cancelTicket(config, hall.state, hall.ticket('A005').id, null, hall.ctx));
    apply(pauseCounter(config, hall.state, 'quay-1', 'họp', hall.ctx));
    apply(resumeCounter(config, hall.state, 'quay-1', hall.ctx));
    apply(callNext(config, hall.state, 'quay-1', hall.ctx));
    hall.clock.set(at(MONDAY, '17:30'));
    apply(closeDayIfDue(config, hall.state, hall.ctx));
    assert.deepEqual([...seen].sort(), [
      'counter.closed',
      'counter.opened',
      'counter.paused',
      'counter.resumed',
      'day.closed',
      'service.finished',
      'service.started',
      'ticket.called',
      'ticket.cancelled',
      'ticket.end_of_day',
      'ticket.held',
      'ticket.issued',
      'ticket.no_show',
      'ticket.recalled',
      'ticket.returned',
      'ticket.transferred',
    ]);
    assert.equal(hall.state.tickets.size, 0);
    assert.equal(hall.state.waiting.size, 0);
  });

  test('returns the touched ticket and counter rows', () => {
    const hall = hallAt8();
    hall.apply(openCounter(hall.config, hall.state, 'quay-1', 'can-bo-1', hall.ctx));
    const [called] = callNext(hall.config, hall.state, 'quay-1', hall.ctx);
    const evolution = evolve(hall.config, hall.state, called!);
    assert.equal(evolution.ticket?.number, 'A001');
    assert.equal(evolution.ticket?.status, 'called');
    assert.equal(evolution.counter?.currentTicketId, evolution.ticket?.id);
  });

  test('refuses an event about a ticket that is not open or a counter that does not exist', () => {
    const hall = hallAt8();
    const id = hall.ticket('A001').id;
    const cancelled = cancelTicket(hall.config, hall.state, id, null, hall.ctx);
    hall.apply(cancelled);
    assert.throws(() => evolve(hall.config, hall.state, cancelled[0]!), /not open/);
    assert.throws(
      () => evolve(hall.config, hall.state, { type: 'counter.opened', at: 0, ticketId: null, counterId: 'quay-9', data: { officerId: null } }),
      /unknown counter/,
    );
  });
});
