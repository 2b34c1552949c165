/**
 * Wait estimate: people ahead by class, weighted servers from open counters, mean service
 * time from recent services or the default, rounded up to whole minutes.
 *
 * Fixture weights: ho-tich is served by quay-1 (its only queue) and quay-4 (1 of 3 queues);
 * chung-thuc by quay-2 (weight 2 of 3) and quay-4 (1 of 3); dat-dai by quay-2 (1 of 3),
 * quay-3 (its only queue) and quay-4 (1 of 3).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { callNext, finishService, issueTicket, openCounter, pauseCounter, startService } from '../../../../electron/core/queue-engine.ts';
import { estimateWait } from '../../../../electron/core/wait-estimate.ts';
import { HallHarness, MINUTE, MONDAY, at, issueCommand, testHallConfig } from '../../../support/hall-config.fixture.ts';

function hall(): HallHarness {
  return new HallHarness(testHallConfig(), at(MONDAY, '08:00'));
}

function open(h: HallHarness, ...counterIds: string[]): void {
  for (const id of counterIds) h.apply(openCounter(h.config, h.state, id, null, h.ctx));
}

describe('estimateWait: an empty hall', () => {
  test('nobody ahead, default service time, all configured counters expected', () => {
    const h = hall();
    assert.deepEqual(estimateWait(h.config, h.state, 'ho-tich'), {
      serviceId: 'ho-tich',
      peopleAhead: 0,
      estimatedWaitMinutes: 0,
      meanServiceMinutes: 10,
      servers: 1.33,
      openCounters: 0,
      basis: 'default',
    });
  });

  test('throws for an unknown service', () => {
    const h = hall();
    assert.throws(() => estimateWait(h.config, h.state, 'no-such'), /unknown service/);
  });
});

describe('estimateWait: people ahead', () => {
  /** ho-tich: A001 called at quay-1; waiting A002 N, A003 elderly, A004 N, A005 pregnant, A006 appointment; B001 waiting. */
  function mixedQueue(): HallHarness {
    const h = hall();
    h.issue('ho-tich');
    open(h, 'quay-1');
    h.apply(callNext(h.config, h.state, 'quay-1', h.ctx));
    for (const priority of ['normal', 'elderly', 'normal', 'pregnant'] as const) {
      h.clock.advance(MINUTE);
      h.issue('ho-tich', { priority });
    }
    h.issue('ho-tich', { priority: 'appointment', slotStart: at(MONDAY, '10:00') });
    h.issue('chung-thuc');
    return h;
  }

  test('a new normal ticket waits behind every waiting ticket of its queue', () => {
    const h = mixedQueue();
    assert.equal(estimateWait(h.config, h.state, 'ho-tich', 'normal').peopleAhead, 5);
  });

  test('a new priority ticket waits behind priority and appointment tickets only', () => {
    const h = mixedQueue();
    assert.equal(estimateWait(h.config, h.state, 'ho-tich', 'elderly').peopleAhead, 3);
    assert.equal(estimateWait(h.config, h.state, 'ho-tich', 'disabled').peopleAhead, 3);
  });

  test('a new appointment waits behind appointments only', () => {
    const h = mixedQueue();
    assert.equal(estimateWait(h.config, h.state, 'ho-tich', 'appointment').peopleAhead, 1);
  });

  test('an existing ticket counts only those of its class queued before it', () => {
    const h = mixedQueue();
    const a4 = h.ticket('A004');
    assert.equal(estimateWait(h.config, h.state, 'ho-tich', 'normal', a4).peopleAhead, 4);
    const a2 = h.ticket('A002');
    assert.equal(estimateWait(h.config, h.state, 'ho-tich', 'normal', a2).peopleAhead, 3);
    const a5 = h.ticket('A005');
    assert.equal(estimateWait(h.config, h.state, 'ho-tich', 'pregnant', a5).peopleAhead, 2);
  });

  test('same queue time: the lower number is ahead', () => {
    const h = hall();
    const a1 = h.issue('ho-tich');
    const a2 = h.issue('ho-tich');
    assert.equal(estimateWait(h.config, h.state, 'ho-tich', 'normal', a2).peopleAhead, 1);
    assert.equal(estimateWait(h.config, h.state, 'ho-tich', 'normal', a1).peopleAhead, 0);
  });

  test('other queues do not count', () => {
    const h = mixedQueue();
    assert.equal(estimateWait(h.config, h.state, 'chung-thuc').peopleAhead, 1);
    assert.equal(estimateWait(h.config, h.state, 'dat-dai').peopleAhead, 0);
  });
});

describe('estimateWait: servers', () => {
  test('a counter serving only this queue counts 1', () => {
    const h = hall();
    open(h, 'quay-1');
    const e = estimateWait(h.config, h.state, 'ho-tich');
    assert.equal(e.servers, 1);
    assert.equal(e.openCounters, 1);
  });

  test('a shared counter counts its weight share of the queue', () => {
    const h = hall();
    open(h, 'quay-2');
    assert.equal(estimateWait(h.config, h.state, 'chung-thuc').servers, 0.67);
    assert.equal(estimateWait(h.config, h.state, 'dat-dai').servers, 0.33);
    open(h, 'quay-4');
    assert.equal(estimateWait(h.config, h.state, 'chung-thuc').servers, 1);
    assert.equal(estimateWait(h.config, h.state, 'chung-thuc').openCounters, 2);
  });

  test('falls back to all configured counters when none serving the queue is open', () => {
    const h = hall();
    open(h, 'quay-1'); // serves ho-tich only
    const e = estimateWait(h.config, h.state, 'dat-dai');
    assert.equal(e.openCounters, 0);
    assert.equal(e.servers, 1.67);
  });

  test('a paused counter is not an open one', () => {
    const h = hall();
    open(h, 'quay-2', 'quay-3');
    h.apply(pauseCounter(h.config, h.state, 'quay-3', 'họp', h.ctx));
    const e = estimateWait(h.config, h.state, 'dat-dai');
    assert.equal(e.openCounters, 1);
    assert.equal(e.servers, 0.33);
  });
});

describe('estimateWait: service time and minutes', () => {
  test('uses the recent service times once they exist', () => {
    const h = hall();
    for (let i = 0; i < 4; i += 1) h.issue('chung-thuc');
    open(h, 'quay-2');
    assert.equal(estimateWait(h.config, h.state, 'chung-thuc').meanServiceMinutes, 6);
    for (const minutes of [4, 5]) {
      h.apply(callNext(h.config, h.state, 'quay-2', h.ctx));
      h.apply(startService(h.config, h.state, 'quay-2', h.ctx));
      h.clock.advance(minutes * MINUTE);
      h.apply(finishService(h.config, h.state, 'quay-2', 'received_dossier', h.ctx));
    }
    const e = estimateWait(h.config, h.state, 'chung-thuc');
    assert.equal(e.basis, 'recent');
    assert.equal(e.meanServiceMinutes, 4.5);
    assert.equal(e.peopleAhead, 2);
    // 2 × 4.5 / (2/3) = 13.5 → 14
    assert.equal(e.estimatedWaitMinutes, 14);
    // Recent times of another queue do not leak.
    assert.equal(estimateWait(h.config, h.state, 'dat-dai').basis, 'default');
  });

  test('meanServiceMinutes is rounded to a tenth', () => {
    const h = hall();
    h.issue('ho-tich');
    open(h, 'quay-1');
    h.apply(callNext(h.config, h.state, 'quay-1', h.ctx));
    h.apply(startService(h.config, h.state, 'quay-1', h.ctx));
    h.clock.advance(100_000);
    h.apply(finishService(h.config, h.state, 'quay-1', 'guidance_only', h.ctx));
    assert.equal(estimateWait(h.config, h.state, 'ho-tich').meanServiceMinutes, 1.7);
  });

  test('rounds a fractional estimate up', () => {
    const h = hall();
    h.issue('ho-tich');
    open(h, 'quay-1', 'quay-4');
    // 1 × 10 / (1 + 1/3) = 7.5 → 8
    assert.equal(estimateWait(h.config, h.state, 'ho-tich').estimatedWaitMinutes, 8);
  });

  test('a representative’s ticket counts each of its dossiers as a service, and still one person ahead', () => {
    const h = new HallHarness(testHallConfig({ policy: { maxDossiersPerTicket: 5 } }), at(MONDAY, '08:00'));
    h.apply(issueTicket(h.config, h.state, { ...issueCommand('ho-tich'), dossierCount: 4 }, h.ctx));
    h.issue('ho-tich');
    open(h, 'quay-1');
    // (4 + 1) dossiers × 10 minutes on one counter
    const e = estimateWait(h.config, h.state, 'ho-tich');
    assert.deepEqual([e.peopleAhead, e.estimatedWaitMinutes], [2, 50]);
  });

  test('a whole estimate is not pushed up by floating-point noise', () => {
    const h = hall();
    for (let i = 0; i < 5; i += 1) h.issue('dat-dai');
    open(h, 'quay-2', 'quay-3', 'quay-4');
    // 5 × 15 / (1/3 + 1 + 1/3) = 45 exactly
    const e = estimateWait(h.config, h.state, 'dat-dai');
    assert.equal(e.servers, 1.67);
    assert.equal(e.estimatedWaitMinutes, 45);
  });

  test('more open counters shorten the estimate', () => {
    const h = hall();
    for (let i = 0; i < 3; i += 1) h.issue('ho-tich');
    open(h, 'quay-1');
    assert.equal(estimateWait(h.config, h.state, 'ho-tich').estimatedWaitMinutes, 30);
    open(h, 'quay-4');
    // 3 × 10 / (4/3) = 22.5 → 23
    assert.equal(estimateWait(h.config, h.state, 'ho-tich').estimatedWaitMinutes, 23);
  });

  test('zero when nobody is ahead and a counter is open', () => {
    const h = hall();
    open(h, 'quay-1');
    assert.equal(estimateWait(h.config, h.state, 'ho-tich').estimatedWaitMinutes, 0);
  });
});

describe('estimateWait: one scan per state', () => {
  test('the same question on the same state gets the same answer object; a new state is counted afresh', () => {
    const h = hall();
    open(h, 'quay-1');
    const t = h.issue('ho-tich');
    const before = { id: t.id, queuedAt: t.queuedAt, seq: t.seq };
    const first = estimateWait(h.config, h.state, 'ho-tich', 'normal', before);
    assert.equal(estimateWait(h.config, h.state, 'ho-tich', 'normal', before), first);
    assert.notEqual(estimateWait(h.config, h.state, 'ho-tich', 'elderly', before), first, 'another question');
    const newcomer = estimateWait(h.config, h.state, 'ho-tich');
    assert.equal(newcomer.peopleAhead, 1);
    h.issue('ho-tich');
    assert.equal(estimateWait(h.config, h.state, 'ho-tich').peopleAhead, 2, 'the next state has one more ticket waiting');
  });
});
