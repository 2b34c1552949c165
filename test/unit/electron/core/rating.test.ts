/**
 * Ratings: the window opened by a finished service, the 409 codes of the rating API, the levels a
 * 3-level hall accepts, reasons only with dissatisfaction, and the rating folded into the ticket.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError, type ErrorCode } from '../../../../electron/common/errors.ts';
import { foldEvents } from '../../../../electron/core/hall-state.ts';
import { callNext, finishService, openCounter, startService } from '../../../../electron/core/queue-engine.ts';
import { ratingWindowView, submitRating } from '../../../../electron/core/rating.ts';
import { HallHarness, MONDAY, at, testHallConfig } from '../../../support/hall-config.fixture.ts';

const isCode = (code: ErrorCode) => (e: unknown) => e instanceof DomainError && e.code === code;
const SECOND = 1000;

/** A001 served at quay-1 and finished at 08:20:00; the window (30 s by default) closes at 08:20:30. */
function finished(overrides: Parameters<typeof testHallConfig>[0] = {}): { hall: HallHarness; ticketId: string; finishedAt: number } {
  const hall = new HallHarness(testHallConfig(overrides), at(MONDAY, '08:00'));
  const ticket = hall.issue('ho-tich');
  hall.apply(openCounter(hall.config, hall.state, 'quay-1', 'can-bo-1', hall.ctx));
  hall.clock.set(at(MONDAY, '08:10'));
  hall.apply(callNext(hall.config, hall.state, 'quay-1', hall.ctx));
  hall.apply(startService(hall.config, hall.state, 'quay-1', hall.ctx));
  hall.clock.set(at(MONDAY, '08:20'));
  hall.apply(finishService(hall.config, hall.state, 'quay-1', 'received_dossier', hall.ctx));
  return { hall, ticketId: ticket.id, finishedAt: at(MONDAY, '08:20') };
}

describe('rating window', () => {
  test('opens at service.finished for ratingWindowSeconds; the last second is inside, the next is not', () => {
    const { hall, ticketId, finishedAt } = finished();
    assert.deepEqual(ratingWindowView(hall.state, 'quay-1', finishedAt), { ticketId, closesAt: finishedAt + 30 * SECOND });
    assert.deepEqual(ratingWindowView(hall.state, 'quay-1', finishedAt + 30 * SECOND), { ticketId, closesAt: finishedAt + 30 * SECOND });
    assert.equal(ratingWindowView(hall.state, 'quay-1', finishedAt + 30 * SECOND + 1), null);
    assert.equal(ratingWindowView(hall.state, 'quay-2', finishedAt), null);
  });

  test('a configured window of 120 s', () => {
    const { hall, finishedAt } = finished({ policy: { ratingWindowSeconds: 120 } });
    assert.equal(ratingWindowView(hall.state, 'quay-1', finishedAt)?.closesAt, finishedAt + 120 * SECOND);
  });
});

describe('submitRating', () => {
  test('emits ticket.rated and folds level and time into the finished ticket', () => {
    const { hall, ticketId } = finished();
    hall.clock.advance(10 * SECOND);
    const events = submitRating(hall.config, hall.state, 'quay-1', { level: 'dissatisfied', reason: 'Chờ lâu quá' }, hall.ctx);
    assert.deepEqual(events, [
      {
        type: 'ticket.rated',
        at: at(MONDAY, '08:20') + 10 * SECOND,
        ticketId,
        counterId: 'quay-1',
        data: { number: 'A001', counterId: 'quay-1', level: 'dissatisfied', reason: 'Chờ lâu quá' },
      },
    ]);
    const fold = foldEvents(hall.config, hall.state, events);
    assert.equal(fold.tickets.length, 1);
    assert.equal(fold.tickets[0]?.id, ticketId);
    assert.equal(fold.tickets[0]?.rating, 'dissatisfied');
    assert.equal(fold.tickets[0]?.ratedAt, at(MONDAY, '08:20') + 10 * SECOND);
    assert.equal(fold.tickets[0]?.status, 'done');
    assert.equal(ratingWindowView(fold.state, 'quay-1', hall.clock.now()), null, 'a rated window is no longer offered');
  });

  test('rating_window_closed after the window, and at a counter that finished nothing', () => {
    const { hall } = finished();
    hall.clock.advance(31 * SECOND);
    assert.throws(() => submitRating(hall.config, hall.state, 'quay-1', { level: 'satisfied' }, hall.ctx), isCode('rating_window_closed'));
    assert.throws(() => submitRating(hall.config, hall.state, 'quay-2', { level: 'satisfied' }, hall.ctx), isCode('rating_window_closed'));
  });

  test('a keypad press that arrives late is judged at the press: inside the window it counts, with both times', () => {
    const { hall, ticketId, finishedAt } = finished();
    hall.clock.set(finishedAt + 75 * SECOND); // the window closed 45 s ago; the press was at +29 s
    const events = submitRating(hall.config, hall.state, 'quay-1', { level: 'satisfied', pressedAt: finishedAt + 29 * SECOND }, hall.ctx);
    assert.deepEqual(events, [
      {
        type: 'ticket.rated',
        at: finishedAt + 75 * SECOND,
        ticketId,
        counterId: 'quay-1',
        data: { number: 'A001', counterId: 'quay-1', level: 'satisfied', reason: null, pressedAt: finishedAt + 29 * SECOND },
      },
    ]);
  });

  test('a late press outside the window, before the finish, or of a window a newer finish replaced, is refused', () => {
    const { hall, finishedAt } = finished();
    hall.clock.set(finishedAt + 75 * SECOND);
    const pressedAt = (offset: number) => ({ level: 'satisfied' as const, pressedAt: finishedAt + offset });
    assert.throws(() => submitRating(hall.config, hall.state, 'quay-1', pressedAt(31 * SECOND), hall.ctx), isCode('rating_window_closed'));
    assert.throws(() => submitRating(hall.config, hall.state, 'quay-1', pressedAt(-1), hall.ctx), isCode('rating_window_closed'));
    // A "press" from the future is taken as given now: after the window.
    assert.throws(() => submitRating(hall.config, hall.state, 'quay-1', pressedAt(200 * SECOND), hall.ctx), isCode('rating_window_closed'));

    const next = hall.issue('ho-tich');
    hall.apply(callNext(hall.config, hall.state, 'quay-1', hall.ctx));
    hall.apply(startService(hall.config, hall.state, 'quay-1', hall.ctx));
    hall.apply(finishService(hall.config, hall.state, 'quay-1', 'guidance_only', hall.ctx));
    // The window is now the next ticket's: a late press of the first service cannot land on it.
    assert.throws(() => submitRating(hall.config, hall.state, 'quay-1', pressedAt(29 * SECOND), hall.ctx), isCode('rating_window_closed'));
    assert.equal(submitRating(hall.config, hall.state, 'quay-1', { level: 'satisfied' }, hall.ctx)[0]?.ticketId, next.id);
  });

  test('already_rated for a second rating of the same service', () => {
    const { hall } = finished();
    hall.apply(submitRating(hall.config, hall.state, 'quay-1', { level: 'very_satisfied' }, hall.ctx));
    assert.throws(() => submitRating(hall.config, hall.state, 'quay-1', { level: 'dissatisfied' }, hall.ctx), isCode('already_rated'));
  });

  test('a 3-level hall refuses neutral and very_dissatisfied; a 5-level hall accepts them', () => {
    const three = finished().hall;
    for (const level of ['neutral', 'very_dissatisfied'] as const) {
      assert.throws(() => submitRating(three.config, three.state, 'quay-1', { level }, three.ctx), isCode('VALIDATION_FAILED'));
    }
    const five = finished({ policy: { ratingLevels: 5 } }).hall;
    assert.equal(submitRating(five.config, five.state, 'quay-1', { level: 'neutral' }, five.ctx).length, 1);
  });

  test('a reason only with dissatisfaction', () => {
    const { hall } = finished();
    assert.throws(() => submitRating(hall.config, hall.state, 'quay-1', { level: 'satisfied', reason: 'tốt' }, hall.ctx), isCode('VALIDATION_FAILED'));
  });

  test('UNKNOWN_COUNTER', () => {
    const { hall } = finished();
    assert.throws(() => submitRating(hall.config, hall.state, 'quay-99', { level: 'satisfied' }, hall.ctx), isCode('UNKNOWN_COUNTER'));
  });
});
