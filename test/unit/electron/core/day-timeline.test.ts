/**
 * The dashboard's live timeline of a day: people waiting at each quarter hour and the mean wait of
 * the tickets called in it, worked by hand on a small day (boundaries inclusive as stated in
 * core/day-timeline.ts), and where the chart starts.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dayTimeline, timelineStart, timelineTimes, type WaitInterval } from '../../../../electron/core/day-timeline.ts';

const MIN = 60_000;
/** Monday 2026-03-09 08:00 in Hanoi. */
const T = Date.parse('2026-03-09T01:00:00Z');

const ticket = (serviceId: string, issued: number, called: number | null, extra: Partial<WaitInterval> = {}): WaitInterval => ({
  serviceId,
  issuedAt: T + issued * MIN,
  slotStart: null,
  firstCalledAt: called === null ? null : T + called * MIN,
  closedAt: null,
  ...extra,
});

describe('dayTimeline', () => {
  test('waiting counts and mean waits per quarter hour, worked by hand', () => {
    const tickets = [
      ticket('A', -5, 10), // waiting at 08:00; wait 15 min, called in (08:00, 08:15]
      ticket('A', 5, 20), // waiting at 08:15; wait 15 min, called in (08:15, 08:30]
      ticket('A', 12, 30), // waiting at 08:15, called exactly at 08:30: no longer waiting then; wait 18 min in (08:15, 08:30]
      ticket('A', 31, null), // still waiting now (08:40)
      ticket('B', 1, null, { closedAt: T + 14 * MIN }), // cancelled before 08:15: never counted at a step
      ticket('B', 10, 25, { slotStart: T + 20 * MIN }), // early for a 08:20 slot: waits 5 min from the slot
      ticket('X', 0, null), // not a service of the chart
    ];
    const timeline = dayTimeline(tickets, { serviceIds: ['A', 'B'], from: T, now: T + 40 * MIN });
    assert.deepEqual(timeline.times, [T, T + 15 * MIN, T + 30 * MIN, T + 40 * MIN]);
    assert.equal(timeline.stepMinutes, 15);
    assert.deepEqual(timeline.services, [
      { serviceId: 'A', waiting: [1, 2, 0, 1], waitMeanMin: [null, 15, 16.5, null] },
      { serviceId: 'B', waiting: [0, 1, 0, 0], waitMeanMin: [null, null, 5, null] },
    ]);
  });

  test('mean waits keep two decimals of a minute; calls at or before the start are left out', () => {
    const tickets = [ticket('A', 0, 10 + 20 / 60), ticket('A', -20, -1)];
    const timeline = dayTimeline(tickets, { serviceIds: ['A'], from: T, now: T + 15 * MIN });
    assert.deepEqual(timeline.services[0]?.waitMeanMin, [null, 10.33]);
    assert.deepEqual(timeline.services[0]?.waiting, [1, 0]);
  });

  test('a service without tickets has a flat line and no waits', () => {
    const timeline = dayTimeline([], { serviceIds: ['A'], from: T, now: T + 31 * MIN, stepMinutes: 15 });
    assert.deepEqual(timeline.services, [{ serviceId: 'A', waiting: [0, 0, 0, 0], waitMeanMin: [null, null, null, null] }]);
  });
});

describe('timelineTimes', () => {
  test('from, each step before now, then now; a single point when now is the start', () => {
    assert.deepEqual(timelineTimes(0, 30, 15), [0, 15, 30]);
    assert.deepEqual(timelineTimes(0, 31, 15), [0, 15, 30, 31]);
    assert.deepEqual(timelineTimes(0, 0, 15), [0]);
  });
});

describe('timelineStart', () => {
  const dayStart = T - 8 * 60 * MIN;
  test('the quarter hour of the first ticket, early or late; before any ticket, the first period', () => {
    assert.equal(timelineStart(dayStart, T, T - 7 * MIN, T + 60 * MIN), T - 15 * MIN);
    assert.equal(timelineStart(dayStart, T, T + 47 * MIN, T + 60 * MIN), T + 45 * MIN);
    assert.equal(timelineStart(dayStart, T, null, T + 60 * MIN), T);
  });
  test('never after now, never before the day starts', () => {
    assert.equal(timelineStart(dayStart, null, null, T + 22 * MIN), T + 15 * MIN);
    assert.equal(timelineStart(dayStart, T + 60 * MIN, null, T + 22 * MIN), T + 15 * MIN);
    assert.equal(timelineStart(dayStart, dayStart - 60 * MIN, null, T), dayStart);
  });
});
