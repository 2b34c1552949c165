/**
 * Staffing advice: the weekday × hour arrival forecast (local time, closed days excluded) and the
 * counters each service needs under Erlang C, worded "Mở thêm 1 quầy cho Đất đai".
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { callNext, holdTicket, openCounter } from '../../../../electron/core/queue-engine.ts';
import {
  arrivalProfiles,
  forecastForHour,
  openCountersByService,
  staffingAdvice,
  closableCountersByService,
  waitingByService,
} from '../../../../electron/core/staffing.ts';
import { estimateWait, openCapacityByService } from '../../../../electron/core/wait-estimate.ts';
import { HallHarness, MINUTE, MONDAY, TZ, at, testHallConfig } from '../../../support/hall-config.fixture.ts';

describe('arrivalProfiles', () => {
  test('means per local weekday and hour over the dates of that weekday that had tickets', () => {
    // Two Mondays: 3 and 1 dat-dai tickets at 08:xx local → 2 per hour; one Tuesday ticket at 09:xx.
    const arrivals = [
      ...[0, 10, 20].map((m) => ({ serviceId: 'dat-dai', issuedAt: at('2026-03-02', '08:00') + m * MINUTE })),
      { serviceId: 'dat-dai', issuedAt: at('2026-03-09', '08:59') },
      { serviceId: 'ho-tich', issuedAt: at('2026-03-09', '10:00') },
      { serviceId: 'dat-dai', issuedAt: at('2026-03-03', '09:30') },
    ];
    const profiles = arrivalProfiles(arrivals, TZ);
    assert.equal(profiles.get('dat-dai')?.[1]?.[8], 2);
    assert.equal(profiles.get('dat-dai')?.[1]?.[9], 0);
    assert.equal(profiles.get('dat-dai')?.[2]?.[9], 1);
    // ho-tich had one ticket on one of the two Mondays: 0.5 per hour.
    assert.equal(profiles.get('ho-tich')?.[1]?.[10], 0.5);
  });

  test('bucketed in the hall time zone: 00:30 local Tuesday is 17:30 UTC Monday', () => {
    const profiles = arrivalProfiles([{ serviceId: 'ho-tich', issuedAt: Date.parse('2026-03-02T17:30:00Z') }], TZ);
    assert.equal(profiles.get('ho-tich')?.[2]?.[0], 1);
    assert.equal(profiles.get('ho-tich')?.[1]?.[17], 0);
    const forecast = forecastForHour(profiles, Date.parse('2026-03-09T17:05:00Z'), TZ);
    assert.equal(forecast.get('ho-tich'), 1);
  });
});

describe('staffingAdvice', () => {
  test('30 Đất đai tickets an hour of 10 minutes with 5 counters open: open 1 more (6 needed)', () => {
    const config = testHallConfig();
    const advice = staffingAdvice(config, {
      arrivalsPerHour: new Map([
        ['dat-dai', 30],
        ['ho-tich', 3],
      ]),
      meanServiceMinutes: new Map([
        ['dat-dai', 10],
        ['ho-tich', 10],
      ]),
      countersOpen: new Map([
        ['dat-dai', 5],
        ['ho-tich', 2],
      ]),
    });
    const land = advice.find((a) => a.serviceId === 'dat-dai');
    assert.equal(land?.countersNeeded, 6);
    assert.equal(land?.action, 'open_more');
    assert.equal(land?.messageVi, 'Mở thêm 1 quầy cho Đất đai');
    assert.equal(land?.projectedWaitMin, null, '5 Erlangs on 5 counters never settle');
    const civil = advice.find((a) => a.serviceId === 'ho-tich');
    // 3/h × 10 min = 0.5 Erlang: one counter (M/M/1) waits 0.5 / (0.1 − 0.05) = 10 min ≤ 15.
    assert.equal(civil?.countersNeeded, 1);
    assert.equal(civil?.action, 'can_close');
    assert.equal(civil?.messageVi, 'Có thể đóng bớt 1 quầy của Hộ tịch');
    const cert = advice.find((a) => a.serviceId === 'chung-thuc');
    assert.equal(cert?.countersNeeded, 0);
    assert.equal(cert?.action, 'enough');
    assert.equal(cert?.messageVi, 'Đủ quầy cho Chứng thực');
  });

  test('the service time defaults to the service configuration; a 1-counter M/M/1 wait is computed', () => {
    const config = testHallConfig();
    const [civil] = staffingAdvice(config, {
      arrivalsPerHour: new Map([['ho-tich', 3]]),
      meanServiceMinutes: new Map(),
      countersOpen: new Map([['ho-tich', 1]]),
    });
    assert.equal(civil?.meanServiceMinutes, 10);
    // M/M/1: ρ = 0.5, Wq = ρ / (μ − λ) = 0.5 / (0.1 − 0.05) = 10 min.
    assert.equal(civil?.projectedWaitMin, 10);
    assert.equal(civil?.action, 'enough');
  });

  test('only a counter none of whose services has people waiting is advised to close, whatever the forecast', () => {
    // quay-1 serves Hộ tịch; quay-3 Đất đai; quay-4 Hộ tịch, Chứng thực and Đất đai.
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    for (const [counter, officer] of [
      ['quay-1', 'a'],
      ['quay-3', 'b'],
      ['quay-4', 'c'],
    ] as const)
      hall.apply(openCounter(hall.config, hall.state, counter, officer, hall.ctx));
    const countersOpen = openCountersByService(hall.config, hall.state);
    assert.deepEqual(Object.fromEntries(countersOpen), { 'ho-tich': 2, 'chung-thuc': 1, 'dat-dai': 2 });
    assert.deepEqual(closableCountersByService(hall.config, hall.state), countersOpen, 'nobody waits: every open counter could close');

    hall.issue('ho-tich');
    const held = hall.issue('dat-dai');
    hall.apply(callNext(hall.config, hall.state, 'quay-3', hall.ctx));
    hall.apply(holdTicket(hall.config, hall.state, 'quay-3', hall.ctx));
    assert.equal(hall.ticket(held.id).status, 'held');
    const closable = closableCountersByService(hall.config, hall.state);
    assert.deepEqual(Object.fromEntries(closable), { 'dat-dai': 1 }, 'only quay-3: a held ticket is not waiting, Hộ tịch is');

    // No arrivals forecast: 0 counters needed anywhere.
    const input = { arrivalsPerHour: new Map(), meanServiceMinutes: new Map(), countersOpen };
    const advice = (extra: object) => Object.fromEntries(staffingAdvice(hall.config, { ...input, ...extra }).map((a) => [a.serviceId, a.messageVi]));
    assert.deepEqual(advice({}), {
      'ho-tich': 'Có thể đóng bớt 2 quầy của Hộ tịch',
      'chung-thuc': 'Có thể đóng bớt 1 quầy của Chứng thực',
      'dat-dai': 'Có thể đóng bớt 2 quầy của Đất đai',
    });
    assert.deepEqual(advice({ closable }), {
      'ho-tich': 'Đủ quầy cho Hộ tịch',
      'chung-thuc': 'Đủ quầy cho Chứng thực',
      'dat-dai': 'Có thể đóng bớt 1 quầy của Đất đai',
    });
  });

  test('the people already waiting count: 8 Hộ tịch tickets of 10 minutes need 6 counters for a new one to wait ≤ 15 min', () => {
    const config = testHallConfig();
    const input = { arrivalsPerHour: new Map(), meanServiceMinutes: new Map([['ho-tich', 10]]), countersOpen: new Map([['ho-tich', 2]]) };
    const [quiet] = staffingAdvice(config, input);
    assert.equal(quiet?.action, 'can_close', 'no backlog, no forecast');
    const [busy] = staffingAdvice(config, { ...input, waiting: new Map([['ho-tich', 8]]) });
    // 8 × 10 = 80 minutes of work: 80 / 15 → 6 counters; with the 2 open a new ticket waits 40 min.
    assert.equal(busy?.countersNeeded, 6);
    assert.equal(busy?.projectedWaitMin, 40);
    assert.equal(busy?.messageVi, 'Mở thêm 4 quầy cho Hộ tịch');
    const [none] = staffingAdvice(config, { ...input, countersOpen: new Map(), waiting: new Map([['ho-tich', 1]]) });
    assert.equal(none?.projectedWaitMin, null, 'waiting with no counter open: no end');
    assert.equal(none?.messageVi, 'Mở thêm 1 quầy cho Hộ tịch');
  });

  test('the projected wait works off the people waiting at the capacity the queue estimate uses: the two agree', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    // Only quầy 2 is open: Chứng thực weight 2, Đất đai weight 1, so a third of it serves Đất đai.
    hall.apply(openCounter(hall.config, hall.state, 'quay-2', 'a', hall.ctx));
    for (let i = 0; i < 4; i++) hall.issue('dat-dai');
    const capacity = openCapacityByService(hall.config, hall.state);
    assert.deepEqual(Object.fromEntries(capacity), { 'chung-thuc': 2 / 3, 'dat-dai': 1 / 3 });
    const input = {
      arrivalsPerHour: new Map(),
      meanServiceMinutes: new Map(),
      countersOpen: openCountersByService(hall.config, hall.state),
      waiting: waitingByService(hall.state),
      openCapacity: capacity,
    };
    const landAdvice = staffingAdvice(hall.config, input).find((a) => a.serviceId === 'dat-dai');
    const estimate = estimateWait(hall.config, hall.state, 'dat-dai');
    // 4 people × 15 default minutes over a third of a counter.
    assert.equal(estimate.estimatedWaitMinutes, 180);
    assert.equal(landAdvice?.projectedWaitMin, 180);
    const wholeCounters = staffingAdvice(hall.config, { ...input, openCapacity: undefined }).find((a) => a.serviceId === 'dat-dai');
    assert.equal(wholeCounters?.projectedWaitMin, 60, 'counting the shared counter whole would promise a third of the wait');
  });

  test('open counters are counted per service they serve', () => {
    const hall = new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
    hall.apply(openCounter(hall.config, hall.state, 'quay-2', 'a', hall.ctx));
    hall.apply(openCounter(hall.config, hall.state, 'quay-4', 'b', hall.ctx));
    const open = openCountersByService(hall.config, hall.state);
    assert.deepEqual(Object.fromEntries(open), { 'chung-thuc': 2, 'dat-dai': 2, 'ho-tich': 1 });
  });
});
